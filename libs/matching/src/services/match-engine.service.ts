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
import { SearchService } from '@techmatch/search';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository } from 'typeorm';
import { Match } from '../entities/match.entity.js';
import { MatchStatus } from '../entities/match-status.js';
import { MatchStatusChange } from '../entities/match-status-change.entity.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../scoring/matching-config.js';
import { inferFieldCodes, type ScoredPair, scorePair } from '../scoring/match-scorer.js';
import { needFingerprint, needText, resultFingerprint } from './fingerprints.js';
import { fieldsOf, MatchingTaxonomy, type TaxonomyMaps } from './matching-taxonomy.service.js';
import { MatchNotifier } from './match-notifier.service.js';

export interface RematchOutcome {
  needId: string;
  /** The need's top K now, best first. */
  top: Match[];
  /** Pairs suggested for the first time by this run. */
  created: number;
}

interface ScoredCandidate extends ScoredPair {
  result: ResearchResult;
  resultFingerprint: string;
}

const UPSERTED_COLUMNS = [
  'score',
  'rank',
  'factors',
  'matched_terms',
  'programme_eligible',
  'status',
  'status_note',
  'status_changed_at',
  'computed_at',
  'need_fingerprint',
  'result_fingerprint',
  'updated_at',
];

const RESUGGEST_NOTE = '双方信息有实质变化，重新推荐|Suggested again: one side changed materially';

