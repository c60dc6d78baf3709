import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Connection settings shared by the API and the CLI. `synchronize` is off everywhere: the schema is
 * whatever the committed migrations say, and a test checks that the entities agree with them.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    applicationName: 'techmatch',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, none to be allowed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: 10 },
  };
}
