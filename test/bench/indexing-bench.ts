/**
 * Indexing throughput (issue #4): N synthetic results go through the service — importMany into
 * Postgres (outbox rows in the same transactions), then the OutboxRelay drains until Meilisearch
 * reports every document indexed — against raw Meilisearch ingestion of the very same documents
 * into a fresh index with the same settings. Target: ours ≥ 0.5 × raw, in docs/s.
 *
 *   npm run bench:indexing -- [--count 100000] [--data csl.jsonl] [--seed 4] [--raw-batch 10000]
 *                             [--import-chunk 5000] [--relay-batch N] [--relay-parallel K]
 *
 * Order in one run: Postgres import, then the relay, then raw ingestion of the very documents the
 * relay built (kept as it built them, so ids and fields are identical, and no second build costs
 * the run half a minute). `--relay-batch N` and
 * `--relay-parallel K` (K drains at once, as K replicas) are experiments to size the relay; the
 * output marks them as such. Prints tables, then one JSON line.
 */
import { type ClaimOptions, OutboxService } from '@techmatch/database';
import { ResearchResultsService } from '@techmatch/catalogue';
import {
  indexName,
  OutboxRelay,
  RELAY_BATCH_SIZE,
  SEARCH_TOPICS,
  type ResultDocument,
  SearchDocuments,
  SearchIndexer,
} from '@techmatch/search';
import {
  addInBatches,
  documentCount,
  engineTime,
  freshResultsIndex,
  importResults,
  prepareCatalogue,
  startBenchApp,
} from './bench-app.js';
import { numberOption, option, printTable, round, say, since } from './bench-support.js';
import { DEFAULT_SOURCE, generateResults, readSourcePapers } from './synthetic-results.js';

const TARGET_RATIO = 0.5;

interface Bucket {
  ms: number;
  calls: number;
}

/**
 * Wraps one method of a provider instance to add up the time spent in it. The relay is
 * sequential (it awaits each step), so these wall times add up without overlap.
 */
function timeCalls(target: object, method: string): Bucket {
  const bucket: Bucket = { ms: 0, calls: 0 };
  const host = target as Record<string, (...args: unknown[]) => unknown>;
  const original = host[method];
  if (!original) throw new Error(`no method ${method} to time`);
  host[method] = (...args: unknown[]): unknown => {
    const started = performance.now();
    const stop = (): void => {
      bucket.ms += since(started);
      bucket.calls++;
    };
    const outcome = original.apply(target, args);
    if (outcome instanceof Promise) return outcome.finally(stop);
    stop();
    return outcome;
  };
  return bucket;
}

/** Keeps every result document SearchDocuments builds, the last one per id, for the raw run. */
function keepBuiltDocuments(documents: SearchDocuments): Map<string, ResultDocument> {
  const kept = new Map<string, ResultDocument>();
  const build = documents.result.bind(documents);
  documents.result = (...args: Parameters<SearchDocuments['result']>) => {
    const document = build(...args);
    if (document) kept.set(document.id, document);
    return document;
  };
  return kept;
}

/**
 * The shipped relay with another batch size, for `--relay-batch`: its claim options are an
 * instance field, so an experiment can swap them and still run the relay's own code.
 */
function setRelayBatchSize(relay: OutboxRelay, batchSize: number): void {
  const worker = relay as unknown as { claimOptions: ClaimOptions };
  worker.claimOptions = { ...worker.claimOptions, batchSize };
}

