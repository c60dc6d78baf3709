import { Injectable } from '@nestjs/common';
import {
  type Actor,
  ErrorCode,
  type RequestContext,
  UnauthenticatedError,
} from '@techmatch/common';
import type { LoginInput } from '../dto/credentials.input.js';
import type { AuthPayload } from '../dto/auth-payload.model.js';
import type { RefreshSessionInput } from '../dto/refresh-session.input.js';
import { SessionEndReason } from '../sessions/session.entity.js';
import {
  type IssuedRefreshToken,
  refreshRefused,
  SessionsService,
} from '../sessions/sessions.service.js';
import { LoginThrottleService } from '../throttle/login-throttle.service.js';
import { type User, UserStatus } from '../user.entity.js';
import { UsersService } from '../users.service.js';
import { AuthTokenService } from './auth-token.service.js';
import { PasswordService } from './password.service.js';

/**
 * Logging in (throttled), sessions (refresh, logout), and turning a bearer token back into the
 * caller it was issued to.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: AuthTokenService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** `clientIp`: the caller's address, for the per-address lockout (absent on a websocket). */
  async login(_ctx: RequestContext, input: LoginInput, clientIp?: string): Promise<AuthPayload> {
    // Before anything is looked up, so a locked-out answer is the same for every address.
    const attempt = await this.throttle.admit(input.email, clientIp);
    const user = await this.users.findForLogin(input.email);
    const matches = await this.passwords.verify(user?.passwordHash, input.password);
    // One answer for "no such account", "wrong password" and "disabled": no account enumeration.
    if (!user || !matches || user.status !== UserStatus.ACTIVE) {
      await this.throttle.failed(attempt);
      throw new UnauthenticatedError(
        { zh: '邮箱或密码错误', en: 'Wrong e-mail or password' },
        ErrorCode.INVALID_CREDENTIALS,
      );
    }
    await this.throttle.succeeded(attempt);
    await this.users.recordLogin(user);
    // Expired sessions are swept now and then by whichever replica happens to log someone in.
    if (Math.random() < 0.01) await this.sessions.prune();
    return this.session(user);
  }

  /** A new signed-in session for `user` (after login, or right after self-registration). */
  async session(user: User): Promise<AuthPayload> {
    return this.payload(user, await this.sessions.open(user.id));
  }

  /** Rotates the session's refresh token and issues a new access token (see SessionsService). */
  async refresh(_ctx: RequestContext, input: RefreshSessionInput): Promise<AuthPayload> {
    const issued = await this.sessions.rotate(input.refreshToken);
    const user = await this.users.findActive(issued.userId);
    if (!user) throw refreshRefused();
    return this.payload(user, issued);
  }

  /** Ends the caller's session: its access token and refresh token stop working at once. */
  async logout(ctx: RequestContext): Promise<boolean> {
    const { sessionId } = ctx.requireActor();
    if (!sessionId) return false;
    return this.sessions.end(sessionId, SessionEndReason.LOGOUT);
  }

  /** Ends every session of the caller, on every device, this one included. */
  async logoutEverywhere(ctx: RequestContext): Promise<boolean> {
    const ended = await this.sessions.endAll(
      ctx.requireActor().userId,
      SessionEndReason.LOGOUT_EVERYWHERE,
    );
    return ended > 0;
  }

  /** The caller behind a token; throws UNAUTHENTICATED or TOKEN_EXPIRED when there is none. */
  async authenticate(token: string): Promise<Actor> {
    const claims = await this.tokens.verify(token);
    // The session and the account in one statement: this runs on every request.
    const role = await this.sessions.activeRole(claims.sid, claims.sub);
    if (!role) {
      throw new UnauthenticatedError({
        zh: '会话已结束或账户已停用，请重新登录',
        en: 'This session has ended or the account is disabled; please log in again',
      });
    }
    return { userId: claims.sub, role, sessionId: claims.sid };
  }

  private async payload(user: User, session: IssuedRefreshToken): Promise<AuthPayload> {
    const token = await this.tokens.issue({
      sub: user.id,
      role: user.role,
      sid: session.sessionId,
    });
    return {
      ...token,
      tokenType: 'Bearer',
      refreshToken: session.refreshToken,
      refreshExpiresAt: session.refreshExpiresAt,
      user,
    };
  }
}
