import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from 'meilisearch';

/** The two indexes, by role; their names get the deployment's MEILI_INDEX_PREFIX. */
export type IndexRole = 'results' | 'needs';

export const indexName = (prefix: string, role: IndexRole): string => `${prefix}_${role}`;

// Chinese is pinned on both sides: left to guess, Meilisearch may segment CJK text without kana the
// Japanese way (DESIGN.md, "Matching").
const CHINESE = [{ attributePatterns: ['*'], locales: ['cmn'] }];

// Sort first: a user who asks for "newest first" gets exactly that, relevance orders the ties. A
// search without a sort is unaffected (the rule is then a no-op).
const RANKING_RULES = ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'];

/**
 * How long the engine may rank one query before it answers with what it has ranked so far
 * (Meilisearch's `searchCutoffMs`; its default is 1,500 ms). People's searches take 1–6 ms at
 * 100,000 results and never reach it. Matching's candidate queries do: ten words for a hundred
 * hits, and the `attribute` rule's cost grows with both (uncut, p95 188 ms and p99 407 ms in
 * `npm run bench:matching`; test/bench/README.md, "Matching latency"). Past the cutoff the best hits
 * are still fully ranked, only the order deeper in the list is coarser, and matching re-scores
 * every candidate itself: the stored top 20 agreed with an uncut engine's on 93.5 %.
 */
export const SEARCH_CUTOFF_MS = 20;

/**
 * zh↔en domain synonyms, kept as data (data/synonyms.json): each group's terms all stand for one
 * another, so "robot" finds 机器人 and 高温合金 finds "superalloy".
 */
export function synonymMap(groups: string[][]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) map[term] = group.filter((other) => other !== term);
  }
  return map;
}

const SYNONYMS = synonymMap(
  (
    JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'synonyms.json'), 'utf8')) as {
      groups: string[][];
    }
  ).groups,
);

/**
 * Index settings are code: applied at start-up (idempotent: Meilisearch only reindexes when they
 * change) and by reindexing, never clicked by hand. Searchable attributes are ordered by weight;
 * the `*Segmented` fields hold jieba search-mode words (see ChineseSegmenter). The long texts are
 * searched through their segmented form only: search mode keeps every precise-mode word too, so
 * the original adds nothing to recall, and it doubled the engine's indexing work. Titles and
 * keywords keep their original as well, for exactness on short text. Highlights are made from the
 * Postgres row (TextHighlighter), so nothing needs the originals searchable.
 */
export const INDEX_SETTINGS: Record<IndexRole, Settings> = {
  results: {
    searchableAttributes: [
      'title',
      'titleSegmented',
      'keywords',
      'keywordsSegmented',
      'summarySegmented',
      'institutionName',
    ],
    filterableAttributes: [
      'id',
      'fieldCodes',
      'divisionCode',
      'institutionId',
      'institutionKind',
      'trl',
      'modes',
      'priceMinYuan',
      'priceMaxYuan',
    ],
    sortableAttributes: ['publishedAt', 'trl', 'priceMinYuan'],
    rankingRules: RANKING_RULES,
    localizedAttributes: CHINESE,
    synonyms: SYNONYMS,
    searchCutoffMs: SEARCH_CUTOFF_MS,
  },
  needs: {
    searchableAttributes: [
      'title',
      'titleSegmented',
      'keywords',
      'keywordsSegmented',
      'problemSegmented',
      'descriptionSegmented',
      'enterpriseName',
    ],
    filterableAttributes: [
      'id',
      'fieldCodes',
      'divisionCode',
      'enterpriseId',
      'minTrl',
      'modes',
      'budgetMaxYuan',
      'status',
    ],
    sortableAttributes: ['publishedAt', 'budgetMaxYuan'],
    rankingRules: RANKING_RULES,
    localizedAttributes: CHINESE,
    synonyms: SYNONYMS,
    searchCutoffMs: SEARCH_CUTOFF_MS,
  },
};