const perSecond = (count: number, ms: number): number => round(count / (ms / 1_000), 0);

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const count = numberOption('count', 100_000);
  const seed = numberOption('seed', 4);
  const rawBatch = numberOption('raw-batch', 10_000);
  const importChunk = numberOption('import-chunk', 5_000);
  const relayBatch = numberOption('relay-batch', RELAY_BATCH_SIZE);
  const relayLoopsOption = option('relay-parallel');
  const source = option('data') ?? DEFAULT_SOURCE;

  const bench = await startBenchApp({ http: false });
  try {
    const { app, meili } = bench;
    const dataset = generateResults(
      await readSourcePapers(source),
      count,
      seed,
      await prepareCatalogue(app),
    );
    say(
      `dataset: ${count} results from ${dataset.sourcePapers} papers (${dataset.sourceSentences} sentences), ` +
        `seed ${seed}; distinct titles ${dataset.distinctTitles}, summaries ${dataset.distinctSummaries}, ` +
        `mean summary ${dataset.meanSummaryChars} chars`,
    );

    // 1. Ours, first half: the catalogue import, rows and outbox events in one transaction a chunk.
    let started = performance.now();
    const imported = await importResults(app, dataset.rows, importChunk);
    const importMs = since(started);
    if (imported !== count) throw new Error(`imported ${imported} of ${count}`);
    say(`postgres import: ${count} results in ${Math.round(importMs)} ms`);

    // 2. Ours, second half: the relay until Meilisearch reports every document indexed.
    const ourIndex = indexName(bench.env.MEILI_INDEX_PREFIX, 'results');
    const built = keepBuiltDocuments(app.get(SearchDocuments));
    const parts = {
      settings: timeCalls(app.get(SearchIndexer), 'applySettings'),
      sync: timeCalls(app.get(SearchIndexer), 'sync'),
      read: timeCalls(app.get(ResearchResultsService), 'withInstitution'),
      build: timeCalls(app.get(SearchDocuments), 'result'),
    };
    const relay = app.get(OutboxRelay);
    // As the running relay does: SEARCH_RELAY_WORKERS drains at once, unless the run says otherwise.
    const relayLoops = relayLoopsOption ? Number(relayLoopsOption) : relay.concurrency;
    if (relayBatch !== RELAY_BATCH_SIZE) setRelayBatchSize(relay, relayBatch);
    started = performance.now();
    // Several drains at once claim disjoint batches (SKIP LOCKED), as that many replicas would.
    const handled = (
      await Promise.all(Array.from({ length: relayLoops }, () => relay.drain()))
    ).reduce((sum, n) => sum + n, 0);
    const relayMs = since(started);
    const ourCount = await documentCount(meili, ourIndex);
    const stats = await app.get(OutboxService).stats(SEARCH_TOPICS);
    if (ourCount !== count || stats.pending > 0 || stats.parked > 0)
      throw new Error(
        `after the relay: ${ourCount} of ${count} indexed, ${stats.pending} pending, ${stats.parked} parked`,
      );
    say(`relay: ${handled} events in ${Math.round(relayMs)} ms`);

    // 3. Raw Meilisearch: the documents the relay built, in id order, into a fresh index with the
    // same settings.
    const documents = [...built.values()].sort((a, b) => a.id.localeCompare(b.id));
    built.clear();
    const rawIndex = `${bench.env.MEILI_INDEX_PREFIX}_raw_bench`;
    await freshResultsIndex(meili, rawIndex);
    const rawMs = await addInBatches(meili, rawIndex, documents, rawBatch);
    const rawCount = await documentCount(meili, rawIndex);
    if (rawCount !== count) throw new Error(`raw index holds ${rawCount} of ${count}`);
    say(`raw meilisearch: ${count} documents in ${Math.round(rawMs)} ms`);
    documents.length = 0;

    const ourEngine = await engineTime(meili, ourIndex);
    const rawEngine = await engineTime(meili, rawIndex);
    const totalMs = importMs + relayMs;
    const ratio = round(perSecond(count, totalMs) / perSecond(count, rawMs), 3);
    const pass = ratio >= TARGET_RATIO;
    const experiment = relayBatch !== RELAY_BATCH_SIZE || relayLoops !== relay.concurrency;
    const relayLabel =
      `relay (OutboxRelay.drain, batch ${relayBatch}` +
      (relayLoops > 1 ? `, ${relayLoops} loops` : '') +
      (experiment ? ', EXPERIMENT)' : ')');
    say('');
    printTable(
      ['pipeline (order: import, relay, raw)', 'ms', 'docs/s'],
      [
        [
          'ours: Postgres import (importMany + outbox)',
          Math.round(importMs),
          perSecond(count, importMs),
        ],
        [`ours: ${relayLabel}`, Math.round(relayMs), perSecond(count, relayMs)],
        ['ours: end to end', Math.round(totalMs), perSecond(count, totalMs)],
        [`raw: addDocuments, batches of ${rawBatch}`, Math.round(rawMs), perSecond(count, rawMs)],
      ],
    );
    say('');
    const syncMeili = parts.sync.ms - parts.read.ms - parts.build.ms;
    // With several loops the parts overlap: they are then shares of loops × wall time.
    const loopMs = relayMs * relayLoops;
    const share = (ms: number): string => `${round((100 * ms) / loopMs, 1)}%`;
    const outboxMs = loopMs - parts.sync.ms - parts.settings.ms;
    const breakdown: Array<[string, number]> = [
      ['index settings (first pass)', parts.settings.ms],
      ['outbox claim, lock, mark done (Postgres)', outboxMs],
      ['read rows (withInstitution)', parts.read.ms],
      ['build documents (jieba segmentation)', parts.build.ms],
      ['Meilisearch add + wait for the task', syncMeili],
    ];
    printTable(
      [
        relayLoops > 1
          ? `relay time, summed over ${relayLoops} loops`
          : 'where the relay time goes',
        'ms',
        'share',
      ],
      breakdown.map(([name, ms]) => [name, Math.round(ms), share(ms)]),
    );
    say(
      `engine busy (sum of Meilisearch batch durations): ours ${ourEngine.busyMs} ms in ` +
        `${ourEngine.batches} batches, raw ${rawEngine.busyMs} ms in ${rawEngine.batches} batches`,
    );
    say(
      `target ours/raw >= ${TARGET_RATIO}: ${pass ? 'PASS' : 'FAIL'} (ratio ${ratio}; ` +
        `${perSecond(count, totalMs)} vs ${perSecond(count, rawMs)} docs/s)`,
    );
    say(`wall time ${Math.round(since(wallStarted) / 1000)} s`);
    say(
      JSON.stringify({
        bench: 'indexing',
        count,
        seed,
        source,
        order: ['postgres-import', 'relay', 'raw'],
        ours: {
          importMs: Math.round(importMs),
          relayMs: Math.round(relayMs),
          totalMs: Math.round(totalMs),
          docsPerSec: perSecond(count, totalMs),
          importDocsPerSec: perSecond(count, importMs),
          relayDocsPerSec: perSecond(count, relayMs),
          relayBatch,
          relayLoops,
          relayExperiment: experiment,
          relayBreakdownMs: {
            settings: Math.round(parts.settings.ms),
            outbox: Math.round(outboxMs),
            readRows: Math.round(parts.read.ms),
            buildDocuments: Math.round(parts.build.ms),
            meilisearch: Math.round(syncMeili),
          },
          engine: ourEngine,
        },
        raw: {
          ms: Math.round(rawMs),
          docsPerSec: perSecond(count, rawMs),
          batchSize: rawBatch,
          engine: rawEngine,
        },
        ratio,
        target: TARGET_RATIO,
        pass,
        wallSeconds: Math.round(since(wallStarted) / 1000),
      }),
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
