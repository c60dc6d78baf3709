import { Inject, Injectable } from '@nestjs/common';
import type { TechNeed } from '@techmatch/catalogue';
import { type EntityManager, In } from 'typeorm';
import { Match } from '../entities/match.entity.js';
import { MatchStatus } from '../entities/match-status.js';
import { MatchStatusChange } from '../entities/match-status-change.entity.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../scoring/matching-config.js';
import type { ScoredPair } from '../scoring/match-scorer.js';
import { needFingerprint } from './fingerprints.js';
import { MatchNotifier } from './match-notifier.service.js';

/**
 * A scored candidate of a need, best first. What is stored with a pair (the factors' reasons, the
 * matched words, the result's fingerprint) is computed only for the pairs that are kept: a need
 * has a hundred candidates and keeps twenty.
 */
export interface RankedCandidate {
  resultId: string;
  score: number;
  explain(): ScoredPair;
  fingerprint(): string;
}

export interface RematchOutcome {
  needId: string;
  /** The need's top K now, best first. */
  top: Match[];
  /** Pairs suggested for the first time by this run. */
  created: number;
}

/** The columns a recomputation writes, with their SQL types (see the upsert below). */
const WRITTEN = [
  ['need_id', 'needId', 'uuid'],
  ['result_id', 'resultId', 'uuid'],
  ['score', 'score', 'double precision'],
  ['rank', 'rank', 'smallint'],
  ['factors', 'factors', 'jsonb'],
  ['matched_terms', 'matchedTerms', 'text[]'],
  ['programme_eligible', 'programmeEligible', 'boolean'],
  ['status', 'status', 'match_status'],
  ['status_note', 'statusNote', 'text'],
  ['status_changed_at', 'statusChangedAt', 'timestamptz'],
  ['computed_at', 'computedAt', 'timestamptz'],
  ['need_fingerprint', 'needFingerprint', 'char(40)'],
  ['result_fingerprint', 'resultFingerprint', 'char(40)'],
] as const;

type WrittenRow = Pick<Match, (typeof WRITTEN)[number][1]>;

/**
 * One statement for the whole set, the rows passed as one JSON parameter: TypeORM's insert builder
 * took longer to build the statement for twenty rows than Postgres took to run it, and the
 * RETURNING clause spares reading the rows back.
 */
const COLUMNS = WRITTEN.map(([column]) => column).join(', ');
const UPSERT_SQL = `
  INSERT INTO matches (${COLUMNS})
  SELECT ${COLUMNS}
  FROM jsonb_to_recordset($1::jsonb) AS incoming (${WRITTEN.map(([column, , type]) => `${column} ${type}`).join(', ')})
  ON CONFLICT (need_id, result_id) DO UPDATE SET
    ${WRITTEN.slice(2)
      .map(([column]) => `${column} = EXCLUDED.${column}`)
      .join(', ')},
    updated_at = now()
  RETURNING id, result_id, created_at, updated_at`;

const RESUGGEST_NOTE = '双方信息有实质变化，重新推荐|Suggested again: one side changed materially';

/**
 * Stores a need's scored candidates under the need's lock: the best K are its suggestions; pairs
 * people acted on keep their rows and statuses whatever their rank; a dismissed pair stays out
 * until either side changes materially.
 */
@Injectable()
export class MatchStore {
  constructor(
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
    private readonly notifier: MatchNotifier,
  ) {}

