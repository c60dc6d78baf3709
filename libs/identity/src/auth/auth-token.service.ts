import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, type Role, UnauthenticatedError } from '@techmatch/common';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The session: ending it ends the token, whatever its `exp`. */
  sid: string;
}

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

const expired = (): UnauthenticatedError =>
  new UnauthenticatedError(
    { zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
    ErrorCode.TOKEN_EXPIRED,
  );
const invalid = (): UnauthenticatedError =>
  new UnauthenticatedError({
    zh: '访问令牌无效，请重新登录',
    en: 'The access token is invalid; please log in again',
  });

/**
 * Issues and checks the HS256 access tokens the API accepts as `Authorization: Bearer …`. They are
 * short-lived (JWT_EXPIRES_IN) and name their session; a token without one (issued before sessions
 * existed) is refused, so that every accepted token can be revoked.
 */
@Injectable()
export class AuthTokenService {
  constructor(private readonly jwt: JwtService) {}

  async issue(claims: AccessTokenClaims): Promise<IssuedToken> {
    const accessToken = await this.jwt.signAsync(claims);
    const { exp } = this.jwt.decode<{ exp: number }>(accessToken);
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }

  /** The token's claims, or UNAUTHENTICATED / TOKEN_EXPIRED saying why it is refused. */
  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, {
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') throw invalid();
      return claims;
    } catch (error) {
      if (error instanceof Error && error.name === 'TokenExpiredError') throw expired();
      throw invalid();
    }
  }
}
