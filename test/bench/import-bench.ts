/**
 * Spreadsheet import (issue #7): N synthetic results written to an XLSX file in the provincial
 * form's layout, imported end to end through the CLI (`import results <file> --json`, as its own
 * process, so its peak RSS is the import's alone), then the OutboxRelay drains until Meilisearch
 * has every document: searchable. Run at two sizes to show that memory does not grow with the file.
 *
 *   npm run bench:import -- [--counts 2000,10000] [--data csl.jsonl] [--seed 7] [--shared-strings]
 *                           [--heap-cap MB]
 *
 * Files are written with inline strings by default. `--shared-strings` writes them as Excel does
 * (one shared-strings table per file), which exceljs's reader holds in memory while reading: that
 * table, not the rows, then grows with the file. `--heap-cap MB` runs the CLI with
 * --max-old-space-size: V8 lets a heap grow before it collects, the more so the longer a process
 * allocates, so peak RSS alone creeps up with the run; an import that completes under a small
 * fixed cap at every size shows what it really keeps. Prints a table, then one JSON line.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import type { INestApplicationContext } from '@nestjs/common';
import { InstitutionsService, type ResultImportRow } from '@techmatch/catalogue';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { OutboxService } from '@techmatch/database';
import {
  ExcelJS,
  type ImportReport,
  RESULT_LEVELS,
  RESULT_STAGES,
  termOf,
  TRANSFER_MODES,
} from '@techmatch/programme';
import { indexName, OutboxRelay, SEARCH_TOPICS } from '@techmatch/search';
import { benchContext, documentCount, prepareCatalogue, startBenchApp } from './bench-app.js';
import { numberOption, option, printTable, round, say, since } from './bench-support.js';
import { DEFAULT_SOURCE, generateResults, readSourcePapers } from './synthetic-results.js';

const CLI = join(import.meta.dirname, '../../apps/cli/src/main.js');

const HEADERS = [
  '成果编号',
  '成果名称',
  '成果简介',
  '所属领域',
  '关键词',
  '技术成熟度',
  '成果所处阶段',
  '成果水平',
  '拟采取的转化方式',
  '意向价格下限（元）',
  '意向价格上限（元）',
  '是否职务成果',
  '完成单位',
  '非公开技术信息',
];

/** The rows as the form's cells; streamed into the workbook, committed row by row. */
async function writeWorkbook(
  path: string,
  rows: ResultImportRow[],
  institutionName: Map<string, string>,
  sharedStrings: boolean,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: sharedStrings,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('科技成果');
  sheet.addRow(HEADERS).commit();
  for (const row of rows) {
    sheet
      .addRow([
        row.sourceKey,
        row.title,
        row.summary,
        row.fieldCodes.join('；'),
        row.keywords.join('；'),
        row.trl,
        termOf(RESULT_STAGES, row.stage),
        termOf(RESULT_LEVELS, row.level),
        row.modes.map((mode) => termOf(TRANSFER_MODES, mode)).join('；'),
        row.priceMinYuan,
        row.priceMaxYuan,
        row.serviceInvention ? '是' : '否',
        institutionName.get(row.institutionId) ?? '',
        row.confidentialDetail,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

type CliReport = ImportReport & { peakRssMb: number; rowsPerSecond: number };

/** The CLI as an operator runs it, against the benchmark's services. */
function runImport(
  file: string,
  endpoints: ServiceEndpoints,
  prefix: string,
  heapCapMb: number | null,
): Promise<{ report: CliReport; wallMs: number }> {
  const started = performance.now();
  const flags = heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : [];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, CLI, 'import', 'results', file, '--json'],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: endpoints.databaseUrl,
          MEILI_URL: endpoints.meiliUrl,
          MEILI_MASTER_KEY: endpoints.meiliApiKey,
          MEILI_INDEX_PREFIX: prefix,
          JWT_SECRET: endpoints.jwtSecret,
        },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 30 * 60_000,
      },
      (error, stdout, stderr) => {
        const wallMs = since(started);
        const line = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve({ report: JSON.parse(line) as CliReport, wallMs });
        } catch {
          reject(new Error(`import failed (${error?.message ?? 'no report'}): ${stderr}`));
        }
      },
    );
  });
}

interface Run {
  rows: number;
  fileMb: number;
  cliWallMs: number;
  importMs: number;
  relayMs: number;
  peakRssMb: number;
}

