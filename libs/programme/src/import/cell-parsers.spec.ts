import { CellError, parseDate, parseInteger, parseMoney, splitList } from './cell-parsers.js';

describe('cell parsers', () => {
  it('successful-lists: Chinese and Latin separators, never the slash of a name', () => {
    expect(splitList('高温合金；精密铸造, 叶片、 中医学/中药学\n涂层')).toEqual([
      '高温合金',
      '精密铸造',
      '叶片',
      '中医学/中药学',
      '涂层',
    ]);
    expect(splitList('  ')).toEqual([]);
  });

  it('successful-money: units from the header or the cell, ranges, 面议', () => {
    expect(parseMoney('50', 'wan', 'max')).toEqual({ min: null, max: 500_000 });
    expect(parseMoney('50', 'wan', 'both')).toEqual({ min: 500_000, max: 500_000 });
    expect(parseMoney('50-100', 'wan', 'max')).toEqual({ min: 500_000, max: 1_000_000 });
    expect(parseMoney('５０～１００万元', 'yuan', 'max')).toEqual({ min: 500_000, max: 1_000_000 });
    expect(parseMoney('30万-1,200,000元', 'wan', 'max')).toEqual({ min: 300_000, max: 1_200_000 });
    expect(parseMoney('120000元', 'wan', 'max')).toEqual({ min: null, max: 120_000 });
    expect(parseMoney('面议', 'wan', 'both')).toEqual({ min: null, max: null });
    expect(parseMoney('', 'wan', 'both')).toEqual({ min: null, max: null });
  });

  it('failing-money: text that is no amount says what is expected', () => {
    expect(() => parseMoney('很多', 'wan', 'max')).toThrow(CellError);
    try {
      parseMoney('很多', 'wan', 'max');
    } catch (error) {
      expect((error as CellError).reason.zh).toContain('无法识别的金额“很多”');
    }
  });

  it('successful-dates: the usual writings and Excel day numbers; anything else as written', () => {
    expect(parseDate('2030-12-31')).toBe('2030-12-31');
    expect(parseDate('2030/6/3')).toBe('2030-06-03');
    expect(parseDate('2031年3月31日')).toBe('2031-03-31');
    expect(parseDate('47848')).toBe('2030-12-31');
    expect(parseDate('明年底')).toBe('明年底');
    expect(parseInteger('７')).toBe(7);
    expect(parseInteger('七')).toBe('七');
  });
});
