import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequestContext } from '@techmatch/common';
import { SearchNeedsArgs, SearchResultsArgs } from './dto/search.args.js';
import { NeedSearchPage, ResultSearchPage } from './dto/search.models.js';
import { SearchService } from './search.service.js';

@Resolver()
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Public()
  @Query(() => ResultSearchPage, {
    description:
      '检索已发布的科技成果 / Full-text search over published results, with facets and highlights',
  })
  searchResults(
    @Ctx() ctx: RequestContext,
    @Args() args: SearchResultsArgs,
  ): Promise<ResultSearchPage> {
    return this.search.searchResults(ctx, args);
  }

  @Public()
  @Query(() => NeedSearchPage, {
    description:
      '检索公开的技术需求 / Full-text search over live technology needs, with facets and highlights',
  })
  searchNeeds(@Ctx() ctx: RequestContext, @Args() args: SearchNeedsArgs): Promise<NeedSearchPage> {
    return this.search.searchNeeds(ctx, args);
  }
}
