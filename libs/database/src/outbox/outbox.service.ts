import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity.js';

export interface OutboxMessage {
  topic: string;
  aggregateId: string;
}

/** What the handler of a batch says about each event it was given. */
export type OutboxOutcome = { id: string; ok: true } | { id: string; ok: false; error: string };

export interface OutboxStats {
  pending: number;
  parked: number;
  /** Age of the oldest pending event, in seconds (0 when there is none). */
  lagSeconds: number;
}

/** What a handler can do while it holds its claim (the claim's transaction). */
export interface Claim {
  /**
   * Serialises work on these keys (say, document ids) with every other claim that locks them,
   * until this claim ends: two replicas handling two events of one document then write it to the
   * index in commit order, and the older state can never overwrite the newer one.
   */
  lock(keys: string[]): Promise<void>;
  /** Writes follow-up events in the claim's transaction: they exist only if the claim commits. */
  enqueue(messages: OutboxMessage[]): Promise<void>;
}

export interface ClaimOptions {
  /** The topics this consumer handles; each topic has exactly one consumer. */
  topics: readonly string[];
  batchSize: number;
  /** Failures after which an event is parked instead of retried. */
  maxAttempts: number;
  /** Backoff before the n-th retry, in milliseconds. */
  backoffMs: (attempt: number) => number;
}

/**
 * The transactional outbox. Writers call `enqueue` with their transaction's EntityManager; the
 * relay calls `processBatch`, which claims pending events with FOR UPDATE SKIP LOCKED (replicas
 * never take the same event), hands them to the handler while holding the claim, and records each
 * outcome: done, retried later with backoff, or parked with its error after too many attempts.
 */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enqueue(em: EntityManager, messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await em.insert(OutboxEvent, messages);
  }

  /** Returns how many events were claimed (0: nothing to do right now). */
  async processBatch(
    options: ClaimOptions,
    handle: (events: OutboxEvent[], claim: Claim) => Promise<OutboxOutcome[]>,
  ): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const events = await em
        .createQueryBuilder(OutboxEvent, 'event')
        .where(
          'event.processed_at IS NULL AND event.parked_at IS NULL AND event.available_at <= now()',
        )
        .andWhere('event.topic IN (:...topics)', { topics: options.topics })
        .orderBy('event.id')
        .limit(options.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (events.length === 0) return 0;

      const claim: Claim = {
        lock: async (keys) => {
          if (keys.length === 0) return;
          // One statement, keys in sorted order: claims that overlap cannot deadlock.
          await em.query(
            `SELECT count(pg_advisory_xact_lock(hashtextextended(key, 0)))
               FROM (SELECT DISTINCT unnest($1::text[]) AS key ORDER BY 1) AS sorted`,
            [keys],
          );
        },
        enqueue: (messages) => this.enqueue(em, messages),
      };
      // A handler that throws (say, the search engine is unreachable) rolls the claim back: the
      // events stay pending with their attempts untouched, as if never claimed.
      const outcomes = await handle(events, claim);
      const done = outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.id);
      if (done.length > 0) {
        await em.query(
          `UPDATE outbox_events SET processed_at = now() WHERE id = ANY($1::bigint[])`,
          [done],
        );
      }
      for (const outcome of outcomes) {
        if (outcome.ok) continue;
        const event = events.find((candidate) => candidate.id === outcome.id);
        const attempts = (event?.attempts ?? 0) + 1;
        const park = attempts >= options.maxAttempts;
        await em.query(
          `UPDATE outbox_events
              SET attempts = $2, last_error = $3,
                  available_at = now() + ($4::int * interval '1 millisecond'),
                  parked_at = CASE WHEN $5 THEN now() ELSE NULL END
            WHERE id = $1`,
          [outcome.id, attempts, outcome.error.slice(0, 2000), options.backoffMs(attempts), park],
        );
      }
      return events.length;
    });
  }

  /**
   * Events of these topics created since `since`, handled or not: what a rebuild started at
   * `since` must replay into its fresh index, since the relay wrote them to the old one.
   */
  async eventsSince(since: Date, topics: string[]): Promise<OutboxMessage[]> {
    return this.dataSource.query<OutboxMessage[]>(
      `SELECT DISTINCT topic, aggregate_id AS "aggregateId"
         FROM outbox_events WHERE created_at >= $1 AND topic = ANY($2::text[])`,
      [since, topics],
    );
  }

  /** Deletes handled events older than the cut-off; parked ones stay for inspection. */
  async prune(olderThan: Date): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM outbox_events WHERE processed_at IS NOT NULL AND processed_at < $1`,
      [olderThan],
    );
    return affected;
  }

  /** Parked events, newest first: for operators, with the error that parked them. */
  parked(limit: number): Promise<OutboxEvent[]> {
    return this.dataSource
      .getRepository(OutboxEvent)
      .find({ where: { parkedAt: Not(IsNull()) }, order: { id: 'DESC' }, take: limit });
  }

  /** Backlog of these topics (all topics when none are given). */
  async stats(topics?: readonly string[]): Promise<OutboxStats> {
    const [row] = await this.dataSource.query<
      Array<{ pending: number; parked: number; lag: number }>
    >(
      `SELECT count(*) FILTER (WHERE processed_at IS NULL AND parked_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
              COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)
                FILTER (WHERE processed_at IS NULL AND parked_at IS NULL)), 0)::float AS lag
         FROM outbox_events WHERE $1::text[] IS NULL OR topic = ANY($1::text[])`,
      [topics ?? null],
    );
    return { pending: row?.pending ?? 0, parked: row?.parked ?? 0, lagSeconds: row?.lag ?? 0 };
  }
}
