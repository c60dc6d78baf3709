/** A cell as a source hands it over; each format writes it its own way (see csv-export.ts). */
export type ExportValue = string | number | boolean | Date | null | undefined;

/** One column of an export: its heading (Chinese, in the wording of the provincial forms) and value. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => ExportValue;
  /** Column width in characters in the XLSX file. */
  width?: number;
}

/**
 * What every export is: rows and the columns to show of them. Rows may be an async iterable read
 * page by page, so that a large export is streamed and never held in memory whole. Reports, the
 * results list and the deals ledger all export through this one shape.
 */
export interface ExportTable<Row = unknown> {
  /** File name without extension (Chinese is fine: Content-Disposition carries it encoded). */
  name: string;
  /** Worksheet name in the XLSX file (Excel allows 31 characters); the file name by default. */
  sheet?: string;
  columns: Array<ExportColumn<Row>>;
  rows: Iterable<Row> | AsyncIterable<Row>;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A moment as people in Luoyang read it: `2026-03-01 09:30:00`, China time (no daylight saving). */
export function chinaDateTime(value: Date): string {
  return new Date(value.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Spreadsheet dates have no time zone: the China wall-clock time, stored as if it were UTC. */
export function chinaWallClock(value: Date): Date {
  return new Date(value.getTime() + CHINA_OFFSET_MS);
}