async function measure(
  app: INestApplicationContext,
  meili: Meilisearch,
  folder: string,
  count: number,
  seed: number,
  sharedStrings: boolean,
  prefix: string,
  heapCapMb: number | null,
): Promise<Run> {
  const context = await prepareCatalogue(app);
  const names = new Map(
    (await app.get(InstitutionsService).list(benchContext)).map((i) => [i.id, i.nameZh]),
  );
  const dataset = generateResults(await readSourcePapers(source), count, seed, context);
  const file = join(folder, `results-${count}.xlsx`);
  await writeWorkbook(file, dataset.rows, names, sharedStrings);
  const fileMb = round((await stat(file)).size / 1024 / 1024, 1);
  say(`${count} rows: ${file} (${fileMb} MB), importing through the CLI …`);

  const indexUid = indexName(prefix, 'results');
  const before = await documentCount(meili, indexUid).catch(() => 0);
  const { report, wallMs } = await runImport(file, app.get(SERVICE_ENDPOINTS), prefix, heapCapMb);
  if (report.outcome !== 'IMPORTED' || report.created !== count) {
    throw new Error(
      `import of ${count}: ${report.outcome}, ${report.created} created, ` +
        `${report.rejectedRows} rejected: ${JSON.stringify(report.problems.slice(0, 5))}`,
    );
  }
  const started = performance.now();
  await app.get(OutboxRelay).drain();
  const relayMs = since(started);
  const stats = await app.get(OutboxService).stats(SEARCH_TOPICS);
  const indexed = (await documentCount(meili, indexUid)) - before;
  if (indexed !== count || stats.pending > 0 || stats.parked > 0) {
    throw new Error(`after the relay: ${indexed} of ${count} indexed, ${JSON.stringify(stats)}`);
  }
  return {
    rows: count,
    fileMb,
    cliWallMs: wallMs,
    importMs: report.seconds * 1000,
    relayMs,
    peakRssMb: report.peakRssMb,
  };
}

const source = option('data') ?? DEFAULT_SOURCE;

async function main(): Promise<void> {
  const wallStarted = performance.now();
  const counts = (option('counts') ?? '2000,10000').split(',').map((n) => Number.parseInt(n, 10));
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--counts 2000,10000');
  const seed = numberOption('seed', 7);
  const sharedStrings = process.argv.includes('--shared-strings');
  const heapCapMb = option('heap-cap') ? numberOption('heap-cap', 0) : null;

  const bench = await startBenchApp({ http: false });
  const folder = await mkdtemp(join(tmpdir(), 'import-bench-'));
  try {
    const runs: Run[] = [];
    for (const [index, count] of counts.entries()) {
      runs.push(
        await measure(
          bench.app,
          bench.meili,
          folder,
          count,
          seed + index,
          sharedStrings,
          bench.env.MEILI_INDEX_PREFIX,
          heapCapMb,
        ),
      );
    }
    const perSecond = (rows: number, ms: number): number => round(rows / (ms / 1000), 0);
    say('');
    printTable(
      [
        `rows (XLSX, ${sharedStrings ? 'shared strings' : 'inline strings'}` +
          `${heapCapMb ? `, heap cap ${heapCapMb} MB` : ''})`,
        'file MB',
        'import s',
        'import rows/s',
        'CLI process s',
        'relay s',
        'end to end rows/s',
        'CLI peak RSS MB',
      ],
      runs.map((run) => [
        run.rows,
        run.fileMb,
        round(run.importMs / 1000, 1),
        perSecond(run.rows, run.importMs),
        round(run.cliWallMs / 1000, 1),
        round(run.relayMs / 1000, 1),
        perSecond(run.rows, run.cliWallMs + run.relayMs),
        run.peakRssMb,
      ]),
    );
    const [small, large] = [runs[0], runs.at(-1)];
    const growth =
      small && large && large !== small ? round(large.peakRssMb / small.peakRssMb, 2) : null;
    say('');
    say(
      'import: the CLI reading, validating and writing (rows and outbox in one transaction); ' +
        'CLI process: including start-up; end to end: CLI process + relay until indexed',
    );
    if (growth !== null)
      say(
        `peak RSS ${large?.rows} rows / ${small?.rows} rows: ${growth} × (file ${round((large?.fileMb ?? 0) / (small?.fileMb ?? 1), 1)} ×)`,
      );
    say(`wall time ${Math.round(since(wallStarted) / 1000)} s`);
    say(
      JSON.stringify({
        bench: 'import',
        seed,
        source,
        sharedStrings,
        heapCapMb,
        runs: runs.map((run) => ({
          rows: run.rows,
          fileMb: run.fileMb,
          importMs: Math.round(run.importMs),
          importRowsPerSec: perSecond(run.rows, run.importMs),
          cliWallMs: Math.round(run.cliWallMs),
          relayMs: Math.round(run.relayMs),
          endToEndRowsPerSec: perSecond(run.rows, run.cliWallMs + run.relayMs),
          peakRssMb: run.peakRssMb,
        })),
        peakRssGrowth: growth,
        wallSeconds: Math.round(since(wallStarted) / 1000),
      }),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
    await bench.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
