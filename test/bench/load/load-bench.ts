/**
 * Load benchmark (issue #8): the service on its embedded defaults with the demo data (the match
 * relay aside: see main), in a process of its own, under autocannon at a fixed number of connections, scenario after scenario for the
 * same time after a warm-up of all of them:
 *
 *   typename  { __typename }
 *   list      researchResults(first: 20) with each result's institution and patents
 *   search    searchResults(query, first: 10) with highlights and institutions, queries in turn
 *   matches   matchesForNeed(first: 20) as a broker
 *   mixed     reads and writes on deals: counter-offers and payments between lists and searches
 *
 * For each: req/s, p50 and p99 latency, non-2xx and GraphQL errors; then list÷typename and
 * search÷typename throughput (targets ≥ 0.6 and ≥ 0.3), the API's RSS after the warm-up and after
 * the mixed load (within 20 %, each read after a full GC through the inspector), the memory of the
 * API with its PostgreSQL and Meilisearch (< 1 GiB: their PSS, each shared page counted once; RSS
 * summed per process counts PostgreSQL's shared buffers once per backend, and is printed beside it),
 * the ledger and the search index checked after the load, and the unhandled rejections the API
 * reported (started with --unhandled-rejections=warn). Prints a table, then one JSON line.
 *
 * The list and the search are anonymous, so the public-read cache answers them after their first
 * request, as deployed; --env PUBLIC_CACHE=false measures computing every answer.
 *
 *   npm run bench:load -- [--connections 10] [--duration 12] [--warmup 3] [--profile]
 *                         [--env NAME=value …]
 *
 * --profile takes a CPU profile of the API per scenario (through its inspector) and prints where
 * each request's CPU time goes, by package and by function. --env sets a variable for the API
 * process (and the Meilisearch it starts, which inherits its environment), to try a lever:
 * --env MEILI_MAX_INDEXING_MEMORY=256MiB, say.
 */
import { randomBytes } from 'node:crypto';
import { validateEnvironment } from '@techmatch/common';
import { resolveDatabaseUrl } from '@techmatch/dev-services';
import { getRandomPort } from 'get-port-please';
import pg from 'pg';
import { GraphQLClient } from '../../utils/graphql-client.js';
import { numberOption, printTable, round, say, since } from '../bench-support.js';
import {
  mib,
  type ProcessMemory,
  processMemory,
  processTree,
  startApiProcess,
} from './api-process.js';
import { type Check, ledgerChecks, searchVerify } from './consistency.js';
import { Inspector, PHASES, type ProfileSummary, summarise } from './cpu-profile.js';
import {
  type DealsForLoad,
  listPartScenarios,
  listScenario,
  matchesScenario,
  mixedScenario,
  type MixedTally,
  runScenario,
  type Scenario,
  type ScenarioFigures,
  searchScenario,
  typenameScenario,
} from './scenarios.js';

const CLI = new URL('../../../apps/cli/src/main.js', import.meta.url).pathname;

const DEMO = {
  broker: ['broker@demo.techmatch.cn', 'Demo-Broker-2026'],
  enterprise: ['enterprise@demo.techmatch.cn', 'Demo-Enterprise-2026'],
  researcher: ['researcher@demo.techmatch.cn', 'Demo-Researcher-2026'],
} as const;

/**
 * Waits until the search relay has handled every outbox event (the demo's indexing, at first).
 * The match relay is off (see main): its events stay pending and are not waited for.
 */
