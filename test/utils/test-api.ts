import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Environment, validateEnvironment } from '@techmatch/common';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { e2eSetting } from '../setup/e2e-services.js';
import { GraphQLClient } from './graphql-client.js';
import { createTestDatabase } from './test-database.js';

export interface TestApi {
  app: NestExpressApplication;
  env: Environment;
  baseUrl: string;
  databaseUrl: string;
  client: GraphQLClient;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /**
   * Serve from this database (another test API's `databaseUrl`) instead of a fresh one, as a second
   * replica would; closing this API then leaves the database to its owner.
   */
  databaseUrl?: string;
}

/**
 * Boots the real API (real migrations, demo data, auth, GraphQL over HTTP on a free port) against a
 * database of its own on the run's PostgreSQL. `settings` override environment variables.
 */
export async function startTestApi(
  settings: Record<string, string> = {},
  options: TestApiOptions = {},
): Promise<TestApi> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const env = validateEnvironment({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: e2eSetting('dataDir'),
    DATABASE_URL: database.url,
    MEILI_URL: e2eSetting('meiliUrl'),
    MEILI_MASTER_KEY: e2eSetting('meiliKey'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    DEMO_DATA: 'true',
    // Specs share the run's Meilisearch; each API gets indexes of its own.
    MEILI_INDEX_PREFIX: `e2e_${randomBytes(4).toString('hex')}`,
    // Off unless a spec is about search: a relay polling the outbox would add its own SQL to
    // statement counts, and indexing the demo data in every spec costs the suite minutes.
    SEARCH_RELAY: 'false',
    MATCH_RELAY: 'false',
    // Off unless a spec is about the scheduler: specs that move the clock make the SYSTEM moves
    // themselves, and a sweep racing them would take their versions.
    DEAL_SCHEDULER: 'false',
    // The suite fires thousands of requests from 127.0.0.1; security-limits.e2e-spec.ts tests the
    // rate limits with its own settings.
    RATE_LIMIT_IP_POINTS: '1000000',
    RATE_LIMIT_USER_POINTS: '1000000',
    // Off unless a spec is about it: a rollup built at boot would answer reports on data the spec
    // writes afterwards as it stood before.
    REPORT_ROLLUP: 'false',
    ...settings,
  });
  const app = await startApi({
    env,
    schemaFile: true,
    endpoints: {
      databaseUrl: database.url,
      meiliUrl: env.MEILI_URL ?? '',
      meiliApiKey: env.MEILI_MASTER_KEY ?? '',
      jwtSecret: env.JWT_SECRET ?? '',
      embedded: false,
    },
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    env,
    baseUrl,
    databaseUrl: database.url,
    client: new GraphQLClient(baseUrl),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