  async save(
    em: EntityManager,
    need: TechNeed,
    existing: Match[],
    ranked: RankedCandidate[],
  ): Promise<RematchOutcome> {
    const prior = new Map(existing.map((match) => [match.resultId, match]));
    const needPrint = needFingerprint(need);
    const computedAt = new Date();
    const top: RankedCandidate[] = [];
    for (const candidate of ranked) {
      if (top.length >= this.config.topK) break;
      const before = prior.get(candidate.resultId);
      const unchanged =
        before?.needFingerprint === needPrint &&
        before.resultFingerprint === candidate.fingerprint();
      if (before?.status === MatchStatus.DISMISSED && unchanged) continue;
      top.push(candidate);
    }

    const rows: WrittenRow[] = [];
    const resuggested: Match[] = [];
    for (const [index, candidate] of top.entries()) {
      const before = prior.get(candidate.resultId);
      const back = before?.status === MatchStatus.DISMISSED;
      if (back) resuggested.push(before);
      rows.push({
        needId: need.id,
        resultId: candidate.resultId,
        ...scoredFields(candidate, computedAt),
        rank: index + 1,
        status: back ? MatchStatus.SUGGESTED : (before?.status ?? MatchStatus.SUGGESTED),
        statusNote: back ? RESUGGEST_NOTE : (before?.statusNote ?? null),
        statusChangedAt: back ? computedAt : (before?.statusChangedAt ?? null),
        needFingerprint: needPrint,
        resultFingerprint: candidate.fingerprint(),
      });
    }

    // Pairs out of the top K: suggestions go; pairs people acted on stay, re-scored, unranked. A
    // dismissed pair keeps the fingerprints of its dismissal: they tell later runs whether either
    // side has changed since.
    const kept = new Set(top.map((candidate) => candidate.resultId));
    const byResult = new Map(ranked.map((candidate) => [candidate.resultId, candidate]));
    const dropped: string[] = [];
    for (const match of existing) {
      if (kept.has(match.resultId)) continue;
      if (match.status === MatchStatus.SUGGESTED) {
        dropped.push(match.id);
        continue;
      }
      const candidate = byResult.get(match.resultId);
      rows.push({
        ...match,
        ...(candidate ? scoredFields(candidate, computedAt) : {}),
        rank: null,
      });
    }

    if (dropped.length > 0) await em.delete(Match, { id: In(dropped) });
    const now = await this.upsert(em, rows);
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
    const fresh = now.filter((match) => !prior.has(match.resultId));
    const notable = fresh.filter((match) => match.score >= this.config.notifyScore);
    if (notable.length > 0) await this.notifier.newMatches(em, need, notable);

    return {
      needId: need.id,
      top: now.filter((match) => match.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
      created: fresh.length,
    };
  }

  /** The need is no longer live: its suggestions go; pairs people acted on stay, unranked. */
  async withdrawSuggestions(em: EntityManager, needId: string, existing: Match[]): Promise<void> {
    const suggestions = existing.filter((match) => match.status === MatchStatus.SUGGESTED);
    if (suggestions.length > 0)
      await em.delete(Match, { id: In(suggestions.map((match) => match.id)) });
    if (existing.length > suggestions.length) await em.update(Match, { needId }, { rank: null });
  }

  /** Writes the rows and returns them as entities, every row the need now has. */
  private async upsert(em: EntityManager, rows: WrittenRow[]): Promise<Match[]> {
    if (rows.length === 0) return [];
    // Keyed by column: jsonb_to_recordset matches keys to the record's column names.
    const written = rows.map((row) =>
      Object.fromEntries(WRITTEN.map(([column, key]) => [column, row[key]])),
    );
    const stored = await em.query<
      Array<{ id: string; result_id: string; created_at: Date; updated_at: Date }>
    >(UPSERT_SQL, [JSON.stringify(written)]);
    const byResult = new Map(rows.map((row) => [row.resultId, row]));
    return stored.map((row) =>
      em.create(Match, {
        ...byResult.get(row.result_id),
        id: row.id,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }),
    );
  }
}

function scoredFields(
  candidate: RankedCandidate,
  computedAt: Date,
): Pick<Match, 'score' | 'factors' | 'matchedTerms' | 'programmeEligible' | 'computedAt'> {
  const pair = candidate.explain();
  return {
    score: pair.score,
    factors: pair.factors,
    matchedTerms: pair.matchedTerms,
    programmeEligible: pair.programmeEligible,
    computedAt,
  };
}
