import { ResolveField, Resolver } from '@nestjs/graphql';
import { Facet, NeedSearchPage, ResultSearchPage } from './dto/search.models.js';
import { SearchService } from './search.service.js';

const FACETS_DESCRIPTION =
  '各筛选项的命中数 / Value counts per filterable attribute, over all matches (counted only when asked for)';

/** Facets cost the engine more than ranking the hits: a page counts them only when they are selected. */
@Resolver(() => ResultSearchPage)
export class ResultSearchPageResolver {
  constructor(private readonly search: SearchService) {}

  @ResolveField(() => [Facet], { description: FACETS_DESCRIPTION })
  facets(page: ResultSearchPage): Promise<Facet[]> {
    return this.search.facets(page.facetQuery);
  }
}

@Resolver(() => NeedSearchPage)
export class NeedSearchPageResolver {
  constructor(private readonly search: SearchService) {}

  @ResolveField(() => [Facet], { description: FACETS_DESCRIPTION })
  facets(page: NeedSearchPage): Promise<Facet[]> {
    return this.search.facets(page.facetQuery);
  }
}
