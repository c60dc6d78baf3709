import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { chinaDateTime, type ExportTable, type ExportValue } from './export-table.js';

/** Excel reads a CSV as the system's code page (GBK in China) unless it starts with a UTF-8 BOM. */
export const UTF8_BOM = '\uFEFF';

// Text that Excel would run as a formula when the CSV is opened (CSV injection). Signed numbers and
// phone numbers ("-12.5", "+86 379 6123 4567") are left alone.
const FORMULA_START = /^[=@\t\r]|^[+-](?![\d\s().-]*$)/;

/** The text of one cell: numbers as written, booleans 是/否, moments in China time. */
export function csvText(value: ExportValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return chinaDateTime(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 quoting: fields holding a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: ExportValue): string {
  const text = csvText(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: ExportValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Writes the table as CSV (UTF-8 with BOM, CRLF line ends, as Excel writes them) to `out`, row by
 * row with back-pressure, so memory stays flat however many rows the source yields. Does not end
 * `out`.
 */
export async function writeCsv<Row>(table: ExportTable<Row>, out: Writable): Promise<number> {
  let buffer = UTF8_BOM + csvLine(table.columns.map((column) => column.header));
  let rows = 0;
  const flush = async (): Promise<void> => {
    if (buffer === '') return;
    const ok = out.write(buffer);
    buffer = '';
    if (!ok) await once(out, 'drain');
  };
  for await (const row of table.rows) {
    buffer += csvLine(table.columns.map((column) => column.value(row)));
    rows++;
    if (buffer.length >= 64 * 1024) await flush();
  }
  await flush();
  return rows;
}
