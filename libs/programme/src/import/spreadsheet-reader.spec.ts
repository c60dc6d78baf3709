import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import ExcelJS from '../exceljs-utf8.js';
import { writeXlsx } from '../export/xlsx-export.js';
import { detectEncoding, readSpreadsheet, type SheetRow } from './spreadsheet-reader.js';

async function rowsOf(
  path: string,
): Promise<{ rows: SheetRow[]; encoding?: string; format: string }> {
  const { info, rows } = await readSpreadsheet(path);
  const all: SheetRow[] = [];
  for await (const row of rows) all.push(row);
  return { rows: all, encoding: info.encoding, format: info.format };
}

describe('spreadsheet reader', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'reader-spec-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const text = '成果名称,完成单位\r\n"平方和, SOS",河南科技大学\r\n\r\n"两行\n文字",龙门实验室\r\n';

  it('successful-utf8-bom: the BOM is dropped, quoted commas and line breaks kept, rows numbered as Excel shows them', async () => {
    const path = join(folder, 'bom.csv');
    await writeFile(path, `\uFEFF${text}`);
    const read = await rowsOf(path);
    expect(read.format).toBe('csv');
    expect(read.encoding).toBe('utf-8');
    expect(read.rows).toEqual([
      { row: 1, cells: ['成果名称', '完成单位'] },
      { row: 2, cells: ['平方和, SOS', '河南科技大学'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['两行\n文字', '龙门实验室'] },
    ]);
  });

  it('successful-gb18030: a CSV saved by Excel on a Chinese Windows (GBK) is detected', async () => {
    const path = join(folder, 'gbk.csv');
    await writeFile(path, iconv.encode(text, 'gb18030'));
    const read = await rowsOf(path);
    expect(read.encoding).toBe('gb18030');
    expect(read.rows[1]?.cells).toEqual(['平方和, SOS', '河南科技大学']);
  });

  it('successful-detect: a UTF-8 sample cut inside a character is still UTF-8', () => {
    const bytes = Buffer.from('河南科技大学', 'utf8');
    expect(detectEncoding(bytes.subarray(0, 7), false)).toBe('utf-8');
    expect(detectEncoding(bytes.subarray(0, 7), true)).toBe('gb18030');
  });

  it('successful-xlsx: the first worksheet, cells as text, dates as YYYY-MM-DD', async () => {
    const path = join(folder, 'book.xlsx');
    const out = createWriteStream(path);
    await writeXlsx(
      {
        name: '表',
        columns: [
          { header: '名称', value: (row: { n: string }) => row.n },
          { header: '数', value: (row: { v: number }) => row.v },
        ],
        rows: [
          { n: '河南科技大学', v: 34 },
          { n: '', v: 1.5 },
        ],
      },
      out,
    );
    await finished(out);
    const read = await rowsOf(path);
    expect(read.format).toBe('xlsx');
    expect(read.rows).toEqual([
      { row: 1, cells: ['名称', '数'] },
      { row: 2, cells: ['河南科技大学', '34'] },
      { row: 3, cells: ['', '1.5'] },
    ]);
  });

  it('successful-xlsx-chinese-across-chunks: no character is cut where the zip stream splits the XML', async () => {
    const path = join(folder, 'many.xlsx');
    const out = createWriteStream(path);
    const name = (i: number): string => `河南省先进高温材料中试基地第${i}号样品，含中文标点。`;
    await writeXlsx(
      {
        name: '表',
        columns: [{ header: '名称', value: (i: number) => name(i) }],
        rows: Array.from({ length: 3000 }, (_, i) => i),
      },
      out,
    );
    await finished(out);
    const read = await rowsOf(path);
    expect(read.rows.slice(1).filter((row, i) => row.cells[0] !== name(i))).toEqual([]);
  });

  it('successful-xlsx-shared-strings: Excel’s layout (shared strings after the sheet) reads the same', async () => {
    const path = join(folder, 'shared.xlsx');
    const name = (i: number): string => `龙门实验室成果第${i}项：高温合金叶片精密铸造`;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
    });
    const sheet = workbook.addWorksheet('成果');
    sheet.addRow(['名称']).commit();
    for (let i = 0; i < 3000; i++) sheet.addRow([name(i)]).commit();
    sheet.commit();
    await workbook.commit();
    const read = await rowsOf(path);
    expect(read.rows).toHaveLength(3001);
    expect(read.rows.slice(1).filter((row, i) => row.cells[0] !== name(i))).toEqual([]);
  });
});
