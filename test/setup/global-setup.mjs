// Starts one real PostgreSQL and one real Meilisearch for the whole e2e run, in a temporary folder
// and on free ports; each spec file then creates a database of its own (test/utils/test-api.ts).
// Jest runs global setup outside its module system, so this is plain JavaScript using the compiled
// dev-services library (`npm test` builds first, in its pretest step).
import 'reflect-metadata';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEnvironment } from '../../dist/libs/common/src/index.js';
import { startDevServices } from '../../dist/libs/dev-services/src/index.js';

export default async function globalSetup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'techmatch-e2e-'));
  // When the tests run as root, PostgreSQL runs as `postgres`, which must reach the cluster folder.
  await chmod(dataDir, 0o755);
  const services = await startDevServices(
    validateEnvironment({ NODE_ENV: 'test', DATA_DIR: dataDir }),
  );
  globalThis.techmatchServices = services;
  globalThis.techmatchDataDir = dataDir;
  // Environment variables are the one channel from Jest's parent process to its workers; the names
  // are those in test/setup/e2e-services.ts.
  process.env.TECHMATCH_E2E_POSTGRES_ADMIN_URL = services.endpoints.databaseUrl.replace(
    /\/techmatch$/,
    '/postgres',
  );
  process.env.TECHMATCH_E2E_MEILI_URL = services.endpoints.meiliUrl;
  process.env.TECHMATCH_E2E_MEILI_KEY = services.endpoints.meiliApiKey;
  process.env.TECHMATCH_E2E_DATA_DIR = dataDir;
}
