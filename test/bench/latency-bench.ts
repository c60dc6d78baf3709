/**
 * Search latency (issue #4): GraphQL `searchResults(query, first: 10)` over HTTP on the real API
 * against a plain Meilisearch `index.search(q, { limit: 10 })` on the same index, query by query,
 * interleaved in one run. Target: GraphQL p50 ≤ 2 × raw p50 + 3 ms.
 *
 *   npm run bench:latency -- [--count 100000] [--data csl.jsonl] [--seed 4] [--queries 300]
 *                            [--warmup 40] [--concurrency 4]
 *
 * The N results are imported through ResearchResultsService.importMany (GraphQL re-reads every hit
 * from Postgres, so the rows must be there) and their documents, built by the service's own
 * SearchDocuments, are pushed straight into the live index in bulk: the relay's speed is
 * bench:indexing's subject, not this one's.
 *
 * Each pair is timed with two HTTP clients: fetch (what the service's meilisearch client and
 * GraphQLClient use) and node:http (see keep-alive-http.ts). A fifth series sends Meilisearch the
 * query the service itself sends (segmented words, ids only), to split the GraphQL time into
 * engine work and API overhead; a sixth asks GraphQL for the facets too, as a search screen's
 * first page does. Prints tables, then one JSON line.
 */
import type { ResultImportRow } from '@techmatch/catalogue';
import { INDEX_SETTINGS, indexName, SearchIndexer, SearchService } from '@techmatch/search';
import { Meilisearch, type SearchParams, type SearchResponse } from 'meilisearch';
import { GraphQLClient } from '../utils/graphql-client.js';
import { KeepAliveJson } from './keep-alive-http.js';
import { documentCount, loadAndIndex, prepareCatalogue, startBenchApp } from './bench-app.js';
import {
  type LatencySummary,
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

/** A page of hits as a result list shows it: highlights, and each result's institution. */
const GRAPHQL_QUERY = `query Bench($q: String!) {
  searchResults(query: $q, first: 10) {
    totalHits
    hits { score highlights { title summary } result { id title trl institution { nameZh } } }
  }
}`;

/** The first page of a search screen also shows the filter counts: facets cost a query of their own. */
const GRAPHQL_FACETS_QUERY = `query BenchFacets($q: String!) {
  searchResults(query: $q, first: 10) {
    totalHits
    hits { score highlights { title summary } result { id title trl institution { nameZh } } }
    facets { name values { value count } }
  }
}`;

/**
 * The parameters SearchService sends (search.service.ts), copied for the diagnostic series only:
 * if they drift, the target check is unaffected, only the engine/API split becomes approximate.
 */
const SERVICE_PARAMS: SearchParams = {
  limit: 10,
  locales: ['cmn'],
  matchingStrategy: 'last',
  showRankingScore: true,
  attributesToRetrieve: ['id'],
};

const SERIES = [
  'raw',
  'graphql',
  'rawHttp',
  'graphqlHttp',
  'serviceQueryHttp',
  'graphqlFacetsHttp',
] as const;
type SeriesName = (typeof SERIES)[number];

const LABELS: Record<SeriesName, string> = {
  raw: 'raw: meilisearch index.search(q, {limit: 10})',
  graphql: 'GraphQL searchResults(query, first: 10), fetch',
  rawHttp: 'raw, same request over node:http',
  graphqlHttp: 'GraphQL, same request over node:http',
  serviceQueryHttp: "Meilisearch, the service's own query, node:http",
  graphqlFacetsHttp: 'GraphQL with facets (first page), node:http',
};

interface Query {
  kind: 'keyword' | 'keywords' | 'title' | 'english';
  text: string;
}

/**
 * Queries users could type: one or two keywords of a result, a fragment of a title, or an English
 * term the synonym list maps to Chinese (so the zh↔en path is exercised too).
 */
function drawQueries(rows: ResultImportRow[], count: number, random: Random): Query[] {
  const english = Object.keys(INDEX_SETTINGS.results.synonyms ?? {}).filter((term) =>
    /^[A-Za-z]/.test(term),
  );
  const queries: Query[] = [];
  while (queries.length < count) {
    const row = random.pick(rows);
    const roll = random.next();
    if (roll < 0.35 && row.keywords.length > 0) {
      queries.push({ kind: 'keyword', text: random.pick(row.keywords) });
    } else if (roll < 0.6 && row.keywords.length > 1) {
      queries.push({ kind: 'keywords', text: random.sample(row.keywords, 2).join(' ') });
    } else if (roll < 0.85) {
      const length = random.int(4, 8);
      const start = random.int(0, Math.max(0, row.title.length - length));
      const text = row.title
        .slice(start, start + length)
        .replace(/[\s\p{P}]/gu, '')
        .trim();
      if (text.length >= 2) queries.push({ kind: 'title', text });
    } else if (english.length > 0) {
      queries.push({ kind: 'english', text: random.pick(english) });
    }
  }
  return queries;
}

interface Probe {
  ms: number;
  hits: number;
  /** Meilisearch's own processing time, when the response says it. */
  engineMs?: number;
}

type Runner = (query: string) => Promise<Probe>;

interface GraphQLBody {
  data?: { searchResults: { hits: unknown[] } } | null;
  errors?: unknown[];
}

function hitsOf(body: GraphQLBody): number {
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data.searchResults.hits.length;
}

function runners(
  meili: Meilisearch,
  uid: string,
  baseUrl: string,
  search: SearchService,
  clients: { meiliHttp: KeepAliveJson; apiHttp: KeepAliveJson },
): Record<SeriesName, Runner> {
  const { meiliHttp, apiHttp } = clients;
  // The raw series is the client as its README sets it up, over fetch; the service's own client
  // speaks over undici (MeilisearchTransport) and is what the GraphQL series pays for.
  const plain = new Meilisearch({
    host: meili.config.host,
    apiKey: meili.config.apiKey,
    requestInit: { headers: { 'accept-encoding': 'identity' } },
  });
  const index = plain.index(uid);
  const searchUrl = `${meili.config.host}/indexes/${uid}/search`;
  const graphql = new GraphQLClient(baseUrl);
  const timed = async (work: () => Promise<Omit<Probe, 'ms'>>): Promise<Probe> => {
    const started = performance.now();
    const probe = await work();
    return { ms: since(started), ...probe };
  };
  const fromEngine = (response: SearchResponse) => ({
    hits: response.hits.length,
    engineMs: response.processingTimeMs,
  });
  return {
    raw: (q) => timed(async () => fromEngine(await index.search(q, { limit: 10 }))),
    graphql: (q) =>
      timed(async () => ({ hits: hitsOf(await graphql.request(GRAPHQL_QUERY, { q })) })),
    rawHttp: (q) =>
      timed(async () => fromEngine(await meiliHttp.post(searchUrl, { q, limit: 10 }))),
    graphqlHttp: (q) =>
      timed(async () => ({
        hits: hitsOf(
          await apiHttp.post(`${baseUrl}/graphql`, { query: GRAPHQL_QUERY, variables: { q } }),
        ),
      })),
    graphqlFacetsHttp: (q) =>
      timed(async () => ({
        hits: hitsOf(
          await apiHttp.post(`${baseUrl}/graphql`, {
            query: GRAPHQL_FACETS_QUERY,
            variables: { q },
          }),
        ),
      })),
    // Segmentation happens before the clock starts: it is the API's work, not the engine's.
    serviceQueryHttp: (q) => {
      const words = search.queryWords(q).join(' ');
      return timed(async () =>
        fromEngine(await meiliHttp.post(searchUrl, { q: words, ...SERVICE_PARAMS })),
      );
    },
  };
}

interface SeriesFigures {
  latency: LatencySummary;
  /** Meilisearch's processingTimeMs, p50 (null for GraphQL: the API does not expose it). */
  engineP50: number | null;
  zeroHits: number;
}

/**
 * Runs each query through every series, rotating which goes first so no series always meets a
 * cold or a warm engine. With `workers` > 1, that many clients do so at once.
 */
async function measure(
  queries: Query[],
  run: Record<SeriesName, Runner>,
  workers: number,
): Promise<{ figures: Record<SeriesName, SeriesFigures>; wallMs: number }> {
  const samples = Object.fromEntries(SERIES.map((name) => [name, [] as Probe[]])) as Record<
    SeriesName,
    Probe[]
  >;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < queries.length; i = next++) {
      for (let step = 0; step < SERIES.length; step++) {
        const name = SERIES[(i + step) % SERIES.length];
        samples[name].push(await run[name](queries[i]?.text ?? ''));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, worker));
  const wallMs = since(started);
  const figures = Object.fromEntries(
    SERIES.map((name): [SeriesName, SeriesFigures] => {
      const probes = samples[name];
      const engine = probes.flatMap((probe) =>
        probe.engineMs === undefined ? [] : [probe.engineMs],
      );
      return [
        name,
        {
          latency: summarise(probes.map((probe) => probe.ms)),
          engineP50: engine.length > 0 ? summarise(engine).p50 : null,
          zeroHits: probes.filter((probe) => probe.hits === 0).length,
        },
      ];
    }),
  ) as Record<SeriesName, SeriesFigures>;
  return { figures, wallMs };
}

