import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CatalogueLoaders, ResearchResult, TechNeed } from '@techmatch/catalogue';
import {
  Ctx,
  fieldContext,
  type GraphQLContext,
  type NoArgs,
  ParseIdPipe,
  RequestContext,
  Role,
  Roles,
} from '@techmatch/common';
import { MatchesForNeedArgs, MatchesForResultArgs, SetMatchStatusInput } from './dto/match.args.js';
import { MatchConnection } from './dto/match.models.js';
import { Match } from './entities/match.entity.js';
import { MatchStatusChange } from './entities/match-status-change.entity.js';
import { MatchEngine } from './services/match-engine.service.js';
import { MatchesService } from './services/matches.service.js';

@Resolver(() => Match)
export class MatchingResolver {
  constructor(
    private readonly matches: MatchesService,
    private readonly engine: MatchEngine,
    private readonly loaders: CatalogueLoaders,
  ) {}

  @Roles(Role.ENTERPRISE, Role.BROKER, Role.ADMIN)
  @Query(() => MatchConnection, {
    description:
      '需求的匹配成果（高分在前）/ A need’s matched results, best first, with the factors',
  })
  matchesForNeed(
    @Ctx() ctx: RequestContext,
    @Args() args: MatchesForNeedArgs,
  ): Promise<MatchConnection> {
    return this.matches.forNeed(ctx, args.needId.toLowerCase(), args);
  }

  @Roles(Role.RESEARCHER, Role.BROKER, Role.ADMIN)
  @Query(() => MatchConnection, {
    description: '成果匹配到的需求 / The live needs a result is matched with, best first',
  })
  matchesForResult(
    @Ctx() ctx: RequestContext,
    @Args() args: MatchesForResultArgs,
  ): Promise<MatchConnection> {
    return this.matches.forResult(ctx, args.resultId.toLowerCase(), args);
  }

  @Roles(Role.BROKER, Role.ADMIN)
  @Mutation(() => [Match], {
    description: '立即重新计算需求的匹配 / Recompute a need’s matches now; returns its top K',
  })
  async rematchNeed(
    @Ctx() ctx: RequestContext,
    @Args('needId', { type: () => ID }, ParseIdPipe) needId: string,
  ): Promise<Match[]> {
    await this.matches.assertNeedExists(ctx, needId);
    return (await this.engine.rematchNeed(needId)).top;
  }

  @Roles(Role.ENTERPRISE, Role.BROKER, Role.ADMIN)
  @Mutation(() => Match, {
    description: '更改匹配状态并留下备注 / Shortlist, dismiss, mark contacted … with a note',
  })
  setMatchStatus(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetMatchStatusInput,
  ): Promise<Match> {
    return this.matches.setStatus(ctx, input);
  }

  // Whoever may see a match may see both its sides: the need (whose enterprise contact details
  // stay behind the catalogue's own field checks) and the published result.
  // They take GraphQL's own arguments (see fieldContext): they run once per match of a page.
  @ResolveField(() => TechNeed)
  need(match: Match, _args: NoArgs, context: GraphQLContext): Promise<TechNeed | null> {
    return this.loaders.need(fieldContext(context)).load(match.needId);
  }

  @ResolveField(() => ResearchResult)
  result(match: Match, _args: NoArgs, context: GraphQLContext): Promise<ResearchResult | null> {
    return this.loaders.result(fieldContext(context)).load(match.resultId);
  }

  @ResolveField(() => [MatchStatusChange], { description: 'Status history, oldest first' })
  statusChanges(match: Match): Promise<MatchStatusChange[]> {
    return this.matches.history(match.id);
  }
}
