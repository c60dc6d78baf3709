import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResearchResultsService, ResultStatus } from '@techmatch/catalogue';
import type { Environment } from '@techmatch/common';
import {
  type ClaimOptions,
  type OutboxEvent,
  type OutboxOutcome,
  OutboxService,
  OutboxWorker,
  WorkerStopping,
} from '@techmatch/database';
import {
  INDEXED_TOPICS,
  isSearchUnavailable,
  relayBackoff,
  SearchService,
} from '@techmatch/search';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Match } from '../entities/match.entity.js';
import { MATCHING_CONFIG, type MatchingConfig } from '../scoring/matching-config.js';
import { resultText } from './fingerprints.js';
import { MatchEngine } from './match-engine.service.js';
import { Inject } from '@nestjs/common';

/**
 * Recomputes matches when the search index has taken a change (the relay's `indexed:*` events), so
 * that candidate searches already see it. A changed need is recomputed; a changed result is
 * offered to the needs whose text finds it and to the needs it is already matched with. Events
 * are claimed like the search relay's: once across replicas, surviving restarts.
 */
@Injectable()
export class MatchRelay
  extends OutboxWorker
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly claimOptions: ClaimOptions = {
    topics: [INDEXED_TOPICS.needs, INDEXED_TOPICS.results],
    // Small batches: each event may cost a recomputation, and shutdown waits for the batch.
    batchSize: 20,
    maxAttempts: 5,
    backoffMs: relayBackoff,
  };

  constructor(
    outbox: OutboxService,
    private readonly engine: MatchEngine,
    private readonly search: SearchService,
    private readonly results: ResearchResultsService,
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: ConfigService<Environment, true>,
  ) {
    super(outbox);
  }

  onApplicationBootstrap(): void {
    if (this.settings.get('MATCH_RELAY', { infer: true })) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  protected async handle(events: OutboxEvent[]): Promise<OutboxOutcome[]> {
    // Which needs each event touches; a need touched by several events is recomputed once.
    const needsOf = new Map<string, string[]>();
    for (const event of events) {
      needsOf.set(
        event.id,
        event.topic === INDEXED_TOPICS.needs
          ? [event.aggregateId]
          : await this.needsAffectedByResult(event.aggregateId),
      );
    }
    const failed = new Map<string, string>();
    for (const needId of new Set([...needsOf.values()].flat())) {
      // Recomputations done so far are committed and harmless to repeat; the claim is released.
      if (this.stopRequested) throw new WorkerStopping();
      try {
        await this.engine.rematchNeed(needId);
      } catch (error) {
        if (isSearchUnavailable(error)) throw error;
        failed.set(needId, (error as Error).message);
      }
    }
    return events.map((event) => {
      const error = (needsOf.get(event.id) ?? []).map((id) => failed.get(id)).find(Boolean);
      return error ? { id: event.id, ok: false, error } : { id: event.id, ok: true };
    });
  }

  private async needsAffectedByResult(resultId: string): Promise<string[]> {
    const stored = await this.dataSource
      .getRepository(Match)
      .find({ select: { needId: true }, where: { resultId: In([resultId]) } });
    const [result] = await this.results.withInstitution([resultId]);
    const found =
      result?.status === ResultStatus.PUBLISHED
        ? await this.search.candidates('needs', resultText(result), {
            limit: this.config.curves.mirrorPool,
          })
        : [];
    return [...new Set([...stored.map((match) => match.needId), ...found.map((hit) => hit.id)])];
  }
}
