/**
 * Matching latency and throughput (issue #5), over N generated results (default 100,000):
 * - latency of computing and storing one need's top 20 (MatchEngine.rematchNeed: candidate search,
 *   scoring, upsert in one transaction) against the raw Meilisearch candidate query it starts with
 *   (same words, same index, limit = the candidate pool), interleaved need by need in one run.
 *   Targets: p95 ≤ 50 ms and ≤ 3 × the raw query's p95.
 * - what the engine's search cutoff (SEARCH_CUTOFF_MS) costs: how many candidate queries reach it,
 *   and how far the stored top 20 and the candidate pool differ from an uncut engine's (the same
 *   needs matched again with Meilisearch's default cutoff, then the setting restored).
 * - throughput of re-matching 1,000 needs, one after another and with 4 at a time.
 *
 *   npm run bench:matching -- [--count 100000] [--needs 1000] [--probes 300] [--seed 5]
 *
 * Prints tables, then one JSON line.
 */
import type { INestApplicationContext } from '@nestjs/common';
import {
  EnterprisesService,
  NeedStatus,
  TechNeedsService,
  TransferMode,
  type NeedImportRow,
  type ResultImportRow,
} from '@techmatch/catalogue';
import { TransactionService } from '@techmatch/database';
import { MATCHING_CONFIG, MatchEngine, type MatchingConfig } from '@techmatch/matching';
import { indexName, SEARCH_CUTOFF_MS, SearchIndexer, SearchService } from '@techmatch/search';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import {
  benchContext,
  loadAndIndex,
  prepareCatalogue,
  startBenchApp,
  waitForTasks,
} from './bench-app.js';
import {
  numberOption,
  option,
  printTable,
  Random,
  round,
  say,
  since,
  summarise,
} from './bench-support.js';
import { DEFAULT_SOURCE, generateResults, readSourcePapers } from './synthetic-results.js';
import { makeUscc } from '../catalogue/catalogue-fixtures.js';

/** Needs written the way enterprises write them: a result's keywords, a title, sometimes a field. */
function needRows(results: ResultImportRow[], count: number, seed: number, enterpriseId: string) {
  const random = new Random(seed);
  return random.sample(results, count).map((row, index): NeedImportRow => ({
    sourceKey: `bench-need-${index}`,
    enterpriseId,
    title: `${row.keywords.slice(0, 2).join('')}技术需求`.slice(0, 200),
    description: `企业希望引进${row.keywords.join('、')}相关技术。`,
    problem: row.title.slice(0, 60),
    fieldCodes: random.chance(0.5) ? row.fieldCodes.slice(0, 1) : [],
    keywords: random.sample(row.keywords, Math.min(3, row.keywords.length)),
    minTrl: random.chance(0.5) ? random.int(3, 7) : null,
    budgetMinYuan: null,
    budgetMaxYuan: random.chance(0.5) ? random.int(10, 500) * 10_000 : null,
    deadline: null,
    modes: [
      random.pick([TransferMode.LICENSE, TransferMode.TRIAL_FIRST_LICENSE, TransferMode.TRANSFER]),
    ],
    status: NeedStatus.OPEN,
  }));
}

async function createNeeds(
  app: INestApplicationContext,
  rows: (enterpriseId: string) => NeedImportRow[],
): Promise<string[]> {
  const tx = app.get(TransactionService);
  const uscc = makeUscc('410327', 5);
  await tx.run((em) =>
    app.get(EnterprisesService).importMany(
      benchContext,
      [
        {
          name: '宜阳县评测装备有限公司',
          uscc,
          divisionCode: '410327',
          industryCode: '34',
          qualifications: [],
          cultivationTier: null,
          contactName: null,
          contactPhone: null,
        },
      ],
      em,
    ),
  );
  const [enterprise] = await app
    .get(DataSource)
    .query<Array<{ id: string }>>('SELECT id FROM enterprises WHERE uscc = $1', [uscc]);
  const needRowsForEnterprise = rows(enterprise?.id ?? '');
  await tx.run((em) =>
    app.get(TechNeedsService).importMany(benchContext, needRowsForEnterprise, em),
  );
  const ids = await app
    .get(DataSource)
    .query<Array<{ id: string }>>(
      `SELECT id FROM tech_needs WHERE source_key LIKE 'bench-need-%' ORDER BY source_key`,
    );
  return ids.map((row) => row.id);
}

