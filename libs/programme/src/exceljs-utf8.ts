import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

/**
 * exceljs, with its streaming reader fixed for text that is not ASCII.
 *
 * exceljs 4.4 decodes every chunk of a zipped XML part on its own (`TextDecoder.decode(chunk)`
 * in lib/utils/parse-sax.js), so a Chinese character that straddles two chunks of a worksheet or
 * of the shared strings becomes U+FFFD: in a 2,000-row import, one institution name in a few
 * hundred came out as 河南省先进高温��料中试基地. Its parser passes text chunks through untouched,
 * so the two readers whose text matters are handed the part already decoded, by one streaming
 * StringDecoder per part. (spreadsheet-reader.spec.ts reads 3,000 Chinese rows to prove it.)
 * Import exceljs from this module wherever a workbook is read.
 */
async function* decoded(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  _parseWorksheet: (
    this: ReaderInternals,
    iterator: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ) => AsyncGenerator;
  _parseSharedStrings: (this: ReaderInternals, entry: Readable) => AsyncGenerator;
  [PATCHED]?: true;
}

const PATCHED = Symbol.for('techmatch.exceljs.utf8');
const reader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
if (!reader[PATCHED]) {
  const parseWorksheet = reader._parseWorksheet;
  const parseSharedStrings = reader._parseSharedStrings;
  if (typeof parseWorksheet !== 'function' || typeof parseSharedStrings !== 'function') {
    throw new Error('exceljs changed: WorkbookReader has no _parseWorksheet/_parseSharedStrings');
  }
  reader._parseWorksheet = function (iterator, sheetNo) {
    return parseWorksheet.call(this, decoded(iterator), sheetNo);
  };
  reader._parseSharedStrings = function (entry) {
    return parseSharedStrings.call(this, Readable.from(decoded(entry)));
  };
  reader[PATCHED] = true;
}

export default ExcelJS;
