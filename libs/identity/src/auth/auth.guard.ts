import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import {
  type Actor,
  type ApiRequest,
  ForbiddenError,
  type GraphQLContext,
  PUBLIC_KEY,
  Role,
  ROLES_KEY,
  UnauthenticatedError,
} from '@techmatch/common';
import { AuthService } from './auth.service.js';

/** Outcome of reading the bearer token, cached per request so a query with many fields pays once. */
interface Authentication {
  actor: Actor | null;
  failure?: Error;
}

const AUTHENTICATION = Symbol('authentication');
type AuthenticatedRequest = ApiRequest & { [AUTHENTICATION]?: Promise<Authentication> };

/**
 * The global guard. Everything requires a valid token unless it is marked `@Public()`; `@Roles(...)`
 * narrows further. On public operations a bad token is ignored (the caller is anonymous), so that an
 * IDE holding a stale token can still log in; elsewhere it is reported as UNAUTHENTICATED or
 * TOKEN_EXPIRED. Refusals for the wrong role are FORBIDDEN and name the roles that may call.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = this.request(context);

    const { actor, failure } = await this.authenticateOnce(req);
    req.actor = actor;
    if (isPublic) return true;
    if (!actor) throw failure ?? new UnauthenticatedError();
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenError(
        {
          zh: `此操作仅限 ${roles.join('、')} 角色，当前角色为 ${actor.role}`,
          en: `Only ${roles.join(', ')} may do this; you are ${actor.role}`,
        },
        { requiredRoles: roles },
      );
    }
    return true;
  }

  private request(context: ExecutionContext): AuthenticatedRequest {
    if (context.getType<GqlContextType>() === 'graphql') {
      return GqlExecutionContext.create(context).getContext<GraphQLContext>().req;
    }
    return context.switchToHttp().getRequest<AuthenticatedRequest>();
  }

  private authenticateOnce(req: AuthenticatedRequest): Promise<Authentication> {
    req[AUTHENTICATION] ??= this.authenticate(req.headers.authorization);
    return req[AUTHENTICATION];
  }

  private async authenticate(header: string | undefined): Promise<Authentication> {
    if (!header) return { actor: null };
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return {
        actor: null,
        failure: new UnauthenticatedError({
          zh: 'Authorization 请求头格式应为 "Bearer <令牌>"',
          en: 'The Authorization header must be "Bearer <token>"',
        }),
      };
    }
    try {
      return { actor: await this.auth.authenticate(token) };
    } catch (failure) {
      if (failure instanceof UnauthenticatedError) return { actor: null, failure };
      throw failure;
    }
  }
}
