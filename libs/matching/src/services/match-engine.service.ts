import { Inject, Injectable } from '@nestjs/common';
import {
  PUBLIC_NEED_STATUSES,
  type ResearchResult,
  ResearchResultsService,
  ResultStatus,
  type TechNeed,
  TechNeedsService,
} from '@techmatch/catalogue';
import { TransactionService } from '@techmatch/database';
import { type Candidate, SearchService } from '@techmatch/search';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Match } from '../entities/match.entity.js';
import { MatchStatus } from '../entities/match-status.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../scoring/matching-config.js';
import { inferFieldCodes, type PairFacts, scorePair } from '../scoring/match-scorer.js';
import { needText, resultFingerprint } from './fingerprints.js';
import { fieldsOf, MatchingTaxonomy, type TaxonomyMaps } from './matching-taxonomy.service.js';
import { MatchStore, type RankedCandidate, type RematchOutcome } from './match-store.service.js';

export type { RematchOutcome } from './match-store.service.js';

/**
 * Computes and stores a need's matches: candidates from the results index (the need's own text,
 * through search's Chinese-aware pipeline), each scored by the explainable factors, the best K
 * kept (MatchStore). One need is recomputed by one process at a time (an advisory lock).
 */
@Injectable()
export class MatchEngine {
  constructor(
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
    private readonly transactions: TransactionService,
    private readonly search: SearchService,
    private readonly needs: TechNeedsService,
    private readonly results: ResearchResultsService,
    private readonly taxonomy: MatchingTaxonomy,
    private readonly store: MatchStore,
    @InjectRepository(Match) private readonly matches: Repository<Match>,
  ) {}

