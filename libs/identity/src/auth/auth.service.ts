import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ErrorCode,
  type RequestContext,
  UnauthenticatedError,
} from '@techmatch/common';
import type { LoginInput } from '../dto/credentials.input.js';
import type { AuthPayload } from '../dto/auth-payload.model.js';
import { type User, UserStatus } from '../user.entity.js';
import { UsersService } from '../users.service.js';
import { AuthTokenService } from './auth-token.service.js';
import { PasswordService } from './password.service.js';

/** Logging in, and turning a bearer token back into the caller it was issued to. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: AuthTokenService,
  ) {}

  async login(_ctx: RequestContext, input: LoginInput): Promise<AuthPayload> {
    const user = await this.users.findForLogin(input.email);
    const matches = await this.passwords.verify(user?.passwordHash, input.password);
    // One answer for "no such account", "wrong password" and "disabled": no account enumeration.
    if (!user || !matches || user.status !== UserStatus.ACTIVE) {
      throw new UnauthenticatedError(
        { zh: '邮箱或密码错误', en: 'Wrong e-mail or password' },
        ErrorCode.INVALID_CREDENTIALS,
      );
    }
    await this.users.recordLogin(user);
    return this.session(user);
  }

  /** A signed-in session for `user` (after login, or right after self-registration). */
  async session(user: User): Promise<AuthPayload> {
    const token = await this.tokens.issue({ sub: user.id, role: user.role });
    return { ...token, tokenType: 'Bearer', user };
  }

  /** The caller behind a token; throws UNAUTHENTICATED or TOKEN_EXPIRED when there is none. */
  async authenticate(token: string): Promise<Actor> {
    const claims = await this.tokens.verify(token);
    const user = await this.users.findActive(claims.sub);
    if (!user) {
      throw new UnauthenticatedError({
        zh: '账户不存在或已停用',
        en: 'This account no longer exists or is disabled',
      });
    }
    return { userId: user.id, role: user.role };
  }
}
