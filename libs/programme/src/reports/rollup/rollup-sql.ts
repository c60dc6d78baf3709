import {
  FIGURE_KEYS,
  FIGURES,
  type FigureKey,
  type FlowFigure,
  REPORT_SOURCES,
  REPORT_TIME_ZONE,
  type ReportSource,
  type SourceDimensions,
  type SourceName,
} from '../report-definitions.js';
import {
  and,
  branch,
  bySource,
  type CompiledQuery,
  figureColumns,
  flowAggregates,
  fromClause,
  groupedFacts,
  quote,
  snapshotCondition,
  type SqlFilter,
  SqlParams,
} from '../report-sql.js';

/**
 * The SQL of the reports' monthly rollup: how it is built from the records (from the same figure
 * definitions as the live reports, so the two cannot count differently), and how a keyed report
 * (per county, per institution, flow matrix) is read from it.
 *
 * A row holds, for one month, source and (enterprise division, institution, deal kind), every
 * figure's value in the order of ROLLUP_COLUMNS: a flow figure counts its records whose instant
 * falls in the month; a snapshot figure (trials running) is taken at the month's end, or at the
 * refresh if that is earlier. Fields are not kept (a record has several): a filter on a field is
 * answered live.
 */

/** Every flow and snapshot column, breakdowns included: the positions of `vals` (1-based in SQL). */
export const ROLLUP_COLUMNS = figureColumns([...FIGURE_KEYS]);

/** The dimensions a rollup row keeps, and how a report reads the others off them. */
type ScalarDimension = Exclude<keyof SourceDimensions, 'fieldCodes'>;

const STORED: Array<{ dimension: ScalarDimension; column: string; cast: string }> = [
  { dimension: 'enterpriseDivision', column: 'enterprise_division', cast: 'text' },
  { dimension: 'institution', column: 'institution_id', cast: 'uuid' },
  { dimension: 'dealKind', column: 'deal_kind', cast: 'text' },
];

/** In a report over the rollup: stored dimensions as columns, the rest through the institution. */
const READ: Partial<Record<keyof SourceDimensions, string>> = {
  enterpriseDivision: 'f.enterprise_division',
  institution: 'f.institution_id',
  dealKind: 'f.deal_kind',
  institutionKind: 'i.kind',
  institutionDivision: 'i.division_code',
};

const monthOf = (instant: string): string =>
  `date_trunc('month', ${instant} AT TIME ZONE '${REPORT_TIME_ZONE}')::date`;

/** A branch's key columns: the month, the source, then each stored dimension or NULL. */
function rowKeys(source: ReportSource, bucket: string): string[] {
  return [
    bucket,
    `'${source.name}'::text`,
    ...STORED.map(({ dimension, cast }) => {
      const sql = source.dimensions[dimension];
      return sql ? `${sql}::${cast}` : `NULL::${cast}`;
    }),
  ];
}

const KEY_COUNT = 2 + STORED.length;

/**
 * `facts` grouped into rollup rows and inserted, `vals` in ROLLUP_COLUMNS order: level 0 per
 * institution, level 1 summed over institutions (GROUPING SETS: one pass over the facts).
 */
function insertFacts(facts: string, ctes?: string): string {
  const keys = Array.from({ length: KEY_COUNT }, (_, index) => `k${index}`);
  const institution = `k${2 + STORED.findIndex(({ dimension }) => dimension === 'institution')}`;
  const levelOne = keys.filter((key) => key !== institution);
  const vals = ROLLUP_COLUMNS.map((column) => `COALESCE(sum(${quote(column)}), 0)`).join(', ');
  return `WITH ${ctes ? `${ctes},\n` : ''}facts AS (
${facts}
)
INSERT INTO report_rollup (level, bucket, source, enterprise_division, institution_id, deal_kind, vals)
SELECT GROUPING(${institution}), ${keys.join(', ')}, ARRAY[${vals}]::bigint[]
  FROM facts
 GROUP BY GROUPING SETS ((${keys.join(', ')}), (${levelOne.join(', ')}))`;
}

/** Rollup rows of every flow figure: one branch per (source, instant), grouped by month. */
export function rollupFlowsSql(): string {
  const branches: string[] = [];
  for (const [name, figures] of bySource([...FIGURE_KEYS])) {
    const source = REPORT_SOURCES[name];
    const byInstant = new Map<string, FlowFigure[]>();
    for (const figure of figures)
      if (figure.kind === 'FLOW')
        byInstant.set(figure.instant, [...(byInstant.get(figure.instant) ?? []), figure]);
    for (const [instant, flows] of byInstant) {
      const keys = rowKeys(source, monthOf(instant));
      const aggregates = flows.flatMap((figure) => flowAggregates(figure, 'TRUE'));
      const used = [...aggregates.map((a) => a.sql), ...keys].join(' ');
      branches.push(
        branch({
          keys,
          aggregates,
          columns: ROLLUP_COLUMNS,
          from: fromClause(source, used),
          where: and(
            source.where,
            `${instant} IS NOT NULL`,
            flows.some((figure) => figure.condition === null)
              ? null
              : `(${flows.map((figure) => `(${figure.condition})`).join(' OR ')})`,
          ),
          groupBy: true,
        }),
      );
    }
  }
  return insertFacts(branches.join('\nUNION ALL\n'));
}

