import type { InstitutionKind } from '@techmatch/catalogue';
import type { DealKind } from '@techmatch/deals';
import {
  FIGURES,
  type FigureKey,
  type FlowFigure,
  FUNNEL_STAGES,
  type RateFigure,
  REPORT_SOURCES,
  REPORT_TIME_ZONE,
  type ReportSource,
  type SnapshotFigure,
  type SourceDimensions,
  type SourceName,
} from './report-definitions.js';

/**
 * Builds the SQL of every report from report-definitions.ts. Nothing here decides what a figure
 * means: only how the definitions are put together into one statement per report (a CTE per
 * source, one scan of each, conditional aggregates, then one GROUP BY), so that a report is one
 * consistent snapshot and Postgres does the counting.
 */

/** Filters as the SQL needs them: instants for the period, the field with its sub-fields. */
export interface SqlFilter {
  /** First instant of the period (inclusive), or null: since the beginning. */
  from: Date | null;
  /** First instant after the period (exclusive), or null: up to now and beyond. */
  to: Date | null;
  /** Where snapshot figures are taken: the period's end, or now if that is earlier. */
  asOf: Date;
  divisionCode?: string;
  institutionId?: string;
  institutionKind?: InstitutionKind;
  /** The filter's field code and every code below it in the field tree. */
  fieldCodes?: string[];
  dealKind?: DealKind;
}

/** Positional parameters: each use gets its own, so Postgres infers each one's type from its place. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type KeyedDimension = keyof SourceDimensions;

/** The filter's conditions on one source; filters on attributes the source lacks are left out. */
export function filterConditions(source: ReportSource, filter: SqlFilter, params: SqlParams) {
  const dims = source.dimensions;
  const conditions: string[] = [];
  if (filter.divisionCode && dims.enterpriseDivision)
    conditions.push(`${dims.enterpriseDivision} = ${params.add(filter.divisionCode)}`);
  if (filter.institutionId && dims.institution)
    conditions.push(`${dims.institution} = ${params.add(filter.institutionId)}`);
  if (filter.institutionKind && dims.institutionKind)
    conditions.push(`${dims.institutionKind} = ${params.add(filter.institutionKind)}`);
  if (filter.fieldCodes && dims.fieldCodes) {
    const codes = filter.fieldCodes;
    conditions.push(
      `(${dims.fieldCodes.map((column) => `${column} && ${params.add(codes)}`).join(' OR ')})`,
    );
  }
  if (filter.dealKind && dims.dealKind)
    conditions.push(`${dims.dealKind} = ${params.add(filter.dealKind)}`);
  return conditions;
}

export function inPeriod(
  instant: string,
  from: Date | null,
  to: Date | null,
  params: SqlParams,
): string {
  const bounds = [`${instant} IS NOT NULL`];
  if (from) bounds.push(`${instant} >= ${params.add(from)}`);
  if (to) bounds.push(`${instant} < ${params.add(to)}`);
  return bounds.join(' AND ');
}

/** Conditions joined with AND, each in parentheses (one may be an OR); TRUE and blanks left out. */
export const and = (...conditions: Array<string | null | undefined>): string => {
  const parts = conditions.filter((c): c is string => !!c && c !== 'TRUE');
  if (parts.length === 0) return 'TRUE';
  return parts.length === 1 ? (parts[0] ?? 'TRUE') : parts.map((c) => `(${c})`).join(' AND ');
};

export const quote = (column: string): string => `"${column}"`;

/** The columns a report returns for its flow and snapshot figures (breakdowns as `key:value`). */
export function figureColumns(keys: FigureKey[]): string[] {
  const columns: string[] = [];
  for (const key of keys) {
    const figure = FIGURES[key];
    if (figure.kind === 'RATE') continue;
    columns.push(key);
    if (figure.kind === 'FLOW' && figure.breakdown)
      for (const value of figure.breakdown.values) columns.push(`${key}:${value}`);
  }
  return columns;
}

/** The source's FROM clause with the optional joins that `sql` names. */
export function fromClause(source: ReportSource, sql: string): string {
  const joins = Object.entries(source.optionalJoins ?? {})
    .filter(([alias]) => new RegExp(`\\b${alias}\\.`).test(sql))
    .map(([, join]) => join);
  return [source.from, ...joins].join('\n  ');
}

export interface Aggregate {
  column: string;
  sql: string;
}