function printFigures(title: string, figures: Record<SeriesName, SeriesFigures>): void {
  say('');
  printTable(
    [title, 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'engine p50', 'zero-hit'],
    SERIES.map((name) => {
      const { latency, engineP50, zeroHits } = figures[name];
      return [
        LABELS[name],
        latency.n,
        latency.p50,
        latency.p95,
        latency.p99,
        latency.mean,
        engineP50 ?? '-',
        zeroHits,
      ];
    }),
  );
}

/** The issue's rule, on one client's pair of series. */
function verdict(figures: Record<SeriesName, SeriesFigures>, raw: SeriesName, api: SeriesName) {
  const rawP50 = figures[raw].latency.p50;
  const graphqlP50 = figures[api].latency.p50;
  const limitMs = round(2 * rawP50 + 3);
  return { rawP50, graphqlP50, limitMs, pass: graphqlP50 <= limitMs };
}

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const count = numberOption('count', 100_000);
  const seed = numberOption('seed', 4);
  const queryCount = numberOption('queries', 300);
  const warmup = numberOption('warmup', 40);
  const concurrency = numberOption('concurrency', 4);
  const source = option('data') ?? DEFAULT_SOURCE;

  const bench = await startBenchApp({ http: true });
  try {
    const { app, meili, baseUrl } = bench;
    if (!baseUrl) throw new Error('the API did not start');
    const dataset = generateResults(
      await readSourcePapers(source),
      count,
      seed,
      await prepareCatalogue(app),
    );
    const uid = indexName(bench.env.MEILI_INDEX_PREFIX, 'results');
    await app.get(SearchIndexer).applySettings();
    const started = performance.now();
    await loadAndIndex(app, meili, uid, dataset.rows, 5_000);
    const loadMs = since(started);
    const indexed = await documentCount(meili, uid);
    if (indexed !== count) throw new Error(`the index holds ${indexed} of ${count}`);
    say(
      `loaded ${count} results (Postgres + index, from ${dataset.sourcePapers} papers, seed ${seed}) ` +
        `in ${Math.round(loadMs / 1000)} s`,
    );

    const random = new Random(seed + 1);
    const queries = drawQueries(dataset.rows, queryCount, random);
    const warmQueries = drawQueries(dataset.rows, warmup, random);
    const clients = {
      meiliHttp: new KeepAliveJson({ authorization: `Bearer ${meili.config.apiKey ?? ''}` }),
      apiHttp: new KeepAliveJson(),
    };
    const run = runners(meili, uid, baseUrl, app.get(SearchService), clients);
    await measure(warmQueries, run, 1);
    const sequential = await measure(queries, run, 1);
    const concurrent = concurrency > 1 ? await measure(queries, run, concurrency) : undefined;
    clients.meiliHttp.close();
    clients.apiHttp.close();

    const kinds = Object.fromEntries(
      ['keyword', 'keywords', 'title', 'english'].map((kind) => [
        kind,
        queries.filter((query) => query.kind === kind).length,
      ]),
    );
    say(
      `${queries.length} queries (${Object.entries(kinds)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')}), ${warmup} warm-up; each through all series, order rotating`,
    );
    printFigures('sequential, one client (keep-alive)', sequential.figures);
    if (concurrent) {
      printFigures(`${concurrency} clients at once`, concurrent.figures);
      say(
        `${concurrency} clients: ${round((queries.length * SERIES.length) / (concurrent.wallMs / 1000), 1)} requests/s over all series`,
      );
    }
    const target = verdict(sequential.figures, 'raw', 'graphql');
    const nodeHttp = verdict(sequential.figures, 'rawHttp', 'graphqlHttp');
    const line = (name: string, v: typeof target): string =>
      `${name}: ${v.pass ? 'PASS' : 'FAIL'} (GraphQL p50 ${v.graphqlP50} ms, ` +
      `limit 2 x ${v.rawP50} + 3 = ${v.limitMs} ms)`;
    say('');
    say(line('target GraphQL p50 <= 2 x raw p50 + 3 ms, as specified (fetch)', target));
    say(line('same rule with node:http on both sides (no client stall)', nodeHttp));
    say(`wall time ${Math.round(since(wallStarted) / 1000)} s`);
    say(
      JSON.stringify({
        bench: 'latency',
        count,
        seed,
        source,
        queries: { count: queries.length, warmup, kinds },
        loadSeconds: round(loadMs / 1000, 1),
        sequential: sequential.figures,
        concurrent: concurrent ? { clients: concurrency, ...concurrent.figures } : null,
        target: { rule: 'graphql p50 <= 2 x raw p50 + 3 ms', client: 'fetch', ...target },
        targetNodeHttp: { client: 'node:http', ...nodeHttp },
        wallSeconds: Math.round(since(wallStarted) / 1000),
      }),
    );
    if (!target.pass) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
