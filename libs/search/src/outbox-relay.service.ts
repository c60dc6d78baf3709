import {
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techmatch/common';
import {
  type Claim,
  type ClaimOptions,
  type OutboxEvent,
  type OutboxOutcome,
  OutboxService,
  OutboxWorker,
} from '@techmatch/database';
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from 'meilisearch';
import { engineError } from './meilisearch-transport.js';
import { SearchIndexer } from './search-indexer.service.js';

/** The catalogue's change events, which this relay consumes. */
export const SEARCH_TOPICS = ['result', 'need', 'institution', 'enterprise'] as const;

/**
 * What the relay announces once documents are in the index (same claim transaction), for
 * consumers that read the index, such as matching: by then a search can find the change.
 */
export const INDEXED_TOPICS = { results: 'indexed:result', needs: 'indexed:need' } as const;

/**
 * Events a claim takes at most. Meilisearch indexes a few large batches far faster than many small
 * ones: at 100,000 results (test/bench) batches of 500 ran at 0.35 × raw ingestion, 2,000 at
 * 0.56 ×. A batch is one transaction, so it stays bounded.
 */
export const RELAY_BATCH_SIZE = 2_000;
const MAX_ATTEMPTS = 10;
const PRUNE_EVERY_MS = 60 * 60_000;
const KEEP_HANDLED_MS = 7 * 24 * 60 * 60_000;

/** Exponential backoff with jitter, capped at a minute. */
export const relayBackoff = (attempt: number): number =>
  Math.min(60_000, 250 * 2 ** attempt) + Math.floor(Math.random() * 250);

/**
 * Meilisearch down, overloaded or unreachable: no fault of the documents, so no attempt is counted
 * and nothing is parked, however long the outage lasts.
 */
export const isSearchUnavailable = (thrown: unknown): boolean => {
  const error = engineError(thrown);
  return (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError ||
    (error instanceof MeilisearchApiError && (error.response.status ?? 500) >= 500)
  );
};

/**
 * Drains the catalogue's outbox events into Meilisearch, on every replica (see OutboxWorker). Each
 * document is locked while it is written, so two replicas cannot reorder its versions. A batch that
 * fails is split and retried event by event, so one poisonous document is parked on its own and
 * the rest go on. While Meilisearch is down a pass fails as a whole and is retried: writes never
 * wait for it.
 */
@Injectable()
export class OutboxRelay
  extends OutboxWorker
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly claimOptions: ClaimOptions = {
    topics: SEARCH_TOPICS,
    batchSize: RELAY_BATCH_SIZE,
    maxAttempts: MAX_ATTEMPTS,
    backoffMs: relayBackoff,
  };
  private settingsApplied = false;
  private lastPrune = 0;

  constructor(
    outbox: OutboxService,
    private readonly indexer: SearchIndexer,
    private readonly config: ConfigService<Environment, true>,
  ) {
    super(outbox);
  }

  /** SEARCH_RELAY_WORKERS claims at once: the next batch is read and built while one is indexed. */
  override get concurrency(): number {
    return this.config.get('SEARCH_RELAY_WORKERS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.config.get('SEARCH_RELAY', { infer: true })) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  protected override async prepare(): Promise<void> {
    if (this.settingsApplied) return;
    await this.indexer.applySettings();
    this.settingsApplied = true;
  }

  /** Handled events are kept a week for inspection, then pruned (every topic: one owner is enough). */
  protected override async idle(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.outbox.prune(new Date(Date.now() - KEEP_HANDLED_MS));
    if (pruned > 0) this.logger.log(`Pruned ${pruned} handled outbox events`);
  }

  protected async handle(events: OutboxEvent[], claim: Claim): Promise<OutboxOutcome[]> {
    try {
      await this.sync(events, claim);
      return events.map((event) => ({ id: event.id, ok: true as const }));
    } catch (error) {
      if (isSearchUnavailable(error)) throw error;
      if (events.length === 1)
        return [{ id: events[0]?.id ?? '', ok: false, error: (error as Error).message }];
      const outcomes: OutboxOutcome[] = [];
      for (const event of events) outcomes.push(...(await this.handle([event], claim)));
      return outcomes;
    }
  }

  private async sync(events: OutboxEvent[], claim: Claim): Promise<void> {
    const affected = await this.indexer.affectedIds(events);
    // Lock before reading the rows: whoever reads a document's newer state writes it last.
    await claim.lock([
      ...affected.results.map((id) => `search:result:${id}`),
      ...affected.needs.map((id) => `search:need:${id}`),
    ]);
    await this.indexer.sync('results', affected.results);
    await this.indexer.sync('needs', affected.needs);
    await claim.enqueue([
      ...affected.results.map((id) => ({ topic: INDEXED_TOPICS.results, aggregateId: id })),
      ...affected.needs.map((id) => ({ topic: INDEXED_TOPICS.needs, aggregateId: id })),
    ]);
  }
}
