import 'reflect-metadata';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { INestApplication } from '@nestjs/common';
import { ConfigValidationError, type Environment, loadEnvironment } from '@techmatch/common';
import { type DevServices, startDevServices } from '@techmatch/dev-services';
import { startApi } from './bootstrap.js';

function readEnvironment(): Environment {
  try {
    return loadEnvironment();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    // One line, naming the variable: the whole point of validating first.
    process.stderr.write(`techmatch: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const env = readEnvironment();
  const interactive = process.stdout.isTTY;
  const log = pino({
    level: env.LOG_LEVEL,
    transport: interactive && !env.isProduction ? { target: 'pino-pretty' } : undefined,
  });

  let services: DevServices | undefined;
  let app: INestApplication | undefined;
  let stopping = false;
  // Stop the API first (in-flight requests finish), then the embedded servers it was using.
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received, shutting down`);
    await app
      ?.close()
      .catch((error: unknown) => log.error({ err: error }, 'API did not close cleanly'));
    await services?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, (received) => void stop(received));
  }

  try {
    if (!env.DATABASE_URL || !env.MEILI_URL) {
      log.info(`Starting embedded PostgreSQL and Meilisearch in ${env.DATA_DIR}`);
    }
    services = await startDevServices(env, (line) => log.debug(line));
    app = await startApi({
      env,
      endpoints: services.endpoints,
      schemaFile: env.isProduction ? true : join(process.cwd(), 'apps/api/schema.gql'),
      interactiveLogs: interactive,
    });
  } catch (error) {
    // A setting that only a module can judge (MATCH_WEIGHTS, say) fails here: still one line.
    if (error instanceof ConfigValidationError)
      process.stderr.write(`techmatch: ${error.message}\n`);
    else log.fatal({ err: error }, 'TechMatch could not start');
    await services?.stop();
    process.exit(1);
  }
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  log.info(
    `TechMatch GraphQL API ready at http://localhost:${port}/graphql ` +
      `(open it in a browser for the IDE) after ${Date.now() - startedAt} ms`,
  );
}

void main();
