import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequestContext, Role, Roles } from '@techmatch/common';
import { AuthService } from './auth/auth.service.js';
import { AuthPayload } from './dto/auth-payload.model.js';
import { LoginInput } from './dto/credentials.input.js';
import { CreateBrokerInput } from './dto/new-account.input.js';
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
  @Mutation(() => AuthPayload, { description: '登录 / Exchange e-mail and password for a token' })
  login(@Ctx() ctx: RequestContext, @Args('input') input: LoginInput): Promise<AuthPayload> {
    return this.auth.login(ctx, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => User, { description: '管理员创建技术经纪人账户 / An admin appoints a broker' })
  createBroker(@Ctx() ctx: RequestContext, @Args('input') input: CreateBrokerInput): Promise<User> {
    return this.users.createAccount(ctx, input, Role.BROKER);
  }
}
