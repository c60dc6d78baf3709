/**
 * Regenerates the spreadsheet samples in docs/samples/ from the CSV samples there, which are the
 * hand-written source (docs/import.md says which of their rows are bad and why):
 *
 *   results.csv     → results.xlsx
 *   enterprises.csv → enterprises.xlsx
 *   needs.csv       → needs.gbk.csv (GB18030, no BOM: what Excel on a Chinese Windows saves as CSV)
 *
 * Short numbers (TRL, 万元 amounts, industry codes) become number cells, as Excel would type them.
 *
 *   node scripts/generate-import-samples.mjs
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const samples = join(import.meta.dirname, '..', 'docs', 'samples');
const FIXED_TIME = new Date('2026-01-01T00:00:00Z');

async function readCsv(name) {
  return parse(await readFile(join(samples, name)), { bom: true, relax_column_count: true });
}

async function toXlsx(name, sheetName) {
  const rows = await readCsv(name);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TechMatch samples';
  workbook.created = FIXED_TIME;
  workbook.modified = FIXED_TIME;
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) {
    sheet.addRow(row.map((cell) => (/^\d{1,6}(\.\d+)?$/.test(cell) ? Number(cell) : cell)));
  }
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  const target = name.replace(/\.csv$/, '.xlsx');
  await workbook.xlsx.writeFile(join(samples, target));
  return `${target}: ${rows.length - 1} rows`;
}

async function toGbk(name) {
  const text = (await readFile(join(samples, name), 'utf8')).replace(/^\uFEFF/, '');
  const target = name.replace(/\.csv$/, '.gbk.csv');
  await writeFile(join(samples, target), iconv.encode(text, 'gb18030'));
  return `${target}: GB18030`;
}

for (const line of [
  await toXlsx('results.csv', '科技成果'),
  await toXlsx('enterprises.csv', '企业'),
  await toGbk('needs.csv'),
]) {
  process.stdout.write(`${line}\n`);
}
