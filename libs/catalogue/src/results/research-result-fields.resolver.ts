import { ResolveField, Resolver } from '@nestjs/graphql';
import { fieldContext, type GraphQLContext, type NoArgs } from '@techmatch/common';
import { Institution } from '../institutions/institution.entity.js';
import { Patent } from '../patents/patent.entity.js';
import { Researcher } from '../researchers/researcher.entity.js';
import { CatalogueLoaders } from '../shared/catalogue-loaders.js';
import { ResearchResult } from './research-result.entity.js';
import { ResearchResultsService } from './research-results.service.js';

/**
 * Nested fields of ResearchResult, each through a per-request DataLoader. They take GraphQL's own
 * arguments (see fieldContext): they run once per result of every page.
 */
@Resolver(() => ResearchResult)
export class ResearchResultFieldsResolver {
  constructor(
    private readonly loaders: CatalogueLoaders,
    private readonly results: ResearchResultsService,
  ) {}

  @ResolveField(() => Institution)
  institution(
    result: ResearchResult,
    _args: NoArgs,
    context: GraphQLContext,
  ): Institution | Promise<Institution | null> {
    // Search and matching read results with their institution joined: no second query for it.
    return (
      result.institution ??
      this.loaders.institution(fieldContext(context)).load(result.institutionId)
    );
  }

  @ResolveField(() => [Patent])
  patents(result: ResearchResult, _args: NoArgs, context: GraphQLContext): Promise<Patent[]> {
    return this.loaders.patentsOfResult(fieldContext(context)).load(result.id);
  }

  @ResolveField(() => [Researcher])
  researchers(
    result: ResearchResult,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<Researcher[]> {
    return this.loaders.researchersOfResult(fieldContext(context)).load(result.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Visible to the institution's researchers, brokers and admins; null for everyone else",
  })
  async confidentialDetail(
    result: ResearchResult,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<string | null> {
    return (await this.results.canSeeConfidential(fieldContext(context), result))
      ? result.confidentialDetail
      : null;
  }
}
