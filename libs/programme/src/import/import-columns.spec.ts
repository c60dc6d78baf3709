import { headerScore, mapHeaders, normaliseHeader } from './import-columns.js';

describe('import headers', () => {
  it('successful-tolerant-headers: spaces, full-width brackets, stars and English aliases', () => {
    const map = mapHeaders('needs', [
      ' 需求名称 ',
      '*需求描述',
      '需 解决的问题：',
      'Fields',
      '预算（万元）',
      '企业名称',
      '备注',
    ]);
    expect([...map.columns.keys()]).toEqual([
      'title',
      'description',
      'problem',
      'fields',
      'budget',
      'enterpriseName',
    ]);
    expect(map.columns.get('budget')).toMatchObject({
      header: '预算（万元）',
      unit: 'wan',
      index: 4,
    });
    expect(map.ignored).toEqual(['备注']);
    expect(map.missing).toEqual([]);
  });

  it('successful-unit-from-header: （元） overrides a column’s default unit, a note is dropped', () => {
    const map = mapHeaders('results', [
      '成果名称',
      '完成单位',
      '意向价格(元)',
      '所属领域（代码或名称）',
    ]);
    expect(map.columns.get('price')?.unit).toBe('yuan');
    expect(map.columns.get('fields')?.header).toBe('所属领域（代码或名称）');
  });

  it('failing-missing-and-repeated: required columns missing, a column given twice', () => {
    const map = mapHeaders('enterprises', ['企业名称', '单位名称', '联系人']);
    expect(map.missing.map((column) => column.key)).toEqual(['uscc']);
    expect(map.duplicated).toEqual(['单位名称']);
  });

  it('successful-header-score: a title row above the headings scores below two', () => {
    expect(headerScore('results', ['洛阳市科技成果登记汇总表'])).toBe(0);
    expect(headerScore('results', ['序号', '成果名称', '完成单位'])).toBe(2);
    expect(normaliseHeader('＊成果名称：')).toBe('成果名称');
  });
});
