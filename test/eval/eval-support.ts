/**
 * What the evaluations share: command-line options, reading a CSL-format file, booting the service
 * in-process on its own embedded PostgreSQL and Meilisearch (temporary folder, relays off: an
 * evaluation drains the search relay itself, so it knows when indexing is done), and the
 * plain-Meilisearch baseline both report next to ours.
 */
import 'reflect-metadata';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TaxonomyService } from '@techmatch/catalogue';
import { type Environment, RequestContext, validateEnvironment } from '@techmatch/common';
import { startDevServices } from '@techmatch/dev-services';
import { MEILISEARCH } from '@techmatch/search';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module.js';

/** One line of a CSL-format file (../shared/data/csl_dev.jsonl). */
export interface Paper {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  category: string;
}

/** Ranks paper ids for a need's keywords, best first. */
export type Ranker = (keywords: string[]) => Promise<string[]>;

/** `--name value` from the command line, or undefined. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function numberArgument(name: string, fallback: number): number {
  const given = argument(name);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} wants a positive integer`);
  return value;
}

export async function readPapers(file: string): Promise<Paper[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Paper);
}

/** Four decimals: enough to compare runs, few enough to read. */
export const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export interface EvalApp {
  app: INestApplicationContext;
  env: Environment;
  ctx: RequestContext;
  meili: Meilisearch;
  close(): Promise<void>;
}

/**
 * The service's application context (no HTTP) on fresh embedded servers, migrated, with the
 * reference taxonomies loaded and no demo data. `settings` are extra environment variables.
 */
export async function startEvalApp(
  label: string,
  settings: Record<string, string> = {},
): Promise<EvalApp> {
  const dataDir = await mkdtemp(join(tmpdir(), `techmatch-${label}-`));
  await chmod(dataDir, 0o755);
  const env = validateEnvironment({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    SEARCH_RELAY: 'false',
    // Nor re-matching in the background: it would start before the migrations, and compete.
    MATCH_RELAY: 'false',
    DEAL_SCHEDULER: 'false',
    ...settings,
  });
  const services = await startDevServices(env);
  let app: INestApplicationContext | undefined;
  const close = async (): Promise<void> => {
    await app?.close();
    await services.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    app = await NestFactory.createApplicationContext(
      AppModule.register({ env, endpoints: services.endpoints, schemaFile: true }),
      { logger: ['error', 'warn'] },
    );
    await app.get(DataSource).runMigrations();
    await app.get(TaxonomyService).syncReferenceData();
    return {
      app,
      env,
      ctx: RequestContext.system(label),
      meili: app.get<Meilisearch>(MEILISEARCH),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Plain Meilisearch as a baseline: the same papers (title, abstract, keywords) in an index of its
 * own with default settings, queried with the keywords joined by spaces.
 */
export async function plainMeilisearch(evalApp: EvalApp, papers: Paper[]): Promise<Ranker> {
  const plain = evalApp.meili.index(`${evalApp.env.MEILI_INDEX_PREFIX}_plain_eval`);
  const task = await plain
    .addDocuments(
      papers.map((paper) => ({
        id: paper.id,
        title: paper.title,
        abstract: paper.abstract,
        keywords: paper.keywords,
      })),
      { primaryKey: 'id' },
    )
    .waitTask({ timeout: 600_000 });
  if (task.status !== 'succeeded')
    throw new Error(`plain index: task ${task.uid} ${task.status}: ${task.error?.message}`);
  return async (keywords) =>
    (await plain.search(keywords.join(' '), { limit: 10 })).hits.map((hit) => String(hit.id));
}
