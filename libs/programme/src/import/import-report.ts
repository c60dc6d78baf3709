import type { ExportTable } from '../export/export-table.js';
import type { ImportKind } from './import-kind.js';
import type { RowProblem } from './row-converters.js';
import type { SpreadsheetFormat, TextEncoding } from './spreadsheet-reader.js';

/**
 * - IMPORTED: every row was valid; new ones were written.
 * - PARTIAL: `partial` was asked for; valid rows were written, the others are listed.
 * - REJECTED: some row was invalid, so nothing was written (all or nothing, the default).
 * - DRY_RUN: nothing was written; `created` says how many rows would have been.
 */
export type ImportOutcome = 'IMPORTED' | 'PARTIAL' | 'REJECTED' | 'DRY_RUN';

export interface ImportReport {
  kind: ImportKind;
  file: string;
  format: SpreadsheetFormat;
  encoding: TextEncoding | null;
  dryRun: boolean;
  partial: boolean;
  outcome: ImportOutcome;
  /** Whether anything was written. */
  committed: boolean;
  /** Data rows read (empty rows are not counted). */
  rows: number;
  /** Rows that passed every rule: created ones and those the catalogue already held. */
  accepted: number;
  /** Rows new to the catalogue: written, or (dry run) that would be. 0 when REJECTED. */
  created: number;
  /** Valid rows whose natural key the catalogue holds already: skipped, not duplicated. */
  alreadyPresent: number;
  rejectedRows: number;
  /** Every problem of every rejected row; a row may have several. */
  problems: RowProblem[];
  /** Header of the row the headings were found in. */
  headerRow: number;
  /** Headings that name no column of this kind: not read. */
  ignoredColumns: string[];
  seconds: number;
}

/** The rejections as a table: written next to the input by the CLI as `<file>.report.csv`. */
export function problemsTable(report: ImportReport): ExportTable<RowProblem> {
  return {
    name: `${report.kind}-import-report`,
    columns: [
      { header: '行号', value: (problem) => problem.row },
      { header: '列', value: (problem) => problem.column },
      { header: '原因', value: (problem) => problem.reason.zh },
      { header: 'Reason', value: (problem) => problem.reason.en },
    ],
    rows: report.problems,
  };
}
