import type { Writable } from 'node:stream';
import type { CellValue } from 'exceljs';
import ExcelJS from '../exceljs-utf8.js';
import { chinaWallClock, type ExportTable, type ExportValue } from './export-table.js';

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

function cellValue(value: ExportValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return chinaWallClock(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value;
}

/** Excel refuses worksheet names over 31 characters or with any of : \ / ? * [ ]. */
const sheetName = (name: string): string => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/**
 * Writes the table as an XLSX workbook to `out` with exceljs's streaming writer: each row is
 * committed (serialised into the zip stream) as soon as it is added, and strings are written
 * inline rather than into a shared-strings table, so memory stays flat. Ends `out`.
 */
export async function writeXlsx<Row>(table: ExportTable<Row>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName(table.sheet ?? table.name), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(10, Math.min(40, column.header.length * 2 + 4)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  for await (const row of table.rows) {
    const values = table.columns.map((column) => column.value(row));
    const added = sheet.addRow(values.map(cellValue));
    values.forEach((value, index) => {
      if (value instanceof Date) added.getCell(index + 1).numFmt = DATE_FORMAT;
    });
    added.commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
