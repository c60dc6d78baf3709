import { Args, ID, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Connection,
  Ctx,
  fieldContext,
  type GraphQLContext,
  type NoArgs,
  ParseIdPipe,
  Public,
  RequestContext,
  Role,
  Roles,
} from '@techmatch/common';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { CatalogueLoaders } from '../shared/catalogue-loaders.js';
import { NeedListArgs } from './dto/need-filter.input.js';
import { CreateNeedInput, UpdateNeedInput } from './dto/need.input.js';
import { TechNeed } from './tech-need.entity.js';
import { TechNeedsService } from './tech-needs.service.js';

@ObjectType()
export class TechNeedConnection extends Connection(TechNeed, 'TechNeed') {}

const MANAGERS = [Role.ENTERPRISE, Role.BROKER, Role.ADMIN];

@Resolver(() => TechNeed)
export class TechNeedsResolver {
  constructor(
    private readonly needs: TechNeedsService,
    private readonly loaders: CatalogueLoaders,
  ) {}

  @Public()
  @Query(() => TechNeedConnection, {
    description: '技术需求列表 / Needs, newest first; the public sees live ones',
  })
  techNeeds(@Ctx() ctx: RequestContext, @Args() args: NeedListArgs): Promise<TechNeedConnection> {
    return this.needs.list(ctx, args.filter ?? {}, args);
  }

  @Public()
  @Query(() => TechNeed)
  techNeed(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<TechNeed> {
    return this.needs.findVisible(ctx, id);
  }

  @Roles(...MANAGERS)
  @Query(() => TechNeedConnection, {
    description: "本企业的需求（含草稿） / Your enterprise's needs in every status",
  })
  myNeeds(@Ctx() ctx: RequestContext, @Args() args: NeedListArgs): Promise<TechNeedConnection> {
    return this.needs.listMine(ctx, args.filter ?? {}, args);
  }

  @Roles(...MANAGERS)
  @Mutation(() => TechNeed, { description: '发布需求（草稿） / Post a need, as a draft' })
  createTechNeed(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateNeedInput,
  ): Promise<TechNeed> {
    return this.needs.create(ctx, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => TechNeed)
  updateTechNeed(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateNeedInput,
  ): Promise<TechNeed> {
    return this.needs.update(ctx, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => TechNeed, { description: 'DRAFT → OPEN' })
  publishTechNeed(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<TechNeed> {
    return this.needs.transition(ctx, id, 'publish');
  }

  @Roles(...MANAGERS)
  @Mutation(() => TechNeed, { description: 'DRAFT | OPEN | MATCHING → CLOSED' })
  archiveTechNeed(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<TechNeed> {
    return this.needs.transition(ctx, id, 'archive');
  }

  @Roles(...MANAGERS)
  @Mutation(() => TechNeed, { description: 'CLOSED → OPEN' })
  reopenTechNeed(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<TechNeed> {
    return this.needs.transition(ctx, id, 'reopen');
  }

  @ResolveField(() => Enterprise)
  enterprise(
    need: TechNeed,
    _args: NoArgs,
    context: GraphQLContext,
  ): Enterprise | Promise<Enterprise | null> {
    // Search and matching read needs with their enterprise joined: no second query for it.
    return (
      need.enterprise ?? this.loaders.enterprise(fieldContext(context)).load(need.enterpriseId)
    );
  }
}
