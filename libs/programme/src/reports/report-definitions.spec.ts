import { readFileSync } from 'node:fs';
import { ReportGranularity } from './dto/report-filter.input.js';
import { figureDefinitions } from './report-definition-views.js';
import { FIGURES, FUNNEL_STAGES, REPORT_FIGURES, REPORT_SOURCES } from './report-definitions.js';
import { bucketCount, bucketStart, chinaMidnight, shiftBucket } from './report-period.js';
import { funnelSql, keyedReportSql, seriesSql, type SqlFilter } from './report-sql.js';

const docs = readFileSync(new URL('../../../../docs/reports.md', import.meta.url), 'utf8');
const squash = (text: string): string => text.replace(/\s+/g, ' ');

const everything: SqlFilter = {
  from: chinaMidnight('2025-01-01'),
  to: chinaMidnight('2025-04-01'),
  asOf: chinaMidnight('2025-04-01'),
  divisionCode: '410329',
  institutionId: '00000000-0000-4000-8000-000000000001',
  institutionKind: undefined,
  fieldCodes: ['08', '0802'],
  dealKind: undefined,
};

/** Every $n is passed, every passed value is used, and parentheses balance. */
function wellFormed(query: { sql: string; params: unknown[] }): void {
  const used = new Set([...query.sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  expect([...used].sort((a, b) => a - b)).toEqual(query.params.map((_, index) => index + 1));
  let depth = 0;
  let lowest = 0;
  for (const char of query.sql) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    lowest = Math.min(lowest, depth);
  }
  expect({ lowest, depth }).toEqual({ lowest: 0, depth: 0 });
}

describe('report definitions', () => {
  it.each(Object.values(FIGURES))('docs/reports.md defines $key as the code does', (figure) => {
    const section = docs.slice(docs.indexOf(`### \`${figure.key}\``));
    expect(section.length).toBeLessThan(docs.length);
    const next = section.indexOf('\n### ', 4);
    const text = squash(next > 0 ? section.slice(0, next) : section);
    expect(text).toContain(`${figure.nameZh} / ${figure.nameEn}`);
    expect(text).toContain(squash(figure.descriptionZh));
    expect(text).toContain(squash(figure.descriptionEn));
    if (figure.kind === 'RATE') {
      expect(text).toContain(`\`${figure.numerator}\` ÷ \`${figure.denominator}\``);
      return;
    }
    expect(text).toContain(`source \`${figure.source}\``);
    if (figure.kind === 'FLOW') {
      expect(text).toContain(`instant: \`${figure.instant}\``);
      expect(text).toContain(figure.value === '1' ? '`1`' : `\`sum(${figure.value})\``);
    }
    if (figure.condition) expect(text).toContain(`\`${squash(figure.condition)}\``);
  });

  it('docs/reports.md lists every source and funnel stage with its SQL', () => {
    const text = squash(docs);
    for (const source of Object.values(REPORT_SOURCES)) expect(text).toContain(squash(source.from));
    for (const stage of FUNNEL_STAGES) expect(text).toContain(squash(stage.condition));
  });

  it('every figure of every report is defined, and the definitions view shows them all', () => {
    for (const keys of Object.values(REPORT_FIGURES))
      for (const key of keys) expect(FIGURES[key]).toBeDefined();
    expect(figureDefinitions().map((d) => d.key)).toEqual([
      ...Object.keys(FIGURES),
      ...FUNNEL_STAGES.map((stage) => `funnel.${stage.key}`),
    ]);
  });

  it('builds well-formed SQL for every report, with and without filters', () => {
    const open: SqlFilter = { from: null, to: null, asOf: new Date() };
    for (const filter of [open, everything]) {
      wellFormed(
        keyedReportSql({
          figures: REPORT_FIGURES.county,
          keys: ['enterpriseDivision'],
          filter,
          totals: true,
        }),
      );
      wellFormed(
        keyedReportSql({
          figures: REPORT_FIGURES.flow,
          keys: ['institutionDivision', 'enterpriseDivision'],
          filter,
          totals: false,
        }),
      );
      wellFormed(funnelSql(filter));
      wellFormed(
        seriesSql({
          figures: REPORT_FIGURES.series,
          filter,
          granularity: 'QUARTER',
          firstBucket: '2025-01-01',
          lastBucket: '2025-04-01',
        }),
      );
    }
  });

  it('leaves sources without the grouping attribute out of a report (needs have no institution)', () => {
    const { sql } = keyedReportSql({
      figures: REPORT_FIGURES.institution,
      keys: ['institution'],
      filter: everything,
      totals: true,
    });
    expect(sql).not.toContain('FROM tech_needs n LEFT JOIN enterprises');
    expect(sql).toContain('research_results r LEFT JOIN institutions i');
  });
});

describe('report periods', () => {
  it('places dates in months and quarters, and counts buckets', () => {
    expect(bucketStart('2025-05-17', ReportGranularity.MONTH)).toBe('2025-05-01');
    expect(bucketStart('2025-05-17', ReportGranularity.QUARTER)).toBe('2025-04-01');
    expect(bucketStart('2025-12-31', ReportGranularity.QUARTER)).toBe('2025-10-01');
    expect(shiftBucket('2025-12-01', ReportGranularity.MONTH)).toBe('2026-01-01');
    expect(shiftBucket('2025-01-01', ReportGranularity.MONTH, -11)).toBe('2024-02-01');
    expect(shiftBucket('2025-10-01', ReportGranularity.QUARTER)).toBe('2026-01-01');
    expect(bucketCount('2024-02-01', '2025-01-01', ReportGranularity.MONTH)).toBe(12);
    expect(bucketCount('2025-01-01', '2025-10-01', ReportGranularity.QUARTER)).toBe(4);
  });

  it('starts a China date at 16:00 UTC the day before', () => {
    expect(chinaMidnight('2025-03-01').toISOString()).toBe('2025-02-28T16:00:00.000Z');
  });
});
