import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@techmatch/common';
import { MeilisearchHealthIndicator } from './meilisearch.health.js';

/** GET /health: 200 when PostgreSQL and Meilisearch both answer, 503 naming the one that does not. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly meilisearch: MeilisearchHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      this.postgres.pingCheck('postgres').withTimeout(2_000),
      () => this.meilisearch.check('meilisearch'),
    ]);
  }
}
