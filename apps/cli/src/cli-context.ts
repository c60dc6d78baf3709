import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigValidationError, type Environment, loadEnvironment } from '@techmatch/common';
import { MigrationRunner } from '@techmatch/database';
import { joinOrStartDevServices } from '@techmatch/dev-services';
import { CliModule } from './cli.module.js';

/** A failure the user can act on: printed as one line, no stack. */
export class CliError extends Error {}

function readEnvironment(): Environment {
  try {
    // The relay and the deal scheduler belong to the API; a command that wants convergence drains
    // the relay itself.
    return loadEnvironment({ SEARCH_RELAY: 'false', DEAL_SCHEDULER: 'false' });
  } catch (error) {
    if (error instanceof ConfigValidationError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * Runs a command against the configured services, or the embedded ones of DATA_DIR (joining a
 * running `npm start`), with the schema migrated, and stops whatever it started afterwards.
 */
export async function withCliContext<T>(
  command: (app: INestApplicationContext, env: Environment) => Promise<T>,
): Promise<T> {
  const env = readEnvironment();
  const services = await joinOrStartDevServices(env);
  try {
    const app = await NestFactory.createApplicationContext(
      CliModule.register(env, services.endpoints),
      { logger: ['error', 'warn'] },
    );
    try {
      if (env.MIGRATIONS_RUN) await app.get(MigrationRunner).runPending();
      return await command(app, env);
    } finally {
      await app.close();
    }
  } finally {
    await services.stop();
  }
}
