import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@techmatch/common';
import { Institution } from '../institutions/institution.entity.js';
import { Patent } from '../patents/patent.entity.js';
import { Researcher } from '../researchers/researcher.entity.js';
import { CatalogueLoaders } from '../shared/catalogue-loaders.js';
import { ResearchResult } from './research-result.entity.js';
import { ResearchResultsService } from './research-results.service.js';

/** Nested fields of ResearchResult, each through a per-request DataLoader. */
@Resolver(() => ResearchResult)
export class ResearchResultFieldsResolver {
  constructor(
    private readonly loaders: CatalogueLoaders,
    private readonly results: ResearchResultsService,
  ) {}

  @ResolveField(() => Institution)
  async institution(
    @Ctx() ctx: RequestContext,
    @Parent() result: ResearchResult,
  ): Promise<Institution | null> {
    // Search and matching read results with their institution joined: no second query for it.
    return result.institution ?? this.loaders.institution(ctx).load(result.institutionId);
  }

  @ResolveField(() => [Patent])
  patents(@Ctx() ctx: RequestContext, @Parent() result: ResearchResult): Promise<Patent[]> {
    return this.loaders.patentsOfResult(ctx).load(result.id);
  }

  @ResolveField(() => [Researcher])
  researchers(@Ctx() ctx: RequestContext, @Parent() result: ResearchResult): Promise<Researcher[]> {
    return this.loaders.researchersOfResult(ctx).load(result.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Visible to the institution's researchers, brokers and admins; null for everyone else",
  })
  async confidentialDetail(
    @Ctx() ctx: RequestContext,
    @Parent() result: ResearchResult,
  ): Promise<string | null> {
    return (await this.results.canSeeConfidential(ctx, result)) ? result.confidentialDetail : null;
  }
}