/**
 * Computes and stores a need's matches: candidates from the results index (the need's own text,
 * through search's Chinese-aware pipeline), each scored by the explainable factors, the best K
 * kept. Statuses people set survive: shortlisted and contacted pairs keep their rows whatever
 * their rank, and a dismissed pair stays out of the suggestions until either side changes
 * materially. One need is recomputed by one process at a time (an advisory lock).
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
    private readonly notifier: MatchNotifier,
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
    const scored = live
      ? await this.score(live, await this.matches.find({ where: { needId } }))
      : [];
    return this.transactions.run(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `match:need:${needId}`,
      ]);
      const existing = await em.find(Match, { where: { needId } });
      if (!live) {
        await this.withdrawSuggestions(em, needId, existing);
        return { needId, top: [], created: 0 };
      }
      return this.store(em, live, existing, scored);
    });
  }

  /**
   * Every candidate, scored, best first: the text's best; pairs people have acted on; and the
   * newest results of the need's field (named, or inferred from the text's best) that the text
   * missed. Searches that don't depend on each other run side by side, and all the results are
   * read from Postgres in one query.
   */
  private async score(need: TechNeed, existing: Match[]): Promise<ScoredCandidate[]> {
    const { curves } = this.config;
    const text = needText(need);
    const maps = await this.taxonomy.maps();
    const acted = existing
      .filter((match) => match.status !== MatchStatus.SUGGESTED)
      .map((match) => match.resultId);
    const [pool, actedPool, namedFill] = await Promise.all([
      this.search.candidates('results', text, { limit: curves.candidatePool, withFields: true }),
      acted.length > 0
        ? this.search.candidates('results', text, { limit: acted.length, ids: acted })
        : Promise.resolve([]),
      this.fieldFill(need.fieldCodes, maps),
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
    const fill = need.fieldCodes.length > 0 ? namedFill : await this.fieldFill(inferred, maps);

    // The text's scores win; a result only the field brought in scores 0 on text.
    const candidates = new Map<string, number>();
    for (const candidate of [...pool, ...actedPool]) candidates.set(candidate.id, candidate.score);
    for (const id of fill) if (!candidates.has(id)) candidates.set(id, 0);
    const rows = await this.results.withInstitution([...candidates.keys()]);
    const words = this.search.queryWords(text);
    return rows
      .filter((row) => row.status === ResultStatus.PUBLISHED && row.institution)
      .map((row) => this.scoreOne(need, row, candidates.get(row.id) ?? 0, words, inferred, maps))
      .sort((a, b) => b.score - a.score || a.result.id.localeCompare(b.result.id));
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

  private scoreOne(
    need: TechNeed,
    result: ResearchResult,
    textScore: number,
    words: string[],
    inferred: string[],
    maps: TaxonomyMaps,
  ): ScoredCandidate {
    const institutionDivision = maps.divisions.get(result.institution?.divisionCode ?? '');
    const enterpriseDivision = maps.divisions.get(need.enterprise?.divisionCode ?? '');
    if (!institutionDivision || !enterpriseDivision)
      throw new Error(`unknown division for need ${need.id} or result ${result.id}`);
    const scored = scorePair(
      {
        textScore,
        matchedTerms: matchedTerms(words, result),
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
      },
      this.config,
    );
    return { ...scored, result, resultFingerprint: resultFingerprint(result) };
  }

  private async store(
    em: EntityManager,
    need: TechNeed,
    existing: Match[],
    scored: ScoredCandidate[],
  ): Promise<RematchOutcome> {
    const prior = new Map(existing.map((match) => [match.resultId, match]));
    const needPrint = needFingerprint(need);
    const computedAt = new Date();
    const top: ScoredCandidate[] = [];
    for (const pair of scored) {
      if (top.length >= this.config.topK) break;
      const before = prior.get(pair.result.id);
      const unchanged =
        before?.needFingerprint === needPrint &&
        before.resultFingerprint === pair.resultFingerprint;
      if (before?.status === MatchStatus.DISMISSED && unchanged) continue;
      top.push(pair);
    }

    const rows: Array<Partial<Match>> = [];
    const resuggested: Match[] = [];
    for (const [index, pair] of top.entries()) {
      const before = prior.get(pair.result.id);
      const back = before?.status === MatchStatus.DISMISSED;
      if (back) resuggested.push(before);
      rows.push({
        needId: need.id,
        resultId: pair.result.id,
        ...this.scoredFields(pair, computedAt),
        rank: index + 1,
        status: back ? MatchStatus.SUGGESTED : (before?.status ?? MatchStatus.SUGGESTED),
        statusNote: back ? RESUGGEST_NOTE : (before?.statusNote ?? null),
        statusChangedAt: back ? computedAt : (before?.statusChangedAt ?? null),
        needFingerprint: needPrint,
        resultFingerprint: pair.resultFingerprint,
      });
    }

    // Pairs out of the top K: suggestions go; pairs people acted on stay, re-scored, unranked. A
    // dismissed pair keeps the fingerprints of its dismissal: they tell later runs whether either
    // side has changed since.
    const kept = new Set(top.map((pair) => pair.result.id));
    const byResult = new Map(scored.map((pair) => [pair.result.id, pair]));
    const dropped: string[] = [];
    for (const match of existing) {
      if (kept.has(match.resultId)) continue;
      if (match.status === MatchStatus.SUGGESTED) {
        dropped.push(match.id);
        continue;
      }
      const pair = byResult.get(match.resultId);
      rows.push({ ...match, ...(pair ? this.scoredFields(pair, computedAt) : {}), rank: null });
    }

    if (dropped.length > 0) await em.delete(Match, { id: In(dropped) });
    await this.upsert(em, rows);
    if (resuggested.length > 0) {
      await em.insert(
        MatchStatusChange,
        resuggested.map((match) => ({
          matchId: match.id,
          fromStatus: MatchStatus.DISMISSED,
          toStatus: MatchStatus.SUGGESTED,
          note: RESUGGEST_NOTE,
          actorUserId: null,
        })),
      );
    }
    const now = await em.find(Match, { where: { needId: need.id } });
    const fresh = now.filter((match) => !prior.has(match.resultId));
    const notable = fresh.filter((match) => match.score >= this.config.notifyScore);
    if (notable.length > 0) await this.notifier.newMatches(em, need, notable);

    return {
      needId: need.id,
      top: now.filter((match) => match.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
      created: fresh.length,
    };
  }

  /** One statement for the whole set: a need's recomputation must stay cheap (see test/bench). */
  private async upsert(em: EntityManager, rows: Array<Partial<Match>>): Promise<void> {
    if (rows.length === 0) return;
    await em
      .createQueryBuilder()
      .insert()
      .into(Match)
      .values(
        rows.map(({ id: _id, createdAt: _c, updatedAt: _u, ...row }) => ({
          ...row,
          updatedAt: () => 'now()',
        })),
      )
      .orUpdate(UPSERTED_COLUMNS, ['need_id', 'result_id'])
      .updateEntity(false)
      .execute();
  }

  private scoredFields(pair: ScoredCandidate, computedAt: Date): Partial<Match> {
    return {
      score: pair.score,
      factors: pair.factors,
      matchedTerms: pair.matchedTerms,
      programmeEligible: pair.programmeEligible,
      computedAt,
    };
  }

  /** The need is no longer live: its suggestions go; pairs people acted on stay, unranked. */
  private async withdrawSuggestions(
    em: EntityManager,
    needId: string,
    existing: Match[],
  ): Promise<void> {
    const suggestions = existing.filter((match) => match.status === MatchStatus.SUGGESTED);
    if (suggestions.length > 0)
      await em.delete(Match, { id: In(suggestions.map((match) => match.id)) });
    if (existing.length > suggestions.length) await em.update(Match, { needId }, { rank: null });
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
