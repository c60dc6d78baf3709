import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techmatch/common';
import {
  type Claim,
  type OutboxEvent,
  type OutboxOutcome,
  OutboxService,
} from '@techmatch/database';
import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from 'meilisearch';
import { SearchIndexer } from './search-indexer.service.js';

export const RELAY_BATCH_SIZE = 500;
const MAX_ATTEMPTS = 10;
const IDLE_MS = 200;
const PRUNE_EVERY_MS = 60 * 60_000;
const KEEP_HANDLED_MS = 7 * 24 * 60 * 60_000;

/** Exponential backoff with jitter, capped at a minute. */
export const relayBackoff = (attempt: number): number =>
  Math.min(60_000, 250 * 2 ** attempt) + Math.floor(Math.random() * 250);

/**
 * Meilisearch down, overloaded or unreachable: no fault of the documents, so no attempt is counted
 * and nothing is parked, however long the outage lasts.
 */
export const isSearchUnavailable = (error: unknown): boolean =>
  error instanceof MeilisearchRequestError ||
  error instanceof MeilisearchRequestTimeOutError ||
  error instanceof MeilisearchTaskTimeOutError ||
  (error instanceof MeilisearchApiError && (error.response.status ?? 500) >= 500);

/**
 * Drains the outbox into Meilisearch, in the API process, on every replica: claims use SKIP
 * LOCKED, so replicas share events and never handle one twice at once, and each document is
 * locked while it is written, so two replicas cannot reorder its versions. A batch that fails is
 * split and retried event by event, so one poisonous document is parked on its own and the rest go
 * on. While Meilisearch is down a pass fails as a whole and is retried: writes never wait for it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private settingsApplied = false;
  private lastPrune = 0;

  constructor(
    private readonly outbox: OutboxService,
    private readonly indexer: SearchIndexer,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.get('SEARCH_RELAY', { infer: true })) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One pass over what is pending now; also used by tests and the CLI to wait for convergence. */
  async drain(): Promise<number> {
    if (!this.settingsApplied) {
      await this.indexer.applySettings();
      this.settingsApplied = true;
    }
    let handled = 0;
    for (;;) {
      const claimed = await this.outbox.processBatch(
        { batchSize: RELAY_BATCH_SIZE, maxAttempts: MAX_ATTEMPTS, backoffMs: relayBackoff },
        (events, claim) => this.handle(events, claim),
      );
      if (claimed === 0) return handled;
      handled += claimed;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.drain()) === 0) {
          await this.pruneNowAndThen();
          await sleep(IDLE_MS);
        }
      } catch (error) {
        // Postgres or Meilisearch unreachable: wait and try again; nothing is lost meanwhile.
        this.logger.warn(`Search relay pass failed: ${(error as Error).message}`);
        await sleep(1_000);
      }
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.outbox.prune(new Date(Date.now() - KEEP_HANDLED_MS));
    if (pruned > 0) this.logger.log(`Pruned ${pruned} handled outbox events`);
  }

  private async handle(events: OutboxEvent[], claim: Claim): Promise<OutboxOutcome[]> {
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
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
