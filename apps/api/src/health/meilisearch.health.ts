import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';

/** Meilisearch's own /health, with a short timeout so a hung engine shows as down, not as slow. */
@Injectable()
export class MeilisearchHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(SERVICE_ENDPOINTS) private readonly endpoints: ServiceEndpoints,
  ) {}

  async check(key: 'meilisearch') {
    const indicator = this.health.check(key);
    try {
      const response = await fetch(`${this.endpoints.meiliUrl}/health`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (!response.ok) return indicator.down({ message: `HTTP ${response.status}` });
      return indicator.up();
    } catch (error) {
      const message =
        error instanceof Error
          ? ((error.cause as Error | undefined)?.message ?? error.message)
          : 'unreachable';
      return indicator.down({ message });
    }
  }
}
