/**
 * Boots the service in-process for a benchmark, on its own embedded PostgreSQL and Meilisearch
 * under a temporary folder (as test/eval/search-eval.ts does), and the steps both benchmarks share:
 * reference data, importing results through the catalogue, building the service's own documents
 * and bulk-loading them into an index.
 */
import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  FieldScheme,
  InstitutionsService,
  type ResultImportRow,
  ResearchResultsService,
  TaxonomyService,
} from '@techmatch/catalogue';
import { type Environment, RequestContext, validateEnvironment } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { startDevServices } from '@techmatch/dev-services';
import { INDEX_SETTINGS, MEILISEARCH, SearchDocuments } from '@techmatch/search';
import type { Meilisearch, Task } from 'meilisearch';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module.js';
import { startApi } from '../../apps/api/src/bootstrap.js';
import { DEMO_INSTITUTIONS } from '../../apps/api/src/demo/demo-data.js';
import { since } from './bench-support.js';
import type { GeneratorContext } from './synthetic-results.js';

export interface BenchApp {
  app: INestApplicationContext;
  env: Environment;
  meili: Meilisearch;
  /** Set when the HTTP API was started (`http: true`). */
  baseUrl?: string;
  close(): Promise<void>;
}

export const benchContext = RequestContext.system('bench');

/**
 * `http: false` builds the application context only (no port); `http: true` starts the real API
 * through bootstrap.ts on a free port. The background relays are off: the benchmarks drive the
 * search relay themselves, so they know when indexing starts and ends.
 */
export async function startBenchApp(options: {
  http: boolean;
  /** Environment variables over the benchmarks' defaults. */
  settings?: Record<string, string>;
}): Promise<BenchApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'techmatch-bench-'));
  await chmod(dataDir, 0o755);
  const env = validateEnvironment({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    // Request logging off: its cost is not what is measured, and it would bury the figures.
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    SEARCH_RELAY: 'false',
    // Matching recomputes needs for every indexed result: other work, competing for the same CPU.
    MATCH_RELAY: 'false',
    DEAL_SCHEDULER: 'false',
    // Reports count live unless a benchmark builds the rollup itself, when it knows the data.
    REPORT_ROLLUP: 'false',
    // Latency and the evaluations are about computing answers: a repeated query answered from the
    // public-read cache would measure memory. bench:load measures the cache (on, as deployed).
    PUBLIC_CACHE: 'false',
    // One client sends thousands of queries from 127.0.0.1: the per-address limit would refuse them.
    RATE_LIMIT_IP_POINTS: '0',
    RATE_LIMIT_USER_POINTS: '0',
    ...options.settings,
  });
  const services = await startDevServices(env);
  let app: INestApplicationContext | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app?.close();
      await services.stop();
      await rm(dataDir, { recursive: true, force: true });
    })();
    return closing;
  };
  // A benchmark runs for minutes; Ctrl-C must not leave two servers and a data folder behind.
  const interrupted = (): void => {
    void close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    let baseUrl: string | undefined;
    if (options.http) {
      const api = await startApi({ env, endpoints: services.endpoints, schemaFile: true });
      app = api;
      const { port } = api.getHttpServer().address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
    } else {
      app = await NestFactory.createApplicationContext(
        AppModule.register({ env, endpoints: services.endpoints, schemaFile: true }),
        { logger: ['error', 'warn'] },
      );
      await app.get(DataSource).runMigrations();
      await app.get(TaxonomyService).syncReferenceData();
    }
    return { app, env, meili: app.get<Meilisearch>(MEILISEARCH), baseUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The demo institutions, and discipline → field-code lookups from the reference field tree. */
export async function prepareCatalogue(app: INestApplicationContext): Promise<GeneratorContext> {
  const institutions = app.get(InstitutionsService);
  await app
    .get(TransactionService)
    .run((em) => institutions.ensure(benchContext, DEMO_INSTITUTIONS, em));
  const fields = await app.get(TaxonomyService).fields(benchContext, FieldScheme.DISCIPLINE);
  const categories = new Map(fields.filter((f) => !f.parentCode).map((f) => [f.nameZh, f.code]));
  const categoryName = new Map(fields.filter((f) => !f.parentCode).map((f) => [f.code, f.nameZh]));
  const byName = new Map<string, string>();
  for (const field of fields) {
    if (!field.parentCode) continue;
    byName.set(`${categoryName.get(field.parentCode)}/${field.nameZh}`, field.code);
    if (!byName.has(field.nameZh)) byName.set(field.nameZh, field.code);
  }
  return {
    institutionIds: (await institutions.list(benchContext)).map((i) => i.id),
    // CSL names some disciplines as pairs ("中医学/中药学"): the first half is tried as well.
    fieldCode: (discipline, category) =>
      byName.get(`${category}/${discipline}`) ??
      byName.get(discipline) ??
      byName.get(`${category}/${discipline.split('/')[0]}`) ??
      '',
    categoryCode: (category) => categories.get(category) ?? '',
  };
}

/**
 * Imports through ResearchResultsService.importMany, as the demo seeder and spreadsheet imports
 * do: rows and their outbox events in one transaction per chunk. importMany looks the whole
 * chunk's natural keys up in one statement, so a chunk must stay well under Postgres' 65,535
 * parameters.
 */
export async function importResults(
  app: INestApplicationContext,
  rows: ResultImportRow[],
  chunk: number,
): Promise<number> {
  const tx = app.get(TransactionService);
  const results = app.get(ResearchResultsService);
  let imported = 0;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    imported += await tx.run((em) => results.importMany(benchContext, part, em));
  }
  return imported;
}

/**
 * Imports in chunks and, after each chunk, enqueues its documents without waiting: Meilisearch
 * indexes chunk k while Node imports chunk k + 1, the quickest honest way to a searchable 100k.
 */
export async function loadAndIndex(
  app: INestApplicationContext,
  meili: Meilisearch,
  uid: string,
  rows: ResultImportRow[],
  chunk: number,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const results = app.get(ResearchResultsService);
  const documents = app.get(SearchDocuments);
  const tasks: number[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    await importResults(app, part, chunk);
    const ids = await dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM research_results WHERE source_key = ANY($1::text[])',
      [part.map((row) => row.sourceKey)],
    );
    const found = await results.withInstitution(ids.map((row) => row.id));
    const docs = found.map((row) => documents.result(row)).filter((doc) => doc !== null);
    tasks.push((await meili.index(uid).addDocuments(docs, { primaryKey: 'id' })).taskUid);
  }
  await waitForTasks(meili, tasks);
}

