import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { OutboxService } from '@techmatch/database';
import { SEARCH_TOPICS } from '@techmatch/search';

/**
 * The search relay's backlog and lag: how far Meilisearch trails Postgres. Reported, not judged:
 * a backlog while Meilisearch is down is expected, and the engine's own check says so already.
 */
@Injectable()
export class SearchRelayHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly outbox: OutboxService,
  ) {}

  async check(key: 'searchRelay') {
    const indicator = this.health.check(key);
    try {
      const { pending, parked, lagSeconds } = await this.outbox.stats(SEARCH_TOPICS);
      return indicator.up({ pending, parked, lagSeconds: Math.round(lagSeconds * 10) / 10 });
    } catch {
      return indicator.down({ message: 'outbox unreadable' });
    }
  }
}