  /**
   * The reads and the scoring happen before the transaction: a need's candidates cost a few
   * round trips to Meilisearch and Postgres, and holding a connection and the need's lock through
   * them would serialise replicas for nothing. The transaction then re-reads the pairs under the
   * lock and stores. A change that lands in between triggers its own recomputation (outbox).
   */
  async rematchNeed(needId: string): Promise<RematchOutcome> {
    const [need] = await this.needs.withEnterprise([needId]);
    const live = need?.enterprise && PUBLIC_NEED_STATUSES.includes(need.status) ? need : null;
    const ranked = live ? await this.rank(live) : [];
    return this.transactions.run(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `match:need:${needId}`,
      ]);
      const existing = await em.find(Match, { where: { needId } });
      if (!live) {
        await this.store.withdrawSuggestions(em, needId, existing);
        return { needId, top: [], created: 0 };
      }
      return this.store.save(em, live, existing, ranked);
    });
  }

  /**
   * Every candidate, scored, best first: the text's best; pairs people have acted on; and the
   * newest results of the need's field (named, or inferred from the text's best) that the text
   * missed. Searches that don't depend on each other run side by side, and all the results are
   * read from Postgres in one query.
   */
  private async rank(need: TechNeed): Promise<RankedCandidate[]> {
    const { curves } = this.config;
    const text = needText(need);
    const maps = await this.taxonomy.maps();
    const [pool, namedFill, acted] = await Promise.all([
      this.search.candidates('results', text, { limit: curves.candidatePool, withFields: true }),
      this.fieldFill(need.fieldCodes, maps),
      this.actedResultIds(need.id),
    ]);
    const inferred =
      need.fieldCodes.length > 0
        ? []
        : inferFieldCodes(
            pool.map((candidate) => ({
              score: candidate.score,
              fieldCodes: candidate.fieldCodes ?? [],
            })),
            curves.inferredFieldMinShare,
          );
    // Pairs people acted on are re-scored even when the text's best no longer holds them: their
    // text scores come from the same query, narrowed to them. Usually the pool holds them all.
    const inPool = new Set(pool.map((candidate) => candidate.id));
    const missing = acted.filter((id) => !inPool.has(id));
    const [actedPool, fill] = await Promise.all([
      missing.length > 0
        ? this.search.candidates('results', text, { limit: missing.length, ids: missing })
        : Promise.resolve<Candidate[]>([]),
      need.fieldCodes.length > 0 ? namedFill : this.fieldFill(inferred, maps),
    ]);

    // The text's scores win; a result only the field brought in scores 0 on text.
    const candidates = new Map<string, number>();
    for (const candidate of [...pool, ...actedPool]) candidates.set(candidate.id, candidate.score);
    for (const id of fill) if (!candidates.has(id)) candidates.set(id, 0);
    const rows = await this.results.withInstitution([...candidates.keys()]);
    const words = this.search.queryWords(text);
    return rows
      .filter((row) => row.status === ResultStatus.PUBLISHED && row.institution)
      .map((row) => this.candidate(need, row, candidates.get(row.id) ?? 0, words, inferred, maps))
      .sort((a, b) => b.score - a.score || a.resultId.localeCompare(b.resultId));
  }

  /** The results of the need's pairs that people have acted on (shortlisted, dismissed, …). */
  private async actedResultIds(needId: string): Promise<string[]> {
    const pairs = await this.matches.find({
      select: { resultId: true, status: true },
      where: { needId },
    });
    return pairs
      .filter((match) => match.status !== MatchStatus.SUGGESTED)
      .map((match) => match.resultId);
  }

  /**
   * The newest results of the given fields and their sub-fields: they rank by field and the
   * other factors, below anything the text found with real relevance, and fill the list a broker
   * works through.
   */
  private async fieldFill(codes: string[], maps: TaxonomyMaps): Promise<string[]> {
    if (this.config.curves.fieldPool === 0 || codes.length === 0) return [];
    const withChildren = [
      ...codes,
      ...[...maps.fields.values()]
        .filter((field) => field.parentCode !== null && codes.includes(field.parentCode))
        .map((field) => field.code),
    ];
    const fill = await this.search.candidates('results', '', {
      limit: this.config.curves.fieldPool,
      fieldCodes: withChildren,
      newestFirst: true,
    });
    return fill.map((candidate) => candidate.id);
  }

  /**
   * A candidate ranked by its score; the words it matched (read from its text) and its fingerprint
   * are worked out only if it is kept. The score does not depend on the matched words: they are
   * the text factor's explanation.
   */
  private candidate(
    need: TechNeed,
    result: ResearchResult,
    textScore: number,
    words: string[],
    inferred: string[],
    maps: TaxonomyMaps,
  ): RankedCandidate {
    const institutionDivision = maps.divisions.get(result.institution?.divisionCode ?? '');
    const enterpriseDivision = maps.divisions.get(need.enterprise?.divisionCode ?? '');
    if (!institutionDivision || !enterpriseDivision)
      throw new Error(`unknown division for need ${need.id} or result ${result.id}`);
    const facts: PairFacts = {
      textScore,
      matchedTerms: [],
      needFields: fieldsOf(maps, need.fieldCodes),
      inferredFields: fieldsOf(maps, inferred),
      resultFields: fieldsOf(maps, result.fieldCodes),
      minTrl: need.minTrl,
      trl: result.trl,
      budgetMaxYuan: need.budgetMaxYuan,
      priceMinYuan: result.priceMinYuan,
      wantedModes: need.modes,
      offeredModes: result.modes,
      institutionDivision,
      enterpriseDivision,
    };
    let fingerprint: string | undefined;
    return {
      resultId: result.id,
      score: scorePair(facts, this.config).score,
      explain: () =>
        scorePair({ ...facts, matchedTerms: matchedTerms(words, result) }, this.config),
      fingerprint: () => (fingerprint ??= resultFingerprint(result)),
    };
  }
}

/** The query words found in the result, longest first, without words inside other found words. */
export function matchedTerms(words: string[], result: ResearchResult): string[] {
  const haystack = [result.title, result.keywords.join(' '), result.summary]
    .join(' ')
    .toLowerCase();
  const found = [...new Set(words)]
    .filter((word) => haystack.includes(word.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  return found.filter(
    (word, index) => !found.slice(0, index).some((longer) => longer.includes(word)),
  );
}
