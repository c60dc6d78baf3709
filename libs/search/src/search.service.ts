import { Injectable } from '@nestjs/common';
import {
  PUBLIC_NEED_STATUSES,
  ResearchResultsService,
  ResultStatus,
  TechNeedsService,
} from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import type { RecordAny, SearchResponse } from 'meilisearch';
import { ChineseSegmenter } from './chinese-segmenter.js';
import {
  type NeedSearchFilter,
  NeedSearchSort,
  type ResultSearchFilter,
  ResultSearchSort,
  type SearchNeedsArgs,
  type SearchPageArgs,
  type SearchResultsArgs,
} from './dto/search.args.js';
import type { Facet, NeedSearchPage, ResultSearchPage } from './dto/search.models.js';
import type { IndexRole } from './index-definitions.js';
import type { NeedDocument, ResultDocument } from './search-documents.js';
import { SearchIndexer } from './search-indexer.service.js';

// Meilisearch reads only the first 10 words of a query.
const MAX_QUERY_WORDS = 10;

/** Quotes a value for a Meilisearch filter; values are validated codes or enums, quoting is belt and braces. */
const quoted = (value: string | number): string => JSON.stringify(String(value));
const anyOf = (attribute: string, values: Array<string | number> | undefined): string | null =>
  values?.length ? `${attribute} IN [${values.map(quoted).join(', ')}]` : null;
const clauses = (...all: Array<string | null>): string[] =>
  all.filter((clause): clause is string => clause !== null);

// Meilisearch sorts by these first and ranks by relevance within ties.
const RESULT_SORT: Record<ResultSearchSort, string[]> = {
  [ResultSearchSort.RELEVANCE]: [],
  [ResultSearchSort.NEWEST]: ['publishedAt:desc'],
  [ResultSearchSort.TRL_DESC]: ['trl:desc'],
  [ResultSearchSort.PRICE_ASC]: ['priceMinYuan:asc'],
};
const NEED_SORT: Record<NeedSearchSort, string[]> = {
  [NeedSearchSort.RELEVANCE]: [],
  [NeedSearchSort.NEWEST]: ['publishedAt:desc'],
  [NeedSearchSort.BUDGET_DESC]: ['budgetMaxYuan:desc'],
};

interface IndexQuery {
  filter: string[];
  sort: string[];
  facets: string[];
  /** The title-like and the body-like attribute to highlight (the body is cropped); null: none. */
  highlight: [string, string] | null;
  retrieve?: string[];
}

/** A document ranked for a text, with the engine's ranking score (0–1). */
export interface Candidate {
  id: string;
  score: number;
}

const facetsOf = (response: SearchResponse<object>): Facet[] =>
  Object.entries(response.facetDistribution ?? {}).map(([name, counts]) => ({
    name,
    values: Object.entries(counts)
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count),
  }));