async function succeeded(task: Promise<Task>): Promise<Task> {
  const done = await task;
  if (done.status !== 'succeeded')
    throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message}`);
  return done;
}

/** A new, empty index with the results index's settings (any earlier one of that name dropped). */
export async function freshResultsIndex(meili: Meilisearch, uid: string): Promise<void> {
  await meili
    .deleteIndex(uid)
    .waitTask({ timeout: 600_000 })
    .catch(() => undefined);
  await succeeded(meili.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 600_000 }));
  await succeeded(meili.index(uid).updateSettings(INDEX_SETTINGS.results).waitTask());
}

/**
 * Plain bulk ingestion, the way Meilisearch's documentation recommends: large batches, all
 * enqueued at once (the engine merges consecutive additions into one indexing batch), then one
 * wait for the lot. Returns the wall time from the first request to the last task's success.
 */
export async function addInBatches(
  meili: Meilisearch,
  uid: string,
  documents: object[],
  batchSize: number,
): Promise<number> {
  const started = performance.now();
  const enqueued: number[] = [];
  for (let start = 0; start < documents.length; start += batchSize) {
    const task = await meili
      .index(uid)
      .addDocuments(documents.slice(start, start + batchSize), { primaryKey: 'id' });
    enqueued.push(task.taskUid);
  }
  await waitForTasks(meili, enqueued);
  return since(started);
}

/**
 * Polls until every task has finished and fails unless all succeeded. The client's own
 * waitForTasks hangs an abort listener on one signal per poll, and a wait of several minutes
 * floods the output with MaxListenersExceededWarning.
 */
export async function waitForTasks(meili: Meilisearch, uids: number[]): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  for (const uid of uids) {
    for (;;) {
      const task = await meili.tasks.getTask(uid);
      if (task.status === 'succeeded') break;
      if (task.status !== 'enqueued' && task.status !== 'processing')
        throw new Error(`Meilisearch task ${uid} ${task.status}: ${task.error?.message}`);
      if (Date.now() > deadline) throw new Error(`Meilisearch task ${uid} still ${task.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export async function documentCount(meili: Meilisearch, uid: string): Promise<number> {
  return (await meili.index(uid).getStats()).numberOfDocuments;
}

/**
 * Meilisearch's own busy time for an index's document additions: the summed durations of the
 * batches it ran. Next to the wall time it shows how much of it the engine spent indexing, and how
 * many batches it needed.
 */
export async function engineTime(
  meili: Meilisearch,
  uid: string,
): Promise<{ batches: number; busyMs: number }> {
  let from: number | undefined;
  let batches = 0;
  let busyMs = 0;
  for (;;) {
    const page = await meili.batches.getBatches({
      indexUids: [uid],
      types: ['documentAdditionOrUpdate'],
      limit: 1_000,
      ...(from === undefined ? {} : { from }),
    });
    for (const batch of page.results) {
      batches++;
      if (batch.finishedAt) busyMs += Date.parse(batch.finishedAt) - Date.parse(batch.startedAt);
    }
    if (page.next === null) return { batches, busyMs };
    from = page.next;
  }
}