/** One flow figure's aggregates: the figure itself and, if it has one, its breakdown. */
export function flowAggregates(figure: FlowFigure, inRange: string): Aggregate[] {
  const aggregate = (condition: string): string =>
    figure.value === '1'
      ? `count(*) FILTER (WHERE ${condition})`
      : `sum(${figure.value}) FILTER (WHERE ${condition})`;
  const base = and(inRange, figure.condition);
  const aggregates: Aggregate[] = [{ column: figure.key, sql: aggregate(base) }];
  for (const value of figure.breakdown?.values ?? [])
    aggregates.push({
      column: `${figure.key}:${value}`,
      sql: aggregate(and(base, `${figure.breakdown?.sql} = '${value}'`)),
    });
  return aggregates;
}

export const snapshotCondition = (figure: SnapshotFigure, asOf: string): string =>
  figure.condition.replaceAll(':asOf', asOf);

/** One SELECT of a UNION ALL: every report column, this branch's aggregates and NULL for the rest. */
export function branch(options: {
  keys: string[];
  aggregates: Aggregate[];
  columns: string[];
  from: string;
  where: string;
  groupBy: boolean;
}): string {
  const own = new Map(options.aggregates.map((a) => [a.column, a.sql]));
  const select = [
    ...options.keys.map((key, index) => `${key} AS k${index}`),
    ...options.columns.map((column) => `${own.get(column) ?? 'NULL::numeric'} AS ${quote(column)}`),
  ];
  const keys = options.keys.map((_, index) => `k${index}`).join(', ');
  return `SELECT ${select.join(',\n       ')}
  FROM ${options.from}
 WHERE ${options.where}${options.groupBy && keys ? `\n GROUP BY ${keys}` : ''}`;
}

/** Sums of the branches per key, money as text (NUMERIC keeps every fen), rates as float8. */
export function outerFigures(keys: FigureKey[], columns: string[]): string[] {
  const select = columns.map((column) => {
    const figure = FIGURES[column.split(':')[0] as FigureKey];
    const sum = `COALESCE(sum(${quote(column)}), 0)`;
    return `${figure.unit === 'FEN' ? `${sum}::text` : `${sum}::int`} AS ${quote(column)}`;
  });
  for (const key of keys) {
    const figure = FIGURES[key];
    if (figure.kind !== 'RATE') continue;
    select.push(`${rateSql(figure)} AS ${quote(key)}`);
  }
  return select;
}

function rateSql(figure: RateFigure): string {
  const denominator = `COALESCE(sum(${quote(figure.denominator)}), 0)`;
  return `CASE WHEN ${denominator} = 0 THEN NULL ELSE sum(${quote(figure.numerator)})::float8 / ${denominator} END`;
}

/** The sources of a report's figures, in order, each with its flow and snapshot figures. */
export function bySource(keys: FigureKey[]): Map<SourceName, Array<FlowFigure | SnapshotFigure>> {
  const sources = new Map<SourceName, Array<FlowFigure | SnapshotFigure>>();
  for (const key of keys) {
    const figure = FIGURES[key];
    if (figure.kind === 'RATE') continue;
    sources.set(figure.source, [...(sources.get(figure.source) ?? []), figure]);
  }
  return sources;
}

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/**
 * A report grouped by dimensions of the records (division, institution, or both): one branch per
 * source, scanning it once, each figure an aggregate FILTERed by its own instant in the period.
 * With `totals`, a row with `total = true` sums all keys (GROUPING SETS), rates recomputed on it.
 */
export function keyedReportSql(options: {
  figures: FigureKey[];
  keys: KeyedDimension[];
  filter: SqlFilter;
  totals: boolean;
}): CompiledQuery {
  const { figures, keys, filter } = options;
  const params = new SqlParams();
  const columns = figureColumns(figures);
  const branches: string[] = [];
  for (const [name, sourceFigures] of bySource(figures)) {
    const source = REPORT_SOURCES[name];
    const keySql = keys.map((key) => source.dimensions[key]);
    // A source without the grouping attribute (needs have no institution) is not in this report.
    if (keySql.some((key) => key === undefined)) continue;
    const aggregates: Aggregate[] = [];
    const counted: string[] = [];
    for (const figure of sourceFigures) {
      if (figure.kind === 'FLOW') {
        const inRange = inPeriod(figure.instant, filter.from, filter.to, params);
        aggregates.push(...flowAggregates(figure, inRange));
        counted.push(`(${and(inRange, figure.condition)})`);
      } else {
        const condition = snapshotCondition(figure, params.add(filter.asOf));
        aggregates.push({ column: figure.key, sql: `count(*) FILTER (WHERE ${condition})` });
        counted.push(`(${condition})`);
      }
    }
    const used = [...aggregates.map((a) => a.sql), ...keySql].join(' ');
    branches.push(
      branch({
        keys: keySql as string[],
        aggregates,
        columns,
        from: fromClause(source, used),
        // Only records that count somewhere: lets Postgres use the instants' indexes.
        where: and(
          source.where,
          ...filterConditions(source, filter, params),
          `(${counted.join(' OR ')})`,
        ),
        groupBy: true,
      }),
    );
  }
  const sql = groupedFacts({
    facts: branches.join('\nUNION ALL\n'),
    keyCount: keys.length,
    figures,
    columns,
    totals: options.totals,
  });
  return { sql, params: params.values };
}

