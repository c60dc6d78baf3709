import { Injectable } from '@nestjs/common';
import {
  PUBLIC_NEED_STATUSES,
  ResearchResultsService,
  ResultStatus,
  TechNeedsService,
} from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import type { SearchResponse } from 'meilisearch';
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
import type { Facet, FacetQuery, NeedSearchPage, ResultSearchPage } from './dto/search.models.js';
import { TextHighlighter } from './highlighting/text-highlighter.js';
import { INDEX_SETTINGS, type IndexRole } from './index-definitions.js';
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
}

// Facets a search page offers, per index.
const FACETS: Record<IndexRole, string[]> = {
  results: ['institutionKind', 'divisionCode', 'modes', 'trl', 'fieldCodes'],
  needs: ['divisionCode', 'modes', 'fieldCodes'],
};

/** An engine answer, with the words that produced it (after dropping words that match nothing). */
interface Ranked {
  response: SearchResponse<{ id: string }>;
  words: string;
}

/** A document ranked for a text, with the engine's ranking score (0–1). */
export interface Candidate {
  id: string;
  score: number;
  /** The document's field codes, when asked for (`withFields`). */
  fieldCodes?: string[];
}

const facetsOf = (response: Pick<SearchResponse<object>, 'facetDistribution'>): Facet[] =>
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

  /**
   * The engine ranks and returns ids only; each hit is then re-read from Postgres and highlighted
   * there (TextHighlighter). Facets are counted by a query of their own, when a client asks for
   * them (the page's `facets` field): they cost the engine more than the ranking.
   */
  async searchResults(_ctx: RequestContext, args: SearchResultsArgs): Promise<ResultSearchPage> {
    const query = {
      filter: this.resultFilter(args.filter ?? {}),
      sort: RESULT_SORT[args.sort ?? ResultSearchSort.RELEVANCE],
    };
    const { response, words } = await this.rank('results', args, query);
    const rows = await this.results.withInstitution(response.hits.map((hit) => hit.id));
    const published = new Map(
      rows.filter((row) => row.status === ResultStatus.PUBLISHED).map((row) => [row.id, row]),
    );
    const marker = this.highlighter('results', words);
    return {
      totalHits: response.estimatedTotalHits ?? response.hits.length,
      facetQuery: { role: 'results', words, filter: query.filter },
      hits: response.hits.flatMap((hit) => {
        const result = published.get(hit.id);
        return result
          ? [
              {
                result,
                score: hit._rankingScore ?? 0,
                highlights: {
                  title: marker.mark(result.title),
                  summary: marker.crop(result.summary),
                },
              },
            ]
          : [];
      }),
    };
  }

  async searchNeeds(_ctx: RequestContext, args: SearchNeedsArgs): Promise<NeedSearchPage> {
    const query = {
      filter: this.needFilter(args.filter ?? {}),
      sort: NEED_SORT[args.sort ?? NeedSearchSort.RELEVANCE],
    };
    const { response, words } = await this.rank('needs', args, query);
    const rows = await this.needs.withEnterprise(response.hits.map((hit) => hit.id));
    const live = new Map(
      rows.filter((row) => PUBLIC_NEED_STATUSES.includes(row.status)).map((row) => [row.id, row]),
    );
    const marker = this.highlighter('needs', words);
    return {
      totalHits: response.estimatedTotalHits ?? response.hits.length,
      facetQuery: { role: 'needs', words, filter: query.filter },
      hits: response.hits.flatMap((hit) => {
        const need = live.get(hit.id);
        return need
          ? [
              {
                need,
                score: hit._rankingScore ?? 0,
                highlights: {
                  title: marker.mark(need.title),
                  description: marker.crop(need.description),
                },
              },
            ]
          : [];
      }),
    };
  }

  /** Value counts of the page's facets, for the same words and filters as its hits. */
  async facets(query: FacetQuery): Promise<Facet[]> {
    const response = await this.indexer.index(query.role).search(query.words, {
      filter: query.filter,
      limit: 0,
      facets: FACETS[query.role],
      locales: ['cmn'],
      matchingStrategy: 'last',
    });
    return facetsOf(response);
  }

  /**
   * Ranked ids for a text, for matching: the same words, engine settings and fallback as search,
   * with the engine's ranking score (0–1). `ids` narrows the ranking to those documents.
   */
  async candidates(
    role: IndexRole,
    text: string,
    options: {
      limit: number;
      ids?: string[];
      fieldCodes?: string[];
      newestFirst?: boolean;
      withFields?: boolean;
    },
  ): Promise<Candidate[]> {
    if (options.ids?.length === 0) return [];
    const { response } = await this.rank(
      role,
      { query: text, first: options.limit, offset: 0 },
      {
        filter: clauses(
          options.ids ? `id IN [${options.ids.map(quoted).join(', ')}]` : null,
          anyOf('fieldCodes', options.fieldCodes),
        ),
        sort: options.newestFirst ? ['publishedAt:desc'] : [],
      },
      options.withFields ? ['id', 'fieldCodes'] : ['id'],
    );
    return response.hits.map((hit) => ({
      id: hit.id,
      score: hit._rankingScore ?? 0,
      ...(options.withFields
        ? { fieldCodes: (hit as { fieldCodes?: string[] }).fieldCodes ?? [] }
        : {}),
    }));
  }

  /**
   * matchingStrategy 'last' drops words from the end until something matches, so a first word that
   * occurs nowhere (风电 in "风电轴承 热处理") would empty the answer: drop it and try again.
   */
  private async rank(
    role: IndexRole,
    paging: Pick<SearchPageArgs, 'query' | 'first' | 'offset'>,
    query: IndexQuery,
    retrieve: string[] = ['id'],
  ): Promise<Ranked> {
    const words = this.queryWords(paging.query);
    const run = async (from: number): Promise<Ranked> => {
      const text = words.slice(from).join(' ');
      const response = await this.indexer.index(role).search<{ id: string }>(text, {
        filter: query.filter,
        sort: query.sort.length > 0 ? query.sort : undefined,
        limit: paging.first,
        offset: paging.offset,
        locales: ['cmn'],
        matchingStrategy: 'last',
        showRankingScore: true,
        attributesToRetrieve: retrieve,
      });
      return { response, words: text };
    };
    let ranked = await run(0);
    for (let from = 1; ranked.response.hits.length === 0 && from < words.length; from++) {
      ranked = await run(from);
    }
    return ranked;
  }

  /** Marks the words searched for and their synonyms (robot → 机器人), as the engine matched them. */
  private highlighter(role: IndexRole, words: string): TextHighlighter {
    const synonyms = INDEX_SETTINGS[role].synonyms ?? {};
    const terms = words.split(' ').filter(Boolean);
    return new TextHighlighter(
      terms.flatMap((term) => [term, ...(synonyms[term] ?? synonyms[term.toLowerCase()] ?? [])]),
    );
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
