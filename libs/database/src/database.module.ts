import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { dataSourceOptions } from './data-source-options.js';
import { MigrationRunner } from './migration-runner.service.js';
import { TransactionService } from './transaction.service.js';
import { OutboxEvent } from './outbox/outbox-event.entity.js';
import { OutboxService } from './outbox/outbox.service.js';

/**
 * The connection to PostgreSQL, imported once by the app (`DatabaseModule.forRoot()`); its
 * TransactionService is then available to every context.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [SERVICE_ENDPOINTS],
          useFactory: (endpoints: ServiceEndpoints) => ({
            ...dataSourceOptions(endpoints.databaseUrl),
            autoLoadEntities: true,
          }),
        }),
        TypeOrmModule.forFeature([OutboxEvent]),
      ],
      providers: [TransactionService, MigrationRunner, OutboxService],
      exports: [TransactionService, MigrationRunner, OutboxService],
    };
  }
}
