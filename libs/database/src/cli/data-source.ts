import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '@techmatch/common';
import { resolveDatabaseUrl } from '@techmatch/dev-services';
import { dataSourceOptions } from '../data-source-options.js';

/**
 * The DataSource the TypeORM CLI loads, compiled (`npm run migration:generate -- <Name>`,
 * `migration:run`, `migration:revert`: each builds first). With DATABASE_URL it uses that database; otherwise it uses
 * the embedded PostgreSQL in DATA_DIR, joining the one `npm start` is running or starting it for the
 * command. Entities are found by file name so that this library need not import the contexts.
 */
async function cliDataSource(): Promise<DataSource> {
  const env = loadEnvironment();
  return new DataSource({
    ...dataSourceOptions(await resolveDatabaseUrl(env)),
    entities: [join(import.meta.dirname, '../../../*/src/**/*.entity.js')],
  });
}

export const dataSource = cliDataSource();
