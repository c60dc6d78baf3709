import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type ApiRequest, Ctx, Public, RequestContext, Role, Roles } from '@techmatch/common';
import { AuthService } from './auth/auth.service.js';
import { AuthPayload } from './dto/auth-payload.model.js';
import { LoginInput } from './dto/credentials.input.js';
import { CreateBrokerInput } from './dto/new-account.input.js';
import { RefreshSessionInput } from './dto/refresh-session.input.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@Resolver(() => User)
export class IdentityResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Query(() => User, { description: '当前登录用户 / The caller' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.findById(ctx, ctx.requireActor().userId);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      '登录 / Exchange e-mail and password for a session. Repeated failures lock the e-mail ' +
      'address and the IP address out for a growing delay (LOGIN_LOCKED_OUT, retryAfterSeconds)',
  })
  login(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LoginInput,
    @Context('req') req: ApiRequest,
  ): Promise<AuthPayload> {
    return this.auth.login(ctx, input, req.ip);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      '刷新会话 / Spend a refresh token for a new access token and refresh token. A spent ' +
      'refresh token presented again ends the session',
  })
  refreshSession(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RefreshSessionInput,
  ): Promise<AuthPayload> {
    return this.auth.refresh(ctx, input);
  }

  @Mutation(() => Boolean, {
    description: '退出登录 / End this session: its access and refresh tokens stop working at once',
  })
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.auth.logout(ctx);
  }

  @Mutation(() => Boolean, {
    description: '退出所有设备 / End every session of the caller, this one included',
  })
  logoutEverywhere(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.auth.logoutEverywhere(ctx);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => User, { description: '管理员创建技术经纪人账户 / An admin appoints a broker' })
  createBroker(@Ctx() ctx: RequestContext, @Args('input') input: CreateBrokerInput): Promise<User> {
    return this.users.createAccount(ctx, input, Role.BROKER);
  }
}