async function main(): Promise<void> {
  const count = numberOption('count', 100_000);
  const needCount = numberOption('needs', 1_000);
  const probes = numberOption('probes', 300);
  const seed = numberOption('seed', 5);
  const started = performance.now();
  const bench = await startBenchApp({ http: false });
  try {
    const { app, meili } = bench;
    const context = await prepareCatalogue(app);
    const dataset = generateResults(
      await readSourcePapers(option('data') ?? DEFAULT_SOURCE),
      count,
      seed,
      context,
    );
    const uid = indexName(bench.env.MEILI_INDEX_PREFIX, 'results');
    await app.get(SearchIndexer).applySettings();
    say(`loading ${count} results into Postgres and the results index …`);
    await loadAndIndex(app, meili, uid, dataset.rows, 2_000);
    const needIds = await createNeeds(app, (enterpriseId) =>
      needRows(dataset.rows, needCount, seed + 1, enterpriseId),
    );
    say(`${needIds.length} needs; loaded in ${round(since(started) / 1000, 1)} s`);

    const latency = await measureLatency(app, meili, uid, needIds, probes);
    const cutoff = await measureCutoffEffect(app, meili, uid, latency.picks);
    const throughput = await measureThroughput(app, needIds);
    report(count, latency, cutoff, throughput);
  } finally {
    await bench.close();
  }
}

async function measureLatency(
  app: INestApplicationContext,
  meili: Meilisearch,
  uid: string,
  needIds: string[],
  probes: number,
) {
  const engine = app.get(MatchEngine);
  const search = app.get(SearchService);
  const needs = app.get(TechNeedsService);
  const pool = app.get<MatchingConfig>(MATCHING_CONFIG).curves.candidatePool;
  const raw: number[] = [];
  const ours: number[] = [];
  const picks: Picks[] = [];
  const sample = needIds.slice(0, probes + 20);
  for (const [index, needId] of sample.entries()) {
    const [need] = await needs.withEnterprise([needId]);
    if (!need) continue;
    const query = search
      .queryWords([need.keywords.join(' '), need.title, need.problem, need.description].join(' '))
      .join(' ');
    let at = performance.now();
    const answer = await rawCandidates(meili, uid, query, pool);
    const rawMs = since(at);
    at = performance.now();
    const outcome = await engine.rematchNeed(needId);
    const oursMs = since(at);
    // The first 20 warm both paths (connections, caches, JIT) and are not counted.
    if (index >= 20) {
      raw.push(rawMs);
      ours.push(oursMs);
      picks.push({ needId, query, ...answer, top: outcome.top.map((match) => match.resultId) });
    }
  }
  return { raw: summarise(raw), ours: summarise(ours), picks };
}

/** One probe's answers: the raw query's candidates and engine time, and the stored top 20. */
interface Picks {
  needId: string;
  query: string;
  pool: string[];
  engineMs: number;
  top: string[];
}

/** The candidate query as MatchEngine sends it (SearchService.candidates), straight to the engine. */
async function rawCandidates(meili: Meilisearch, uid: string, query: string, limit: number) {
  const response = await meili.index(uid).search<{ id: string }>(query, {
    limit,
    locales: ['cmn'],
    matchingStrategy: 'last',
    showRankingScore: true,
    attributesToRetrieve: ['id', 'fieldCodes'],
  });
  return { pool: response.hits.map((hit) => hit.id), engineMs: response.processingTimeMs };
}

/** The share of `a`'s items that `b` holds as well (1 when `a` is empty). */
const agreement = (a: string[], b: string[]): number =>
  a.length === 0 ? 1 : a.filter((id) => b.includes(id)).length / a.length;

/**
 * The same probes with the engine's default cutoff (1,500 ms): how much of the stored top 20 and of
 * the candidate pool the cutoff changed. The service's setting is restored afterwards.
 */
