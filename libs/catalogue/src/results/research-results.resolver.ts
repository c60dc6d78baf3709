import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, ParseIdPipe, Public, RequestContext, Role, Roles } from '@techmatch/common';
import { CreateResultInput, UpdateResultInput } from './dto/result.input.js';
import { ResultListArgs } from './dto/result-filter.input.js';
import { ResearchResult } from './research-result.entity.js';
import { ResearchResultsService } from './research-results.service.js';
import { ResearchResultConnection } from './result.models.js';

const MANAGERS = [Role.RESEARCHER, Role.BROKER, Role.ADMIN];

@Resolver(() => ResearchResult)
export class ResearchResultsResolver {
  constructor(private readonly results: ResearchResultsService) {}

  @Public()
  @Query(() => ResearchResultConnection, {
    description: '科技成果列表 / Results, newest first; the public sees published ones only',
  })
  researchResults(
    @Ctx() ctx: RequestContext,
    @Args() args: ResultListArgs,
  ): Promise<ResearchResultConnection> {
    return this.results.list(ctx, args.filter ?? {}, args);
  }

  @Public()
  @Query(() => ResearchResult)
  researchResult(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<ResearchResult> {
    return this.results.findVisible(ctx, id);
  }

  @Roles(...MANAGERS)
  @Query(() => ResearchResultConnection, {
    description: "本机构的成果（含草稿） / Your institution's results in every status",
  })
  myResults(
    @Ctx() ctx: RequestContext,
    @Args() args: ResultListArgs,
  ): Promise<ResearchResultConnection> {
    return this.results.listMine(ctx, args.filter ?? {}, args);
  }

  @Roles(...MANAGERS)
  @Mutation(() => ResearchResult, { description: '登记成果（草稿） / List a result, as a draft' })
  createResearchResult(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateResultInput,
  ): Promise<ResearchResult> {
    return this.results.create(ctx, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => ResearchResult)
  updateResearchResult(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateResultInput,
  ): Promise<ResearchResult> {
    return this.results.update(ctx, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => ResearchResult, { description: 'DRAFT → PUBLISHED' })
  publishResearchResult(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<ResearchResult> {
    return this.results.transition(ctx, id, 'publish');
  }

  @Roles(...MANAGERS)
  @Mutation(() => ResearchResult, { description: 'DRAFT | PUBLISHED → ARCHIVED' })
  archiveResearchResult(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<ResearchResult> {
    return this.results.transition(ctx, id, 'archive');
  }

  @Roles(...MANAGERS)
  @Mutation(() => ResearchResult, { description: 'ARCHIVED → PUBLISHED' })
  reopenResearchResult(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<ResearchResult> {
    return this.results.transition(ctx, id, 'reopen');
  }
}