/**
 * Search over published results and live needs. The query goes through the same jieba search-mode
 * segmentation as the documents' `*Segmented` fields; filters are built from typed, validated
 * values only, never from the query text. Hits are re-read from Postgres, so a stale index can
 * never show what the catalogue would hide, nor any field the caller may not see.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly indexer: SearchIndexer,
    private readonly segmenter: ChineseSegmenter,
    private readonly results: ResearchResultsService,
    private readonly needs: TechNeedsService,
  ) {}

  /** The words sent to Meilisearch: search-mode segments, deduplicated, at most ten. */
  queryWords(query: string): string[] {
    const words = this.segmenter.segment(query.slice(0, 1_000)).split(' ').filter(Boolean);
    return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
  }

  async searchResults(_ctx: RequestContext, args: SearchResultsArgs): Promise<ResultSearchPage> {
    const response = await this.search<ResultDocument>('results', args, {
      filter: this.resultFilter(args.filter ?? {}),
      sort: RESULT_SORT[args.sort ?? ResultSearchSort.RELEVANCE],
      facets: ['institutionKind', 'divisionCode', 'modes', 'trl', 'fieldCodes'],
      highlight: ['title', 'summary'],
    });
    const rows = await this.results.forIndexing(response.hits.map((hit) => hit.id));
    const published = new Map(
      rows.filter((row) => row.status === ResultStatus.PUBLISHED).map((row) => [row.id, row]),
    );
    return {
      totalHits: response.estimatedTotalHits ?? response.hits.length,
      facets: facetsOf(response),
      hits: response.hits.flatMap((hit) => {
        const result = published.get(hit.id);
        const formatted = hit._formatted ?? {};
        return result
          ? [
              {
                result,
                score: hit._rankingScore ?? 0,
                highlights: {
                  title: String(formatted.title ?? hit.title),
                  summary: String(formatted.summary ?? ''),
                },
              },
            ]
          : [];
      }),
    };
  }

  async searchNeeds(_ctx: RequestContext, args: SearchNeedsArgs): Promise<NeedSearchPage> {
    const response = await this.search<NeedDocument>('needs', args, {
      filter: this.needFilter(args.filter ?? {}),
      sort: NEED_SORT[args.sort ?? NeedSearchSort.RELEVANCE],
      facets: ['divisionCode', 'modes', 'fieldCodes'],
      highlight: ['title', 'description'],
    });
    const rows = await this.needs.forIndexing(response.hits.map((hit) => hit.id));
    const live = new Map(
      rows.filter((row) => PUBLIC_NEED_STATUSES.includes(row.status)).map((row) => [row.id, row]),
    );
    return {
      totalHits: response.estimatedTotalHits ?? response.hits.length,
      facets: facetsOf(response),
      hits: response.hits.flatMap((hit) => {
        const need = live.get(hit.id);
        const formatted = hit._formatted ?? {};
        return need
          ? [
              {
                need,
                score: hit._rankingScore ?? 0,
                highlights: {
                  title: String(formatted.title ?? hit.title),
                  description: String(formatted.description ?? ''),
                },
              },
            ]
          : [];
      }),
    };
  }

  /**
   * Ranked ids for a text, for matching: the same words, engine settings and fallback as search,
   * with the engine's ranking score (0–1). `ids` narrows the ranking to those documents.
   */
  async candidates(
    role: IndexRole,
    text: string,
    options: { limit: number; ids?: string[]; fieldCodes?: string[]; newestFirst?: boolean },
  ): Promise<Candidate[]> {
    if (options.ids?.length === 0) return [];
    const response = await this.search<{ id: string }>(
      role,
      { query: text, first: options.limit, offset: 0 },
      {
        filter: clauses(
          options.ids ? `id IN [${options.ids.map(quoted).join(', ')}]` : null,
          anyOf('fieldCodes', options.fieldCodes),
        ),
        sort: options.newestFirst ? ['publishedAt:desc'] : [],
        facets: [],
        highlight: null,
        retrieve: ['id'],
      },
    );
    return response.hits.map((hit) => ({ id: hit.id, score: hit._rankingScore ?? 0 }));
  }

  /**
   * matchingStrategy 'last' drops words from the end until something matches, so a first word that
   * occurs nowhere (风电 in "风电轴承 热处理") would empty the answer: drop it and try again.
   */
  private async search<T extends RecordAny>(
    role: IndexRole,
    paging: Pick<SearchPageArgs, 'query' | 'first' | 'offset'>,
    query: IndexQuery,
  ): Promise<SearchResponse<T>> {
    const words = this.queryWords(paging.query);
    const run = (from: number) =>
      this.indexer.index(role).search<T>(words.slice(from).join(' '), {
        filter: query.filter,
        sort: query.sort.length > 0 ? query.sort : undefined,
        limit: paging.first,
        offset: paging.offset,
        facets: query.facets.length > 0 ? query.facets : undefined,
        locales: ['cmn'],
        matchingStrategy: 'last',
        showRankingScore: true,
        attributesToRetrieve: query.retrieve,
        ...(query.highlight
          ? {
              attributesToHighlight: query.highlight,
              attributesToCrop: [query.highlight[1]],
              cropLength: 60,
              highlightPreTag: '<em>',
              highlightPostTag: '</em>',
            }
          : {}),
      });
    let response = await run(0);
    for (let from = 1; response.hits.length === 0 && from < words.length; from++) {
      response = await run(from);
    }
    return response;
  }

  private resultFilter(filter: ResultSearchFilter): string[] {
    return clauses(
      anyOf('fieldCodes', filter.fieldCodes),
      anyOf('divisionCode', filter.divisionCodes),
      anyOf('institutionKind', filter.institutionKinds),
      anyOf('modes', filter.modes),
      filter.trlMin ? `trl >= ${filter.trlMin}` : null,
      filter.trlMax ? `trl <= ${filter.trlMax}` : null,
      filter.maxPriceYuan !== undefined ? `priceMinYuan <= ${filter.maxPriceYuan}` : null,
    );
  }

  private needFilter(filter: NeedSearchFilter): string[] {
    return clauses(
      anyOf('fieldCodes', filter.fieldCodes),
      anyOf('divisionCode', filter.divisionCodes),
      anyOf('modes', filter.modes),
      filter.trl ? `(minTrl IS NULL OR minTrl <= ${filter.trl})` : null,
    );
  }
}
