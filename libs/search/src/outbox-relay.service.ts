import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techmatch/common';
import { type OutboxEvent, type OutboxOutcome, OutboxService } from '@techmatch/database';
import { SearchIndexer } from './search-indexer.service.js';

const BATCH_SIZE = 200;
const MAX_ATTEMPTS = 10;
const IDLE_MS = 200;

/** Exponential backoff with jitter, capped at a minute. */
export const relayBackoff = (attempt: number): number =>
  Math.min(60_000, 250 * 2 ** attempt) + Math.floor(Math.random() * 250);

/**
 * Drains the outbox into Meilisearch, in the API process, on every replica: claims use SKIP
 * LOCKED, so replicas share events and never handle one twice at once. A batch that fails is split
 * and retried event by event, so one poisonous document is parked on its own and the rest go on.
 * While Meilisearch is down every attempt fails and is retried later: writes never wait for it.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private settingsApplied = false;

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
        { batchSize: BATCH_SIZE, maxAttempts: MAX_ATTEMPTS, backoffMs: relayBackoff },
        (events) => this.handle(events),
      );
      if (claimed === 0) return handled;
      handled += claimed;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.drain()) === 0) await sleep(IDLE_MS);
      } catch (error) {
        // Postgres or Meilisearch unreachable: wait and try again; nothing is lost meanwhile.
        this.logger.warn(`Search relay pass failed: ${(error as Error).message}`);
        await sleep(1_000);
      }
    }
  }

  private async handle(events: OutboxEvent[]): Promise<OutboxOutcome[]> {
    try {
      await this.sync(events);
      return events.map((event) => ({ id: event.id, ok: true as const }));
    } catch (error) {
      if (events.length === 1)
        return [{ id: events[0]?.id ?? '', ok: false, error: (error as Error).message }];
      const outcomes: OutboxOutcome[] = [];
      for (const event of events) outcomes.push(...(await this.handle([event])));
      return outcomes;
    }
  }

  private async sync(events: OutboxEvent[]): Promise<void> {
    const results = new Set<string>();
    const needs = new Set<string>();
    for (const event of events) {
      if (event.topic === 'result') results.add(event.aggregateId);
      if (event.topic === 'need') needs.add(event.aggregateId);
      if (event.topic === 'institution') {
        for (const id of await this.indexer.resultIdsOfInstitution(event.aggregateId))
          results.add(id);
      }
      if (event.topic === 'enterprise') {
        for (const id of await this.indexer.needIdsOfEnterprise(event.aggregateId)) needs.add(id);
      }
    }
    await this.indexer.syncResults([...results]);
    await this.indexer.syncNeeds([...needs]);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
