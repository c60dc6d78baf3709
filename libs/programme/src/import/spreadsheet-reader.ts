import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type { CellFormulaValue, CellValue } from 'exceljs';
import ExcelJS from '../exceljs-utf8.js';
import iconv from 'iconv-lite';

export type SpreadsheetFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

/** One row of the first worksheet: its number as a spreadsheet program shows it, and its cells. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** What was found out while reading, for the report. */
export interface SpreadsheetInfo {
  format: SpreadsheetFormat;
  encoding?: TextEncoding;
  totalBytes: number;
  bytesRead: number;
}

/** XLSX files are zip archives; anything else is read as CSV. The content decides, not the name. */
export async function detectFormat(path: string): Promise<SpreadsheetFormat> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
  } finally {
    await file.close();
  }
}

/**
 * The encoding of a CSV from its first bytes: a BOM says it; otherwise text that is valid UTF-8 is
 * UTF-8, and anything else GB18030 — what Excel on a Chinese Windows saves as "CSV" (GBK, which
 * GB18030 contains). `complete` says the sample is the whole file: then its end may not be cut
 * inside a character.
 */
export function detectEncoding(sample: Buffer, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  let end = sample.length;
  if (!complete) {
    // Drop a UTF-8 sequence the sample may have cut: up to 3 continuation bytes and their lead.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1] & 0xc0) === 0x80) back++;
    const lead = sample[end - back - 1];
    if (lead !== undefined && lead >= 0xc0) end -= back + 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

const SAMPLE_BYTES = 64 * 1024;

/** Counts the bytes that pass, for progress; it does not hold them. */
function byteCounter(
  info: SpreadsheetInfo,
  onProgress?: (info: SpreadsheetInfo) => void,
): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      info.bytesRead += chunk.length;
      onProgress?.(info);
      done(null, chunk);
    },
  });
}

/** The file as text, decoded in the encoding its first 64 KiB show, without a BOM. */
async function* decodedText(source: Readable, info: SpreadsheetInfo): AsyncGenerator<string> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const sample = Buffer.concat(head);
  info.encoding = detectEncoding(sample, ended);
  const decoder = iconv.getDecoder(info.encoding, { stripBOM: true });
  yield decoder.write(sample);
  while (!ended) {
    const next = await chunks.next();
    if (next.done) break;
    const text = decoder.write(next.value);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

async function* readCsv(
  path: string,
  info: SpreadsheetInfo,
  onProgress?: (info: SpreadsheetInfo) => void,
): AsyncGenerator<SheetRow> {
  const file = createReadStream(path).pipe(byteCounter(info, onProgress));
  const parser = Readable.from(decodedText(file, info)).pipe(
    parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: record };
  }
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    // Spreadsheet dates carry no zone: exceljs gives the wall-clock time as UTC.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as CellFormulaValue).result);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function* readXlsx(
  path: string,
  info: SpreadsheetInfo,
  onProgress?: (info: SpreadsheetInfo) => void,
): AsyncGenerator<SheetRow> {
  const file = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(
    file.pipe(byteCounter(info, onProgress)),
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      // Styles say which numbers are dates.
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    },
  );
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = (row.values as CellValue[]).slice(1);
        yield { row: row.number, cells: Array.from(values, cellText) };
      }
      // Only the first worksheet is read: forms keep notes and code lists on the others.
      break;
    }
  } finally {
    file.destroy();
  }
}

/**
 * Streams the rows of a CSV or XLSX file — csv-parse over a decoding stream, exceljs's streaming
 * WorkbookReader — so that memory does not grow with the file. (An XLSX keeps its strings in one
 * shared table, which exceljs holds while reading; Excel writes it once per file.)
 */
export async function readSpreadsheet(
  path: string,
  onProgress?: (info: SpreadsheetInfo) => void,
): Promise<{ info: SpreadsheetInfo; rows: AsyncGenerator<SheetRow> }> {
  const info: SpreadsheetInfo = {
    format: await detectFormat(path),
    totalBytes: (await stat(path)).size,
    bytesRead: 0,
  };
  const rows =
    info.format === 'xlsx' ? readXlsx(path, info, onProgress) : readCsv(path, info, onProgress);
  return { info, rows };
}
