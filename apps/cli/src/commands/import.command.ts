import { createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { TaxonomyService } from '@techmatch/catalogue';
import { BadUserInputError, RequestContext } from '@techmatch/common';
import {
  type ImportKind,
  type ImportReport,
  ImportService,
  problemsTable,
  writeCsv,
} from '@techmatch/programme';
import { CliError } from '../cli-context.js';

export interface ImportCommandOptions {
  dryRun: boolean;
  partial: boolean;
  /** Print the report as one JSON line instead of the summary (scripts, the benchmark). */
  json: boolean;
}

/** Problems printed on the terminal; the report CSV has them all. */
const SHOWN_PROBLEMS = 20;

const OUTCOME_TEXT: Record<ImportReport['outcome'], string> = {
  IMPORTED: '已导入 / imported',
  PARTIAL: '已导入有效行 / valid rows imported (--partial)',
  REJECTED: '有错误行，未写入任何数据 / nothing written: some rows are invalid',
  DRY_RUN: '试运行，未写入 / dry run, nothing written',
};

/**
 * `import results|needs|enterprises <file> [--dry-run] [--partial]`: streams the file through
 * ImportService with a progress bar, prints the report and writes its problems to
 * `<file>.report.csv`. Returns the report; the exit code is 1 when any row was rejected.
 */
export async function importFile(
  app: INestApplicationContext,
  kind: ImportKind,
  file: string,
  options: ImportCommandOptions,
): Promise<ImportReport> {
  const path = resolve(file);
  await access(path).catch(() => {
    throw new CliError(`${file}: no such file`);
  });
  const bar = new SingleBar(
    { format: `${kind.padEnd(11)} [{bar}] {percentage}% | {rows} rows | {eta_formatted}` },
    Presets.shades_classic,
  );
  bar.start(100, 0, { rows: 0 });
  // The API refreshes the reference taxonomies at every start; a database only the CLI has seen
  // would otherwise have no fields to check rows against.
  await app.get(TaxonomyService).syncReferenceData();
  let report: ImportReport;
  try {
    report = await app
      .get(ImportService)
      .importFile(RequestContext.system('cli:import'), kind, path, {
        dryRun: options.dryRun,
        partial: options.partial,
        onProgress: ({ bytesRead, totalBytes, rows }) =>
          bar.update(totalBytes ? Math.floor((100 * bytesRead) / totalBytes) : 0, { rows }),
      });
  } catch (error) {
    if (error instanceof BadUserInputError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  } finally {
    bar.stop();
  }

  const reportFile = `${path}.report.csv`;
  const out = createWriteStream(reportFile);
  await writeCsv(problemsTable(report), out);
  out.end();
  await finished(out);

  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const rowsPerSecond = report.seconds > 0 ? Math.round(report.rows / report.seconds) : report.rows;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...report, reportFile, peakRssMb, rowsPerSecond })}\n`,
    );
    return report;
  }
  const lines = [
    `${report.file} (${report.format}${report.encoding ? `, ${report.encoding}` : ''}): ${OUTCOME_TEXT[report.outcome]}`,
    `  rows ${report.rows}: accepted ${report.accepted} (new ${report.created}, already present ${report.alreadyPresent}), rejected ${report.rejectedRows}`,
    `  ${report.seconds} s, ${rowsPerSecond} rows/s, peak memory ${peakRssMb} MB`,
  ];
  if (report.ignoredColumns.length > 0)
    lines.push(`  columns not read: ${report.ignoredColumns.join(', ')}`);
  for (const problem of report.problems.slice(0, SHOWN_PROBLEMS)) {
    lines.push(
      `  row ${problem.row}, ${problem.column}: ${problem.reason.zh} | ${problem.reason.en}`,
    );
  }
  if (report.problems.length > SHOWN_PROBLEMS)
    lines.push(`  … ${report.problems.length - SHOWN_PROBLEMS} more`);
  lines.push(`  report: ${reportFile}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return report;
}
