import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { CatalogueModule } from '@techmatch/catalogue';
import {
  type Environment,
  InputValidationPipe,
  RuntimeConfigModule,
  type ServiceEndpoints,
} from '@techmatch/common';
import { DatabaseModule } from '@techmatch/database';
import { DealsModule } from '@techmatch/deals';
import { IdentityModule } from '@techmatch/identity';
import { MatchingModule } from '@techmatch/matching';
import { NotificationsModule } from '@techmatch/notifications';
import { ProgrammeModule, ReportsModule } from '@techmatch/programme';
import { SearchModule } from '@techmatch/search';
import { DemoCatalogueSeeder } from './demo/demo-catalogue.seeder.js';
import { DemoDataSeeder } from './demo/demo-data.seeder.js';
import { graphqlOptions } from './graphql/graphql-options.js';
import { PublicCacheModule } from './graphql/public-cache/public-cache.module.js';
import { PublicReadsGeneration } from './graphql/public-cache/public-reads-generation.js';
import { HealthModule } from './health/health.module.js';
import { IdeModule } from './ide/ide.module.js';
import { loggerOptions } from './logging/logger-options.js';
import { RequestRateLimiter } from './security/rate-limit.js';
import { SecurityModule } from './security/security.module.js';

export interface AppModuleOptions {
  env: Environment;
  endpoints: ServiceEndpoints;
  /** Where the SDL is written; `true` keeps it in memory. */
  schemaFile: string | true;
  /** Pretty, human-readable log lines (a terminal); JSON otherwise. */
  interactiveLogs?: boolean;
}

/**
 * The composition root. Configuration is validated before this module is built (see main.ts), and
 * the service endpoints are already resolved: embedded servers, if any, are running by now.
 */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeConfigModule.forRoot(options.env, options.endpoints),
        LoggerModule.forRoot(loggerOptions(options.env, options.interactiveLogs ?? false)),
        DatabaseModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [PublicCacheModule, SecurityModule],
          inject: [ConfigService, PinoLogger, PublicReadsGeneration, RequestRateLimiter],
          useFactory: (
            config: ConfigService<Environment, true>,
            logger: PinoLogger,
            publicReads: PublicReadsGeneration,
            rateLimiter: RequestRateLimiter,
          ) =>
            graphqlOptions({
              config,
              logger,
              publicReads,
              rateLimiter,
              schemaFile: options.schemaFile,
            }),
        }),
        SecurityModule,
        HealthModule,
        IdentityModule,
        CatalogueModule,
        SearchModule,
        NotificationsModule,
        MatchingModule,
        DealsModule,
        ProgrammeModule,
        ReportsModule,
        ...(options.env.graphqlIde ? [IdeModule] : []),
      ],
      providers: [
        { provide: APP_PIPE, useClass: InputValidationPipe },
        DemoDataSeeder,
        DemoCatalogueSeeder,
      ],
    };
  }
}
