import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@techmatch/catalogue';
import type { Environment } from '@techmatch/common';
import { NotificationsModule } from '@techmatch/notifications';
import { SearchModule } from '@techmatch/search';
import { Match } from './entities/match.entity.js';
import { MatchStatusChange } from './entities/match-status-change.entity.js';
import { MatchingResolver } from './matching.resolver.js';
import { MATCHING_CONFIG, matchingConfig } from './scoring/matching-config.js';
import { MatchEngine } from './services/match-engine.service.js';
import { MatchNotifier } from './services/match-notifier.service.js';
import { MatchRelay } from './services/match-relay.service.js';
import { MatchStore } from './services/match-store.service.js';
import { MatchesService } from './services/matches.service.js';
import { MatchingTaxonomy } from './services/matching-taxonomy.service.js';

/** Need↔result matching: candidates, explainable scores, stored matches and their statuses. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Match, MatchStatusChange]),
    CatalogueModule,
    SearchModule,
    NotificationsModule,
  ],
  providers: [
    {
      provide: MATCHING_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        matchingConfig({
          MATCH_TOP_K: config.get('MATCH_TOP_K', { infer: true }),
          MATCH_NOTIFY_SCORE: config.get('MATCH_NOTIFY_SCORE', { infer: true }),
          MATCH_WEIGHTS: config.get('MATCH_WEIGHTS', { infer: true }),
        }),
    },
    MatchingTaxonomy,
    MatchNotifier,
    MatchStore,
    MatchEngine,
    MatchesService,
    MatchRelay,
    MatchingResolver,
  ],
  exports: [MatchEngine, MatchesService, MatchRelay],
})
export class MatchingModule {}
