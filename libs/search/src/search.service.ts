import { Injectable } from '@nestjs/common';
import { type ResearchResult, ResearchResultsService, ResultStatus } from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import { ChineseSegmenter } from './chinese-segmenter.js';
import type { ResultSearchFilter, SearchResultsArgs } from './dto/search.args.js';
import type { Facet, ResultSearchPage } from './dto/search.models.js';
import type { ResultDocument } from './search-documents.js';
import { SearchIndexer } from './search-indexer.service.js';

// Meilisearch reads only the first 10 words of a query.
const MAX_QUERY_WORDS = 10;
const FACETS = ['institutionKind', 'divisionCode', 'modes', 'trl', 'fieldCodes'];

/** Quotes a value for a Meilisearch filter; values are validated codes or enums, quoting is belt and braces. */
const quoted = (value: string | number): string => JSON.stringify(String(value));
const anyOf = (attribute: string, values: Array<string | number> | undefined): string | null =>
  values?.length ? `${attribute} IN [${values.map(quoted).join(', ')}]` : null;

/**
 * Search over published results. The query goes through the same jieba search-mode segmentation as
 * the documents' `*Segmented` fields; filters are built from typed, validated values only, never
 * from the query text. Hits are re-read from Postgres, so a stale index can never show a result
 * that is no longer published, nor any field the caller may not see.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly indexer: SearchIndexer,
    private readonly segmenter: ChineseSegmenter,
    private readonly results: ResearchResultsService,
  ) {}

  /** The words sent to Meilisearch: search-mode segments, deduplicated, at most ten. */
  queryWords(query: string): string[] {
    const words = this.segmenter.segment(query.slice(0, 1_000)).split(' ').filter(Boolean);
    return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
  }

  async searchResults(_ctx: RequestContext, args: SearchResultsArgs): Promise<ResultSearchPage> {
    const words = this.queryWords(args.query);
    // matchingStrategy 'last' drops words from the end until something matches, so a first word
    // that occurs nowhere (风电 in "风电轴承 热处理") would empty the answer: drop it and try again.
    let response = await this.searchWords(words, args);
    for (let start = 1; response.hits.length === 0 && start < words.length; start++) {
      response = await this.searchWords(words.slice(start), args);
    }
    return this.page(response);
  }

  private searchWords(words: string[], args: SearchResultsArgs) {
    return this.indexer.index('results').search<ResultDocument>(words.join(' '), {
      filter: this.filter(args.filter ?? {}),
      limit: args.first,
      offset: args.offset,
      facets: FACETS,
      locales: ['cmn'],
      matchingStrategy: 'last',
      showRankingScore: true,
      attributesToHighlight: ['title', 'summary'],
      attributesToCrop: ['summary'],
      cropLength: 60,
      highlightPreTag: '<em>',
      highlightPostTag: '</em>',
    });
  }

  private async page(
    response: Awaited<ReturnType<SearchService['searchWords']>>,
  ): Promise<ResultSearchPage> {
    const rows = await this.results.forIndexing(response.hits.map((hit) => hit.id));
    const published = new Map(
      rows
        .filter((row) => row.status === ResultStatus.PUBLISHED)
        .map((row): [string, ResearchResult] => [row.id, row]),
    );
    return {
      totalHits: response.estimatedTotalHits ?? response.hits.length,
      hits: response.hits.flatMap((hit) => {
        const result = published.get(hit.id);
        if (!result) return [];
        const formatted = hit._formatted ?? {};
        return [
          {
            result,
            score: hit._rankingScore ?? 0,
            highlights: {
              title: String(formatted.title ?? hit.title),
              summary: String(formatted.summary ?? ''),
            },
          },
        ];
      }),
      facets: Object.entries(response.facetDistribution ?? {}).map(([name, counts]): Facet => ({
        name,
        values: Object.entries(counts)
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count),
      })),
    };
  }

  private filter(filter: ResultSearchFilter): string[] {
    return [
      anyOf('fieldCodes', filter.fieldCodes),
      anyOf('divisionCode', filter.divisionCodes),
      anyOf('institutionKind', filter.institutionKinds),
      anyOf('modes', filter.modes),
      filter.trlMin ? `trl >= ${filter.trlMin}` : null,
      filter.trlMax ? `trl <= ${filter.trlMax}` : null,
      filter.maxPriceYuan !== undefined ? `priceMinYuan <= ${filter.maxPriceYuan}` : null,
    ].filter((clause): clause is string => clause !== null);
  }
}
