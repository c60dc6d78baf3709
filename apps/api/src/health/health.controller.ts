import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@techmatch/common';
import { MeilisearchHealthIndicator } from './meilisearch.health.js';
import { SearchRelayHealthIndicator } from './search-relay.health.js';

/**
 * GET /health: 200 when PostgreSQL and Meilisearch both answer, 503 naming the one that does not;
 * also the search relay's backlog (pending, parked) and lag in seconds.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly meilisearch: MeilisearchHealthIndicator,
    private readonly searchRelay: SearchRelayHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      this.postgres.pingCheck('postgres').withTimeout(2_000),
      () => this.meilisearch.check('meilisearch'),
      () => this.searchRelay.check('searchRelay'),
    ]);
  }
}