async function measureCutoffEffect(
  app: INestApplicationContext,
  meili: Meilisearch,
  uid: string,
  picks: Picks[],
) {
  const engine = app.get(MatchEngine);
  const pool = app.get<MatchingConfig>(MATCHING_CONFIG).curves.candidatePool;
  const reached = picks.filter((pick) => pick.engineMs >= SEARCH_CUTOFF_MS).length;
  await waitForTasks(meili, [
    (await meili.index(uid).updateSettings({ searchCutoffMs: null })).taskUid,
  ]);
  const uncutMs: number[] = [];
  let topAgreement = 0;
  let poolAgreement = 0;
  try {
    for (const pick of picks) {
      const uncut = await rawCandidates(meili, uid, pick.query, pool);
      uncutMs.push(uncut.engineMs);
      const outcome = await engine.rematchNeed(pick.needId);
      topAgreement += agreement(
        outcome.top.map((match) => match.resultId),
        pick.top,
      );
      poolAgreement += agreement(uncut.pool, pick.pool);
    }
  } finally {
    await app.get(SearchIndexer).applySettings();
  }
  const n = Math.max(picks.length, 1);
  return {
    cutoffMs: SEARCH_CUTOFF_MS,
    reachedShare: reached / n,
    uncutEngine: summarise(uncutMs),
    top20Agreement: topAgreement / n,
    poolAgreement: poolAgreement / n,
  };
}

async function measureThroughput(app: INestApplicationContext, needIds: string[]) {
  const engine = app.get(MatchEngine);
  let at = performance.now();
  for (const needId of needIds) await engine.rematchNeed(needId);
  const sequentialPerSecond = needIds.length / (since(at) / 1000);
  at = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < needIds.length) await engine.rematchNeed(needIds[next++] ?? '');
    }),
  );
  const concurrentPerSecond = needIds.length / (since(at) / 1000);
  return { needs: needIds.length, sequentialPerSecond, concurrentPerSecond };
}

function report(
  count: number,
  latency: Awaited<ReturnType<typeof measureLatency>>,
  cutoff: Awaited<ReturnType<typeof measureCutoffEffect>>,
  throughput: Awaited<ReturnType<typeof measureThroughput>>,
): void {
  const { raw, ours } = latency;
  printTable(
    ['series', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms'],
    [
      ['raw candidate query', raw.n, raw.p50, raw.p95, raw.p99, raw.mean],
      ['rematchNeed (top 20, stored)', ours.n, ours.p50, ours.p95, ours.p99, ours.mean],
    ],
  );
  const ratio = ours.p95 / Math.max(raw.p95, 0.001);
  const pass = ours.p95 <= 50 && ratio <= 3;
  say(
    `target p95 ≤ 50 ms and ≤ 3× raw p95: ${ours.p95} ms, ${round(ratio)}× → ${pass ? 'PASS' : 'FAIL'}`,
  );
  say(
    `engine cutoff ${cutoff.cutoffMs} ms: reached by ${round(cutoff.reachedShare * 100, 1)}% of candidate queries ` +
      `(uncut engine p50 ${cutoff.uncutEngine.p50} ms, p95 ${cutoff.uncutEngine.p95} ms); ` +
      `stored top 20 agree with an uncut engine's on ${round(cutoff.top20Agreement * 100, 1)}%, ` +
      `candidate pools on ${round(cutoff.poolAgreement * 100, 1)}%`,
  );
  say(
    `re-matching ${throughput.needs} needs: ${round(throughput.sequentialPerSecond, 1)}/s one at a time, ` +
      `${round(throughput.concurrentPerSecond, 1)}/s four at a time`,
  );
  process.stdout.write(
    `${JSON.stringify({
      results: count,
      latency: { raw, ours, p95Ratio: round(ratio), pass },
      cutoff: {
        ms: cutoff.cutoffMs,
        reachedShare: round(cutoff.reachedShare, 3),
        uncutEngine: cutoff.uncutEngine,
        top20Agreement: round(cutoff.top20Agreement, 3),
        poolAgreement: round(cutoff.poolAgreement, 3),
      },
      throughput: {
        needs: throughput.needs,
        sequentialPerSecond: round(throughput.sequentialPerSecond, 1),
        concurrentPerSecond: round(throughput.concurrentPerSecond, 1),
      },
    })}\n`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
