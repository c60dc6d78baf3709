import { readFileSync } from 'node:fs';

interface TreeRow {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
}

interface IndustryRow extends TreeRow {
  level: 'SECTION' | 'DIVISION';
}

interface DivisionRow {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: 'DISTRICT' | 'COUNTY';
}

interface ZoneRow {
  nameZh: string;
  nameEn: string;
  divisionCode: string;
}

// Read as text: JSON import attributes are not available under the test transform.
function load<T>(file: string): T[] {
  return JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as T[];
}

const disciplines = load<TreeRow>('disciplines.json');
const highTech = load<TreeRow>('high-tech-fields.json');
const industries = load<IndustryRow>('industries.json');
const divisions = load<DivisionRow>('divisions.json');
const zones = load<ZoneRow>('development-zones.json');

/** GB/T 4754-2017: the 2-digit divisions each section holds. */
const SECTION_RANGES: Record<string, [number, number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 96],
  T: [97, 97],
};

function duplicates(values: string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}

function orphans(rows: TreeRow[]): TreeRow[] {
  const codes = new Set(rows.map((row) => row.code));
  return rows.filter((row) => row.parentCode !== null && !codes.has(row.parentCode));
}

describe('taxonomy data', () => {
  it('successful-shape: every row has non-empty names, in both languages', () => {
    for (const row of [...disciplines, ...highTech, ...industries, ...divisions, ...zones]) {
      expect([row, row.nameZh.trim().length > 0, row.nameEn.trim().length > 0]).toEqual([
        row,
        true,
        true,
      ]);
    }
  });

  it('successful-unique: codes are unique per file and across the shared field table', () => {
    expect(duplicates(disciplines.map((row) => row.code))).toEqual([]);
    expect(duplicates(highTech.map((row) => row.code))).toEqual([]);
    expect(duplicates(industries.map((row) => row.code))).toEqual([]);
    expect(duplicates(divisions.map((row) => row.code))).toEqual([]);
    expect(duplicates(zones.map((row) => row.nameZh))).toEqual([]);
    // Both field schemes land in one table keyed by code.
    expect(duplicates([...disciplines, ...highTech].map((row) => row.code))).toEqual([]);
  });

  it('successful-parents: every parentCode names a row of the same file', () => {
    expect(orphans(disciplines)).toEqual([]);
    expect(orphans(highTech)).toEqual([]);
    expect(orphans(industries)).toEqual([]);
  });

  it('successful-disciplines: 13 门类 of two digits, 一级学科 of four under their own 门类', () => {
    const roots = disciplines.filter((row) => row.parentCode === null);
    expect(roots.map((row) => row.code)).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    const children = disciplines.filter((row) => row.parentCode !== null);
    for (const row of children) {
      expect([row.code, /^\d{4}$/.test(row.code), row.code.slice(0, 2)]).toEqual([
        row.code,
        true,
        row.parentCode,
      ]);
    }
    const names = children.map((row) => `${row.parentCode}/${row.nameZh}`);
    expect(duplicates(names)).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['08/计算机科学与技术', '08/机械工程']));
  });

  it('successful-high-tech: 8 areas HT01–HT08, each field under its own area', () => {
    const roots = highTech.filter((row) => row.parentCode === null);
    expect(roots.map((row) => row.code)).toEqual(
      Array.from({ length: 8 }, (_, i) => `HT0${i + 1}`),
    );
    expect(roots.map((row) => row.nameZh)).toEqual([
      '电子信息',
      '生物与新医药',
      '航空航天',
      '新材料',
      '高技术服务',
      '新能源与节能',
      '资源与环境',
      '先进制造与自动化',
    ]);
    for (const row of highTech.filter((candidate) => candidate.parentCode !== null)) {
      expect([row.code, /^HT\d{4}$/.test(row.code), row.code.slice(0, 4)]).toEqual([
        row.code,
        true,
        row.parentCode,
      ]);
    }
    for (const root of roots) {
      expect(highTech.some((row) => row.parentCode === root.code)).toBe(true);
    }
  });

  it('successful-industries: 20 sections A–T and 97 divisions in their GB/T 4754-2017 ranges', () => {
    const sections = industries.filter((row) => row.level === 'SECTION');
    const divisionRows = industries.filter((row) => row.level === 'DIVISION');
    expect(sections.map((row) => row.code)).toEqual([...'ABCDEFGHIJKLMNOPQRST']);
    expect(sections.every((row) => row.parentCode === null)).toBe(true);
    expect(divisionRows).toHaveLength(97);
    expect(divisionRows.map((row) => row.code).sort()).toEqual(
      Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    for (const row of divisionRows) {
      const [low, high] = SECTION_RANGES[row.parentCode ?? ''] ?? [0, -1];
      const value = Number(row.code);
      expect([row.code, row.parentCode, value >= low && value <= high]).toEqual([
        row.code,
        row.parentCode,
        true,
      ]);
    }
  });

  it('successful-divisions: Luoyang has 14 divisions, 7 districts and 7 counties', () => {
    expect(divisions).toHaveLength(14);
    const codesOf = (kind: DivisionRow['kind']) =>
      divisions.filter((row) => row.kind === kind).map((row) => row.code);
    expect(codesOf('DISTRICT')).toEqual([
      '410302',
      '410303',
      '410304',
      '410305',
      '410307',
      '410308',
      '410311',
    ]);
    expect(codesOf('COUNTY')).toEqual([
      '410323',
      '410324',
      '410325',
      '410326',
      '410327',
      '410328',
      '410329',
    ]);
    for (const row of divisions) {
      expect(Object.keys(row).sort()).toEqual(['code', 'kind', 'nameEn', 'nameZh']);
    }
  });

  it('successful-zones: every development zone maps to one of the 14 divisions', () => {
    const codes = new Set(divisions.map((row) => row.code));
    expect(zones.length).toBeGreaterThan(0);
    expect(zones.filter((zone) => !codes.has(zone.divisionCode))).toEqual([]);
    expect(zones.map((zone) => zone.nameZh)).toContain('洛阳高新技术产业开发区');
  });
});
