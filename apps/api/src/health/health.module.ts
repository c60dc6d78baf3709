import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { MeilisearchHealthIndicator } from './meilisearch.health.js';
import { SearchRelayHealthIndicator } from './search-relay.health.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [MeilisearchHealthIndicator, SearchRelayHealthIndicator],
})
export class HealthModule {}