/**
 * The last step of a keyed report: `facts` (a query with key columns k0, k1, … and a column per
 * figure) summed per key, with the totals row when asked for. The live reports and the rollup give
 * their facts to this one statement, so both shape their rows the same way.
 */
export function groupedFacts(options: {
  facts: string;
  keyCount: number;
  figures: FigureKey[];
  columns: string[];
  totals: boolean;
  ctes?: string;
}): string {
  const keyColumns = Array.from({ length: options.keyCount }, (_, index) => `k${index}`);
  const grouping = options.totals
    ? `GROUPING SETS ((${keyColumns.join(', ')}), ())`
    : keyColumns.join(', ');
  return `WITH ${options.ctes ? `${options.ctes},\n` : ''}facts AS (
${options.facts}
)
SELECT ${keyColumns.join(', ')}, GROUPING(${keyColumns.join(', ')}) <> 0 AS total,
       ${outerFigures(options.figures, options.columns).join(',\n       ')}
  FROM facts
 GROUP BY ${grouping}`;
}

export type Granularity = 'MONTH' | 'QUARTER';

const STEP: Record<Granularity, { unit: string; interval: string }> = {
  MONTH: { unit: 'month', interval: '1 month' },
  QUARTER: { unit: 'quarter', interval: '3 months' },
};

/**
 * A time series: one row per month (quarter) from `firstBucket` to `lastBucket` (YYYY-MM-DD, the
 * first day of each). A flow figure counts in the bucket of its own instant, so each (source,
 * instant) is one branch; a snapshot figure is taken at each bucket's end (or now, if earlier).
 */
export function seriesSql(options: {
  figures: FigureKey[];
  filter: SqlFilter;
  granularity: Granularity;
  firstBucket: string;
  lastBucket: string;
}): CompiledQuery {
  const { figures, filter } = options;
  const step = STEP[options.granularity];
  const params = new SqlParams();
  const columns = figureColumns(figures);
  const bucketsSql = `SELECT gs::date AS start,
         (gs + interval '${step.interval}')::date AS next,
         LEAST((gs + interval '${step.interval}') AT TIME ZONE '${REPORT_TIME_ZONE}', ${params.add(filter.asOf)}::timestamptz) AS as_of
    FROM generate_series(${params.add(options.firstBucket)}::timestamp, ${params.add(options.lastBucket)}::timestamp, interval '${step.interval}') gs`;
  const branches: string[] = [];
  for (const [name, sourceFigures] of bySource(figures)) {
    const source = REPORT_SOURCES[name];
    const byInstant = new Map<string, FlowFigure[]>();
    for (const figure of sourceFigures) {
      if (figure.kind === 'FLOW')
        byInstant.set(figure.instant, [...(byInstant.get(figure.instant) ?? []), figure]);
      else {
        const condition = snapshotCondition(figure, 'b.as_of');
        branches.push(
          branch({
            keys: ['b.start'],
            aggregates: [{ column: figure.key, sql: 'count(*)' }],
            columns,
            from: `${fromClause(source, condition)}\n  JOIN buckets b ON ${condition}`,
            where: and(source.where, ...filterConditions(source, filter, params)),
            groupBy: true,
          }),
        );
      }
    }
    for (const [instant, flows] of byInstant) {
      const aggregates = flows.flatMap((figure) => flowAggregates(figure, 'TRUE'));
      const bucket = `date_trunc('${step.unit}', ${instant} AT TIME ZONE '${REPORT_TIME_ZONE}')::date`;
      const used = [...aggregates.map((a) => a.sql), instant].join(' ');
      branches.push(
        branch({
          keys: [bucket],
          aggregates,
          columns,
          from: fromClause(source, used),
          where: and(
            source.where,
            inPeriod(instant, filter.from, filter.to, params),
            ...filterConditions(source, filter, params),
            flows.some((figure) => figure.condition === null)
              ? null
              : `(${flows.map((figure) => `(${figure.condition})`).join(' OR ')})`,
          ),
          groupBy: true,
        }),
      );
    }
  }
  const finalColumns = [
    ...columns.map((column) => {
      const zero = FIGURES[column.split(':')[0] as FigureKey].unit === 'FEN' ? "'0'" : '0';
      return `COALESCE(s.${quote(column)}, ${zero}) AS ${quote(column)}`;
    }),
    ...figures.filter((key) => FIGURES[key].kind === 'RATE').map((key) => `s.${quote(key)}`),
  ];
  const sql = `WITH buckets AS (
  ${bucketsSql}
), facts AS (
${branches.join('\nUNION ALL\n')}
), sums AS (
SELECT k0,
       ${outerFigures(figures, columns).join(',\n       ')}
  FROM facts
 GROUP BY k0
)
SELECT to_char(b.start, 'YYYY-MM-DD') AS start, to_char(b.next - 1, 'YYYY-MM-DD') AS "end",
       b.as_of, ${finalColumns.join(',\n       ')}
  FROM buckets b
  LEFT JOIN sums s ON s.k0 = b.start
 ORDER BY b.start`;
  return { sql, params: params.values };
}

