import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Connection,
  Ctx,
  fieldContext,
  type GraphQLContext,
  type NoArgs,
  PageArgs,
  ParseIdPipe,
  Public,
  RequestContext,
  Role,
  Roles,
} from '@techmatch/common';
import { AuthPayload } from '@techmatch/identity';
import {
  EnterpriseInput,
  RegisterEnterpriseInput,
  UpdateEnterpriseInput,
} from './dto/enterprise.input.js';
import { CatalogueLoaders } from '../shared/catalogue-loaders.js';
import { Division } from '../taxonomies/division.entity.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterprisesService } from './enterprises.service.js';

@ObjectType()
export class EnterpriseConnection extends Connection(Enterprise, 'Enterprise') {}

@Resolver(() => Enterprise)
export class EnterprisesResolver {
  constructor(
    private readonly service: EnterprisesService,
    private readonly loaders: CatalogueLoaders,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description: '企业自助注册 / An enterprise registers itself and its first user',
  })
  registerEnterprise(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RegisterEnterpriseInput,
  ): Promise<AuthPayload> {
    return this.service.register(ctx, input);
  }

  @Roles(Role.BROKER, Role.ADMIN)
  @Mutation(() => Enterprise, { description: 'Brokers and admins enter an enterprise' })
  createEnterprise(
    @Ctx() ctx: RequestContext,
    @Args('input') input: EnterpriseInput,
  ): Promise<Enterprise> {
    return this.service.create(ctx, input);
  }

  @Roles(Role.ENTERPRISE, Role.BROKER, Role.ADMIN)
  @Mutation(() => Enterprise)
  updateEnterprise(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateEnterpriseInput,
  ): Promise<Enterprise> {
    return this.service.update(ctx, input);
  }

  @Public()
  @Query(() => Enterprise)
  enterprise(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Enterprise> {
    return this.service.findById(ctx, id);
  }

  @Roles(Role.ENTERPRISE)
  @Query(() => Enterprise, { nullable: true, description: 'The enterprise you act for' })
  myEnterprise(@Ctx() ctx: RequestContext): Promise<Enterprise | null> {
    return this.service.mine(ctx);
  }

  @Roles(Role.BROKER, Role.ADMIN)
  @Query(() => EnterpriseConnection)
  enterprises(@Ctx() ctx: RequestContext, @Args() page: PageArgs): Promise<EnterpriseConnection> {
    return this.service.list(ctx, page);
  }

  @ResolveField(() => Division)
  division(
    enterprise: Enterprise,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<Division | null> {
    return this.loaders.division(fieldContext(context)).load(enterprise.divisionCode);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The enterprise, brokers and admins only',
  })
  async contactName(
    enterprise: Enterprise,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<string | null> {
    return (await this.service.canSeeContact(fieldContext(context), enterprise))
      ? enterprise.contactName
      : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The enterprise, brokers and admins only',
  })
  async contactPhone(
    enterprise: Enterprise,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<string | null> {
    return (await this.service.canSeeContact(fieldContext(context), enterprise))
      ? enterprise.contactPhone
      : null;
  }
}
