import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDistDirectory } from 'altair-static';
import { Logger } from 'nestjs-pino';
import { TaxonomyService } from '@techmatch/catalogue';
import { MigrationRunner } from '@techmatch/database';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { DemoDataSeeder } from './demo/demo-data.seeder.js';
import { ALTAIR_ASSETS_PATH } from './ide/altair.middleware.js';
import { applyHttpSecurity } from './security/http-security.js';

/**
 * Builds and starts the API: migrate (if configured), refresh the reference taxonomies, load demo
 * data (if configured), then listen.
 * main.ts and the e2e tests both start the service through here, so the tests run what users run.
 */
export async function startApi(options: AppModuleOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), {
    bufferLogs: true,
  });
  try {
    app.useLogger(app.get(Logger));
    applyHttpSecurity(app, options.env);
    if (options.env.graphqlIde) {
      app.useStaticAssets(getDistDirectory(), {
        prefix: ALTAIR_ASSETS_PATH,
        maxAge: '1d',
        index: false,
      });
    }
    app.disable('x-powered-by');

    // Providers exist (and the pool is connected) once create() returns; lifecycle hooks, which
    // later contexts use to start background work, only run in init(), after the schema is current.
    if (options.env.MIGRATIONS_RUN) await app.get(MigrationRunner).runPending();
    await app.get(TaxonomyService).syncReferenceData();
    if (options.env.demoData) await app.get(DemoDataSeeder).seed();

    await app.listen(options.env.PORT);
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}
