import { PassThrough } from 'node:stream';
import { csvField, csvText, writeCsv } from './csv-export.js';

describe('CSV export', () => {
  it('successful-quoting: commas, quotes, line breaks and edge spaces are quoted (RFC 4180)', () => {
    expect(csvField('平方和, SOS')).toBe('"平方和, SOS"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField(' 空格')).toBe('" 空格"');
    expect(csvField('普通')).toBe('普通');
  });

  it('successful-values: numbers, yes/no, China time, empty for null', () => {
    expect(csvText(12.5)).toBe('12.5');
    expect(csvText(true)).toBe('是');
    expect(csvText(new Date('2026-03-01T01:30:00Z'))).toBe('2026-03-01 09:30:00');
    expect(csvText(null)).toBe('');
  });

  it('failing-formula: text Excel would run as a formula is defused; numbers and phones are not', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('+cmd')).toBe("'+cmd");
    expect(csvText('-12.5')).toBe('-12.5');
    expect(csvText('+86 379 6123 4567')).toBe('+86 379 6123 4567');
  });

  it('successful-write: BOM, header, CRLF rows, from an async source', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    async function* rows() {
      await Promise.resolve();
      yield { name: '河南科技大学', n: 1 };
      yield { name: 'a,b', n: 2 };
    }
    const count = await writeCsv(
      {
        name: 't',
        columns: [
          { header: '名称', value: (row: { name: string }) => row.name },
          { header: '数量', value: (row: { n: number }) => row.n },
        ],
        rows: rows(),
      },
      out,
    );
    out.end();
    const bytes = Buffer.concat(chunks);
    expect(count).toBe(2);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('名称,数量\r\n河南科技大学,1\r\n"a,b",2\r\n');
  });
});