async function settle(db: pg.Client, timeoutMs = 600_000): Promise<number> {
  const started = performance.now();
  let reported = started;
  for (;;) {
    const pending = (
      await db.query<{ topic: string; n: string }>(
        `SELECT topic, count(*) AS n FROM outbox_events
          WHERE processed_at IS NULL AND parked_at IS NULL AND topic NOT LIKE 'indexed:%'
          GROUP BY topic ORDER BY topic`,
      )
    ).rows;
    if (pending.length === 0) return since(started);
    const summary = pending.map((row) => `${row.n} ${row.topic}`).join(', ');
    if (since(started) > timeoutMs) throw new Error(`outbox events still pending: ${summary}`);
    if (since(reported) > 30_000) {
      reported = performance.now();
      say(`  waiting for the search relay (${Math.round(since(started) / 1000)} s): ${summary}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function must<T>(
  client: GraphQLClient,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const response = await client.request<T>(query, variables, token);
  if (!response.data || response.errors)
    throw new Error(`set-up request failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/**
 * Deals between the demo enterprise and the demo researcher's institution, opened by the broker:
 * a few licensed on a lump sum larger than the load can ever pay (its instalments take the
 * payments), and `negotiating` deals with an open offer (they take the counter-offers).
 */
async function prepareDeals(
  client: GraphQLClient,
  db: pg.Client,
  negotiating: number,
): Promise<DealsForLoad & { licensed: string[] }> {
  const [broker, enterprise, researcher] = await Promise.all(
    [DEMO.broker, DEMO.enterprise, DEMO.researcher].map(([email, password]) =>
      client.login(email, password),
    ),
  );
  const results = (
    await db.query<{ id: string; patent_ids: string[] }>(
      `SELECT r.id, array_agg(p.id ORDER BY p.id) AS patent_ids
         FROM research_results r JOIN patents p ON p.result_id = r.id
        WHERE r.status = 'PUBLISHED' AND r.institution_id = (
          SELECT rs.institution_id FROM researchers rs JOIN users u ON u.id = rs.user_id
           WHERE u.email = $1)
        GROUP BY r.id ORDER BY r.id LIMIT 4`,
      [DEMO.researcher[0]],
    )
  ).rows;
  const enterpriseId = (
    await db.query<{ id: string }>(
      `SELECT m.enterprise_id AS id FROM enterprise_members m JOIN users u ON u.id = m.user_id
        WHERE u.email = $1`,
      [DEMO.enterprise[0]],
    )
  ).rows[0]?.id;
  if (results.length === 0 || !enterpriseId) throw new Error('demo deals cannot be prepared');
  const open = async (i: number): Promise<string> => {
    const result = results[i % results.length];
    const opened = await must<{ openDeal: { id: string } }>(
      client,
      'mutation ($input: OpenDealInput!) { openDeal(input: $input) { id } }',
      {
        input: {
          kind: 'LICENSE',
          title: `负载测试许可 ${i}`,
          resultId: result?.id,
          enterpriseId,
          patentIds: result?.patent_ids,
        },
      },
      broker ?? '',
    );
    return opened.openDeal.id;
  };
  const propose = (dealId: string, lumpSumFen: string) =>
    must<{ proposeOffer: { id: string } }>(
      client,
      'mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id } }',
      {
        input: {
          dealId,
          version: 1,
          terms: { feeModel: 'LUMP_SUM', lumpSumFen, exclusivity: 'NON_EXCLUSIVE' },
        },
      },
      researcher ?? '',
    );
  const licensed: string[] = [];
  const instalments: DealsForLoad['instalments'] = [];
  for (let i = 0; i < 4; i++) {
    const dealId = await open(i);
    const offer = await propose(dealId, '9000000000000000');
    const agreed = await must<{
      acceptOffer: { state: string; instalments: Array<{ id: string }> };
    }>(
      client,
      `mutation ($input: AcceptOfferInput!) { acceptOffer(input: $input) { state instalments { id } } }`,
      { input: { offerId: offer.proposeOffer.id, version: 2 } },
      enterprise ?? '',
    );
    if (agreed.acceptOffer.state !== 'LICENSED') throw new Error('a deal was not licensed');
    licensed.push(dealId);
    for (const instalment of agreed.acceptOffer.instalments)
      instalments.push({ dealId, instalmentId: instalment.id });
  }
  const negotiatingIds: string[] = [];
  for (let i = 0; i < negotiating; i++) {
    const dealId = await open(i);
    await propose(dealId, '1000000');
    negotiatingIds.push(dealId);
  }
  return {
    broker: broker ?? '',
    negotiating: negotiatingIds,
    instalments,
    licensed,
    searchQueries: [],
  };
}

/** rematchNeed (as a broker would) for the first `count` open needs; those with ≥ 5 matches. */
async function computeMatches(
  client: GraphQLClient,
  db: pg.Client,
  broker: string,
  count: number,
): Promise<string[]> {
  const needs = (
    await db.query<{ id: string }>(
      `SELECT id FROM tech_needs WHERE status = 'OPEN' ORDER BY created_at, id LIMIT $1`,
      [count],
    )
  ).rows;
  const matched: string[] = [];
  for (const need of needs) {
    const data = await must<{ rematchNeed: unknown[] }>(
      client,
      'mutation ($id: ID!) { rematchNeed(needId: $id) { id } }',
      { id: need.id },
      broker,
    );
    if (data.rematchNeed.length >= 5) matched.push(need.id);
  }
  return matched;
}

/** The process tree's memory summed per executable name, largest first. */
function byName(tree: ProcessMemory[]): Array<ProcessMemory & { count: number }> {
  const groups = new Map<string, ProcessMemory & { count: number }>();
  for (const entry of tree) {
    const group = groups.get(entry.name);
    if (!group) {
      groups.set(entry.name, { ...entry, count: 1 });
      continue;
    }
    group.count++;
    group.rss += entry.rss;
    group.rssAnon += entry.rssAnon;
    group.rssFile += entry.rssFile;
    group.rssShmem += entry.rssShmem;
    group.pss += entry.pss;
  }
  return [...groups.values()].sort((a, b) => b.rss - a.rss);
}

interface Measured extends ScenarioFigures {
  /** The API's RSS when the scenario ended, MiB. */
  apiRssMiB: number;
  profile?: ProfileSummary;
}

async function measure(
  api: { baseUrl: string; pid: number },
  scenario: Scenario,
  connections: number,
  seconds: number,
  inspector: Inspector | undefined,
): Promise<Measured> {
  await inspector?.start();
  const figures = await runScenario(api.baseUrl, scenario, connections, seconds);
  const profile = inspector ? summarise(await inspector.stop(), figures.total) : undefined;
  return { ...figures, apiRssMiB: mib((await processMemory(api.pid))?.rss ?? 0), profile };
}

function printProfiles(measured: Measured[]): void {
  const profiled = measured.filter((m) => m.profile);
  if (profiled.length === 0) return;
  const packages = new Set<string>();
  for (const m of profiled)
    for (const [name] of m.profile?.byPackage.slice(0, 12) ?? []) packages.add(name);
  say('');
  say('CPU ms per request in the API process, by package (self time; --profile):');
  printTable(
    ['package', ...profiled.map((m) => m.name)],
    [
      ['(all, idle excluded)', ...profiled.map((m) => round(m.profile?.busyMsPerRequest ?? 0, 3))],
      ...[...packages].map((name) => [
        name,
        ...profiled.map((m) => round(m.profile?.byPackage.find(([p]) => p === name)?.[1] ?? 0, 3)),
      ]),
    ],
  );
  say('');
  say('CPU ms per request inside each span of work (inclusive; spans overlap):');
  printTable(
    ['span', ...profiled.map((m) => m.name)],
    PHASES.map(([label], i) => [
      label,
      ...profiled.map((m) => round(m.profile?.byPhase[i]?.[1] ?? 0, 3)),
    ]),
  );
  for (const m of profiled) {
    say('');
    say(`top functions, ${m.name} (CPU ms per request, self):`);
    for (const [name, ms] of m.profile?.byFunction.slice(0, 15) ?? [])
      say(`  ${round(ms, 3).toFixed(3).padStart(7)}  ${name}`);
  }
}

/** Every `--env NAME=value` of the command line. */
function extraEnvironment(): Record<string, string> {
  const extra: Record<string, string> = {};
  process.argv.forEach((arg, i) => {
    const [name, ...value] = arg === '--env' ? (process.argv[i + 1] ?? '').split('=') : [];
    if (name) extra[name] = value.join('=');
  });
  return extra;
}

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const connections = numberOption('connections', 10);
  const seconds = numberOption('duration', 12);
  const warmup = numberOption('warmup', 3);
  const profiling = process.argv.includes('--profile');
  const runId = randomBytes(4).toString('hex');

  const api = await startApiProcess({
    port: await getRandomPort('127.0.0.1'),
    inspect: true,
    env: {
      // Request logging off: the bench measures the API, not a log pipe.
      LOG_LEVEL: 'warn',
      // The limits stay on (their cost is part of every request) but never refuse the bench.
      RATE_LIMIT_IP_POINTS: '1000000000',
      RATE_LIMIT_USER_POINTS: '1000000000',
      // The match relay's first pass over the demo recomputes needs once per indexed result
      // (thousands of recomputations, minutes of CPU) and would run under the measurements;
      // each demo need's matches are computed once with rematchNeed instead (computeMatches).
      MATCH_RELAY: 'false',
      ...extraEnvironment(),
    },
  });
  let db: pg.Client | undefined;
  let inspector: Inspector | undefined;
  try {
    const bootSeconds = round(since(wallStarted) / 1000, 1);
    db = new pg.Client({
      connectionString: await resolveDatabaseUrl(validateEnvironment({ DATA_DIR: api.dataDir })),
    });
    await db.connect();
    const settleMs = await settle(db);
    say(
      `API pid ${api.pid} at ${api.baseUrl}: up with demo data in ${bootSeconds} s, ` +
        `demo indexed ${round(settleMs / 1000, 1)} s later`,
    );

    const client = new GraphQLClient(api.baseUrl);
    const deals = await prepareDeals(client, db, connections * 3);
    deals.searchQueries = (
      await db.query<{ q: string }>(
        `SELECT DISTINCT k AS q FROM research_results, unnest(keywords) AS k
          WHERE status = 'PUBLISHED' AND length(k) BETWEEN 2 AND 8 ORDER BY k LIMIT 80`,
      )
    ).rows.map((row) => row.q);
    const matchStarted = performance.now();
    const needIds = await computeMatches(client, db, deals.broker, 60);
    say(
      `matches computed for 60 demo needs in ${round(since(matchStarted) / 1000, 1)} s; ` +
        `${needIds.length} have 5 or more`,
    );
    if (needIds.length === 0) throw new Error('no need has matches');
    await settle(db);

    const tally: MixedTally = { offers: 0, payments: [], paymentFen: 0n };
    const scenarios = [
      typenameScenario(),
      listScenario(),
      searchScenario(deals.searchQueries),
      matchesScenario(needIds, deals.broker),
    ];
    const warmTally: MixedTally = { offers: 0, payments: [], paymentFen: 0n };
    for (const scenario of [...scenarios, mixedScenario(deals, warmTally, `${runId}w`)])
      await runScenario(api.baseUrl, scenario, connections, warmup);
    if (!api.inspectorUrl) throw new Error('the API did not open its inspector');
    inspector = await Inspector.connect(api.inspectorUrl);
    const collected = inspector;
    /** The API's RSS and V8 heap after a full garbage collection. */
    const apiMemory = async (): Promise<{ rss: number; heap: number }> => {
      await collected.collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { rss: (await processMemory(api.pid))?.rss ?? 0, heap: await collected.heapUsed() };
    };
    const afterWarmup = await apiMemory();
    const rssAfterWarmup = afterWarmup.rss;
    say(
      `warm-up: ${warmup} s of each scenario at ${connections} connections; ` +
        `API RSS ${mib(rssAfterWarmup)} MiB, heap ${mib(afterWarmup.heap)} MiB (after a full GC)`,
    );

    const profiler = profiling ? inspector : undefined;
    const measured: Measured[] = [];
    for (const scenario of scenarios)
      measured.push(await measure(api, scenario, connections, seconds, profiler));
    // With --profile, the list's parts too (after the measured scenarios, so as not to disturb them).
    const parts: Measured[] = [];
    if (profiling)
      for (const scenario of listPartScenarios()) {
        await runScenario(api.baseUrl, scenario, connections, warmup);
        parts.push(await measure(api, scenario, connections, seconds, profiler));
      }
    const offersBefore = Number(
      (await db.query<{ n: string }>('SELECT count(*) AS n FROM deal_offers')).rows[0]?.n,
    );
    measured.push(
      await measure(api, mixedScenario(deals, tally, runId), connections, seconds, profiler),
    );
    const afterMixed = await apiMemory();
    const rssAfterMixed = afterMixed.rss;
    const tree = await processTree(api.pid);
    const totalRss = tree.reduce((sum, entry) => sum + entry.rss, 0);
    const totalPss = tree.reduce((sum, entry) => sum + entry.pss, 0);
    const totalFile = tree.reduce((sum, entry) => sum + entry.rssFile, 0);

    await settle(db);
    const graphql = async (query: string, variables: Record<string, unknown>) =>
      must(client, query, variables, deals.broker);
    const checks: Check[] = [
      ...(await ledgerChecks(db, graphql, deals.licensed, tally, runId, offersBefore, connections)),
      await searchVerify(CLI, api.dataDir, api.home),
    ];
    const unhandled = api.lines.filter((line) => /unhandled.*rejection/i.test(line));
    const internal = api.lines.filter((line) => /INTERNAL_SERVER_ERROR|"level":50/.test(line));

    say('');
    printTable(
      [
        'scenario',
        'req/s',
        'p50 ms',
        'p99 ms',
        'requests',
        'non-2xx',
        '5xx',
        'GraphQL errors',
        'socket errors',
        'API RSS MiB',
      ],
      measured.map((m) => [
        m.name,
        m.requestsPerSecond,
        m.p50,
        m.p99,
        m.total,
        m.non2xx,
        m.status5xx,
        m.graphqlErrors,
        m.socketErrors + m.timeouts,
        m.apiRssMiB,
      ]),
    );
    for (const m of measured)
      for (const sample of m.samples) say(`  ${m.name} error: ${sample.replace(/\s+/g, ' ')}`);
    const rps = (name: string): number =>
      measured.find((m) => m.name === name)?.requestsPerSecond ?? 0;
    const listRatio = round(rps('list') / rps('typename'), 2);
    const searchRatio = round(rps('search') / rps('typename'), 2);
    const rssGrowth = round(rssAfterMixed / rssAfterWarmup - 1, 3);
    const mixed = measured.find((m) => m.name === 'mixed');
    const verdicts = {
      listRatio: listRatio >= 0.6,
      searchRatio: searchRatio >= 0.3,
      rssStable: Math.abs(rssGrowth) <= 0.2,
      // PSS: summed RSS counts every page PostgreSQL's processes share (its shared buffers, its
      // binary) once per process; PSS divides each page among the processes that map it.
      totalMemory: totalPss < 1024 ** 3,
      mixedErrorFree:
        (mixed?.non2xx ?? 1) + (mixed?.graphqlErrors ?? 1) + (mixed?.socketErrors ?? 1) === 0,
      no5xx: measured.every((m) => m.status5xx === 0),
      noUnhandledRejections: unhandled.length === 0,
      consistent: checks.every((check) => check.ok),
    };
    const mark = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    say('');
    say(`list ÷ typename throughput   ${listRatio}  (target ≥ 0.6)  ${mark(verdicts.listRatio)}`);
    say(
      `search ÷ typename throughput ${searchRatio}  (target ≥ 0.3)  ${mark(verdicts.searchRatio)}`,
    );
    say(
      `API RSS after warm-up ${mib(rssAfterWarmup)} MiB, after the mixed load ${mib(rssAfterMixed)} MiB ` +
        `(${rssGrowth >= 0 ? '+' : ''}${round(rssGrowth * 100, 1)} %, limit ±20 %; each after a full GC; ` +
        `V8 heap ${mib(afterWarmup.heap)} → ${mib(afterMixed.heap)} MiB)  ${mark(verdicts.rssStable)}`,
    );
    say(
      `API + PostgreSQL + Meilisearch: ${tree.length} processes, PSS ${mib(totalPss)} MiB ` +
        `(limit 1024 MiB)  ${mark(verdicts.totalMemory)}; RSS summed per process ${mib(totalRss)} MiB, ` +
        `${mib(totalFile)} MiB of it mapped files`,
    );
    printTable(
      ['process', 'count', 'RSS MiB', 'anon', 'file', 'shmem', 'PSS MiB'],
      byName(tree).map((g) => [
        g.name,
        g.count,
        mib(g.rss),
        mib(g.rssAnon),
        mib(g.rssFile),
        mib(g.rssShmem),
        mib(g.pss),
      ]),
    );
    say(
      `mixed load: ${tally.offers} counter-offers and ${tally.payments.length} payments, ` +
        `${mixed?.non2xx ?? 0} non-2xx, ${mixed?.graphqlErrors ?? 0} GraphQL errors  ${mark(verdicts.mixedErrorFree)}`,
    );
    for (const check of checks) say(`${check.name}: ${check.detail}  ${mark(check.ok)}`);
    say(
      `5xx: ${measured.reduce((sum, m) => sum + m.status5xx, 0)}; unhandled rejections reported by the API: ` +
        `${unhandled.length}; errors it logged: ${internal.length}`,
    );
    for (const line of [...unhandled, ...internal].slice(0, 5)) say(`  ${line.slice(0, 300)}`);
    if (parts.length > 0) {
      say('');
      say('the list in parts (--profile; profiled, so slower than above):');
      printTable(
        ['scenario', 'req/s', 'p50 ms', 'CPU ms/request'],
        [...parts, ...measured.filter((m) => m.name === 'list' || m.name === 'typename')].map(
          (m) => [m.name, m.requestsPerSecond, m.p50, round(m.profile?.busyMsPerRequest ?? 0, 2)],
        ),
      );
    }
    printProfiles([...measured, ...parts]);
    const wallSeconds = Math.round(since(wallStarted) / 1000);
    say(`wall time ${wallSeconds} s`);
    say(
      JSON.stringify({
        bench: 'load',
        connections,
        seconds,
        warmup,
        scenarios: measured.map(({ profile: _profile, samples: _samples, ...m }) => m),
        listRatio,
        searchRatio,
        rssMiB: {
          afterWarmup: mib(rssAfterWarmup),
          afterMixed: mib(rssAfterMixed),
          growth: rssGrowth,
        },
        totalMiB: {
          rss: mib(totalRss),
          mappedFiles: mib(totalFile),
          pss: mib(totalPss),
          processes: tree.length,
        },
        mixed: { offers: tally.offers, payments: tally.payments.length },
        checks,
        unhandledRejections: unhandled.length,
        verdicts,
        wallSeconds,
      }),
    );
    if (!Object.values(verdicts).every(Boolean)) process.exitCode = 1;
  } finally {
    inspector?.close();
    await db?.end();
    await api.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