/**
 * The funnel over the needs posted in the period: for each need of the cohort, whether it reached
 * each stage; each stage then counts the needs that reached it and every stage before it.
 */
export function funnelSql(filter: SqlFilter): CompiledQuery {
  const params = new SqlParams();
  const needs = REPORT_SOURCES.needs;
  const matchFilter: string[] = [];
  const dealFilter: string[] = [];
  if (filter.institutionId) {
    matchFilter.push(`r.institution_id = ${params.add(filter.institutionId)}`);
    dealFilter.push(`d.institution_id = ${params.add(filter.institutionId)}`);
  }
  if (filter.institutionKind) {
    matchFilter.push(`i.kind = ${params.add(filter.institutionKind)}`);
    dealFilter.push(`i.kind = ${params.add(filter.institutionKind)}`);
  }
  if (filter.dealKind) dealFilter.push(`d.kind = ${params.add(filter.dealKind)}`);
  const reached = FUNNEL_STAGES.map(
    (stage, index) =>
      `${stage.condition
        .replaceAll('%MATCH_FILTER%', matchFilter.map((c) => `AND ${c}`).join(' '))
        .replaceAll('%DEAL_FILTER%', dealFilter.map((c) => `AND ${c}`).join(' '))} AS s${index}`,
  );
  const counts = FUNNEL_STAGES.map(
    (stage, index) =>
      `(count(*) FILTER (WHERE ${FUNNEL_STAGES.slice(0, index + 1)
        .map((_, i) => `s${i}`)
        .join(' AND ')}))::int AS ${quote(stage.key)}`,
  );
  // Rates on the counts: step (over the stage before) and overall (over the needs posted).
  const rate = (numerator: string, denominator: string): string =>
    `CASE WHEN ${quote(denominator)} = 0 THEN NULL ELSE ${quote(numerator)}::float8 / ${quote(denominator)} END`;
  const rates = FUNNEL_STAGES.slice(1).flatMap((stage, index) => [
    `${rate(stage.key, FUNNEL_STAGES[index]?.key ?? '')} AS ${quote(`${stage.key}:step`)}`,
    `${rate(stage.key, 'POSTED')} AS ${quote(`${stage.key}:overall`)}`,
  ]);
  const sql = `SELECT counts.*, ${rates.join(',\n       ')}
  FROM (SELECT ${counts.join(',\n               ')}
          FROM (SELECT ${reached.join(',\n                       ')}
                  FROM ${needs.from}
                 WHERE ${and(
                   inPeriod('n.published_at', filter.from, filter.to, params),
                   // Only the need's own attributes select the cohort; institution and deal kind
                   // filters apply to the matches and deals of the later stages.
                   ...filterConditions(needs, filter, params),
                 )}) cohort) counts`;
  return { sql, params: params.values };
}