/**
 * Rollup rows of every snapshot figure, taken at the end of each month from the rollup's first to
 * the refresh's, the last at `$1` (the refresh instant). Runs after rollupFlowsSql, in its
 * transaction: the flows' first month is where anything can first be running.
 */
export function rollupSnapshotsSql(): string {
  const branches: string[] = [];
  for (const [name, figures] of bySource([...FIGURE_KEYS])) {
    const source = REPORT_SOURCES[name];
    for (const figure of figures) {
      if (figure.kind !== 'SNAPSHOT') continue;
      const condition = snapshotCondition(figure, 'b.as_of');
      branches.push(
        branch({
          keys: rowKeys(source, 'b.start'),
          aggregates: [{ column: figure.key, sql: 'count(*)' }],
          columns: ROLLUP_COLUMNS,
          from: `${fromClause(source, `${condition} ${rowKeys(source, '').join(' ')}`)}\n  JOIN buckets b ON ${condition}`,
          where: and(source.where),
          groupBy: true,
        }),
      );
    }
  }
  const buckets = `buckets AS (
  SELECT gs::date AS start,
         LEAST((gs + interval '1 month') AT TIME ZONE '${REPORT_TIME_ZONE}', $1::timestamptz) AS as_of
    FROM generate_series((SELECT min(bucket) FROM report_rollup WHERE level = 0)::timestamp,
                         date_trunc('month', $1::timestamptz AT TIME ZONE '${REPORT_TIME_ZONE}'),
                         interval '1 month') gs
)`;
  return insertFacts(branches.join('\nUNION ALL\n'), buckets);
}

/** Sources that have a dimension, and that a filter on it therefore narrows. */
const having = (dimension: keyof SourceDimensions): SourceName[] =>
  Object.values(REPORT_SOURCES)
    .filter((source) => source.dimensions[dimension] !== undefined)
    .map((source) => source.name);

const sourceList = (names: SourceName[]): string => names.map((name) => `'${name}'`).join(', ');

/** The months a report over the rollup reads: its period's, and the one its snapshot is taken in. */
export interface RollupWindow {
  /** First month of the period (YYYY-MM-01), or null: since the beginning. */
  fromBucket: string | null;
  /** Last month of the period, or null: up to the refresh. */
  toBucket: string | null;
  /** The month whose snapshot values are the report's (the month of its as-of instant). */
  asOfBucket: string;
}

/**
 * A keyed report (as keyedReportSql) over the rollup: rows of sources that have the keys, filtered
 * on the dimensions each source has, flows summed over the period's months and snapshots read from
 * the as-of month. Returns rows shaped exactly as the live report's.
 */
export function rollupKeyedSql(options: {
  figures: FigureKey[];
  keys: Array<keyof SourceDimensions>;
  filter: SqlFilter;
  window: RollupWindow;
  totals: boolean;
}): CompiledQuery {
  const { figures, keys, filter, window } = options;
  if (filter.fieldCodes) throw new Error('the rollup keeps no fields: report a field live');
  const params = new SqlParams();
  const inPeriod = and(
    window.fromBucket ? `f.bucket >= ${params.add(window.fromBucket)}::date` : null,
    window.toBucket ? `f.bucket <= ${params.add(window.toBucket)}::date` : null,
  );
  const atAsOf = `f.bucket = ${params.add(window.asOfBucket)}::date`;
  const columns = figureColumns(figures);
  const values = columns.map((column) => {
    const figure = FIGURES[column.split(':')[0] as FigureKey];
    const position = ROLLUP_COLUMNS.indexOf(column) + 1;
    const when = figure.kind === 'SNAPSHOT' ? atAsOf : inPeriod;
    return `CASE WHEN ${when} THEN f.vals[${position}] END AS ${quote(column)}`;
  });
  const sources = keys.reduce(
    (names, key) => names.filter((name) => having(key).includes(name)),
    Object.keys(REPORT_SOURCES) as SourceName[],
  );
  const narrow = (dimension: keyof SourceDimensions, value: string | undefined): string | null =>
    value === undefined
      ? null
      : `${READ[dimension]} = ${params.add(value)} OR f.source NOT IN (${sourceList(having(dimension))})`;
  const where = and(
    `f.source IN (${sourceList(sources)})`,
    `${inPeriod} OR ${atAsOf}`,
    narrow('enterpriseDivision', filter.divisionCode),
    narrow('institution', filter.institutionId),
    narrow('institutionKind', filter.institutionKind),
    narrow('dealKind', filter.dealKind),
  );
  const selectKeys = keys.map((key, index) => `${READ[key]} AS k${index}`);
  // Level 1 (summed over institutions) unless the report groups or filters by the institution.
  const byInstitution =
    keys.some((key) => key === 'institution' || key === 'institutionDivision') ||
    filter.institutionId !== undefined ||
    filter.institutionKind !== undefined;
  const facts = `SELECT ${[...selectKeys, ...values].join(',\n       ')}
  FROM report_rollup f
  LEFT JOIN institutions i ON i.id = f.institution_id
 WHERE f.level = ${byInstitution ? 0 : 1} AND ${where}`;
  const sql = groupedFacts({
    facts,
    keyCount: keys.length,
    figures,
    columns,
    totals: options.totals,
  });
  return { sql, params: params.values };
}
