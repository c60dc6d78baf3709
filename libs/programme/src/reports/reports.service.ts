import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Division, InstitutionsService, TaxonomyService } from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import { isProgrammeEligible } from '@techmatch/matching';
import { DataSource } from 'typeorm';
import { ExportLinkSigner } from '../export/export-links.service.js';
import type { ExportParams } from '../export/export-sources.service.js';
import {
  type CountyFigures,
  type CountyReport,
  type FlowCell,
  type FlowMatrix,
  type FlowTotals,
  type InstitutionFigures,
  type InstitutionReport,
  ReportBasis,
  type ReportFigureDefinition,
  type ReportFunnel,
  type ReportPeriod,
  type ReportSeriesBucket,
  type ReportTimeSeries,
} from './dto/report.model.js';
import { type ReportFilter, ReportGranularity } from './dto/report-filter.input.js';
import { type FigureKey, FUNNEL_STAGES, REPORT_FIGURES } from './report-definitions.js';
import { figureDefinitions } from './report-definition-views.js';
import { ReportFilters, type ResolvedFilter } from './report-filters.service.js';
import { figuresOf, type SqlRow } from './report-rows.js';
import { funnelSql, type KeyedDimension, keyedReportSql, seriesSql } from './report-sql.js';
import { ReportRollup } from './rollup/report-rollup.service.js';
import { rollupKeyedSql } from './rollup/rollup-sql.js';

/** The export source of each report (see ReportExports), named in its download links. */
export const REPORT_EXPORTS = {
  county: 'report-county',
  institution: 'report-institution',
  flow: 'report-flow',
  funnel: 'report-funnel',
  series: 'report-series',
} as const;

export type ReportWithoutLinks<T> = Omit<T, 'csvUrl' | 'xlsxUrl' | 'linksExpireAt'>;

/**
 * The 市研县产 reports for brokers and admins. Every figure is counted by Postgres in one statement
 * per report, built from report-definitions.ts (report-sql.ts); this service checks the caller and
 * the filter, runs the statement, and puts names (divisions, institutions) on its rows. Each report
 * comes with signed links to its CSV and XLSX download.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly filters: ReportFilters,
    private readonly taxonomy: TaxonomyService,
    private readonly institutions: InstitutionsService,
    private readonly links: ExportLinkSigner,
    private readonly rollup: ReportRollup,
  ) {}

  async byCounty(ctx: RequestContext, filter?: ReportFilter | null): Promise<CountyReport> {
    const report = await this.countyFigures(ctx, filter);
    return this.withLinks(ctx, REPORT_EXPORTS.county, { filter: filter ?? {} }, report);
  }

  async countyFigures(
    ctx: RequestContext,
    filter?: ReportFilter | null,
  ): Promise<ReportWithoutLinks<CountyReport>> {
    this.filters.assertReader(ctx);
    const resolved = await this.filters.resolve(ctx, filter);
    const { sql } = resolved;
    const figures = REPORT_FIGURES.county;
    const { rows, period } = await this.keyed(resolved, {
      figures,
      keys: ['enterpriseDivision'],
      totals: true,
    });
    const byCode = new Map(rows.filter((row) => !row.total).map((row) => [String(row.k0), row]));
    const divisions = (await this.taxonomy.divisions(ctx)).filter(
      (division) => !sql.divisionCode || division.code === sql.divisionCode,
    );
    return {
      period,
      rows: divisions.map((division) => ({
        division,
        ...figuresOf<CountyFigures>(byCode.get(division.code), figures),
      })),
      totals: figuresOf<CountyFigures>(
        rows.find((row) => row.total),
        figures,
      ),
    };
  }

  async byInstitution(ctx: RequestContext, filter?: ReportFilter | null) {
    const report = await this.institutionFigures(ctx, filter);
    return this.withLinks(ctx, REPORT_EXPORTS.institution, { filter: filter ?? {} }, report);
  }

  async institutionFigures(
    ctx: RequestContext,
    filter?: ReportFilter | null,
  ): Promise<ReportWithoutLinks<InstitutionReport>> {
    this.filters.assertReader(ctx);
    const resolved = await this.filters.resolve(ctx, filter);
    const { sql } = resolved;
    const figures = REPORT_FIGURES.institution;
    const { rows, period } = await this.keyed(resolved, {
      figures,
      keys: ['institution'],
      totals: true,
    });
    const byId = new Map(rows.filter((row) => !row.total).map((row) => [String(row.k0), row]));
    const institutions = (await this.institutions.list(ctx)).filter(
      (institution) =>
        (!sql.institutionId || institution.id === sql.institutionId) &&
        (!sql.institutionKind || institution.kind === sql.institutionKind),
    );
    return {
      period,
      rows: institutions.map((institution) => ({
        institution,
        ...figuresOf<InstitutionFigures>(byId.get(institution.id), figures),
      })),
      totals: figuresOf<InstitutionFigures>(
        rows.find((row) => row.total),
        figures,
      ),
    };
  }

  async flowMatrix(ctx: RequestContext, filter?: ReportFilter | null): Promise<FlowMatrix> {
    const report = await this.flowFigures(ctx, filter);
    return this.withLinks(ctx, REPORT_EXPORTS.flow, { filter: filter ?? {} }, report);
  }

  async flowFigures(
    ctx: RequestContext,
    filter?: ReportFilter | null,
  ): Promise<ReportWithoutLinks<FlowMatrix>> {
    this.filters.assertReader(ctx);
    const figures = REPORT_FIGURES.flow;
    const { rows, period } = await this.keyed(await this.filters.resolve(ctx, filter), {
      figures,
      keys: ['institutionDivision', 'enterpriseDivision'],
      totals: false,
    });
    const divisions = new Map((await this.taxonomy.divisions(ctx)).map((d) => [d.code, d]));
    const division = (code: unknown): Division => {
      const found = divisions.get(String(code));
      if (!found) throw new Error(`division ${String(code)} is not in the taxonomy`);
      return found;
    };
    const cells: FlowCell[] = rows
      .map((row) => {
        const institutionDivision = division(row.k0);
        const enterpriseDivision = division(row.k1);
        return {
          institutionDivision,
          enterpriseDivision,
          ...figuresOf<Pick<FlowCell, 'dealsOpened' | 'licencesStarted' | 'contractValueFen'>>(
            row,
            figures,
          ),
          // The programme's own rule, as matching scores geography with it.
          programmeEligible: isProgrammeEligible(institutionDivision, enterpriseDivision),
        };
      })
      .sort(
        (a, b) =>
          a.institutionDivision.code.localeCompare(b.institutionDivision.code) ||
          a.enterpriseDivision.code.localeCompare(b.enterpriseDivision.code),
      );
    return {
      period,
      cells,
      eligible: sumCells(cells.filter((cell) => cell.programmeEligible)),
      all: sumCells(cells),
    };
  }

  async funnel(ctx: RequestContext, filter?: ReportFilter | null): Promise<ReportFunnel> {
    const report = await this.funnelFigures(ctx, filter);
    return this.withLinks(ctx, REPORT_EXPORTS.funnel, { filter: filter ?? {} }, report);
  }

  async funnelFigures(
    ctx: RequestContext,
    filter?: ReportFilter | null,
  ): Promise<ReportWithoutLinks<ReportFunnel>> {
    this.filters.assertReader(ctx);
    const { sql, period } = await this.filters.resolve(ctx, filter);
    const [row] = await this.run(funnelSql(sql));
    const rate = (value: unknown): number | null =>
      value === null || value === undefined ? null : Number(value);
    return {
      period,
      stages: FUNNEL_STAGES.map((stage, index) => ({
        stage: stage.key,
        nameZh: stage.nameZh,
        nameEn: stage.nameEn,
        needs: Number(row?.[stage.key] ?? 0),
        stepRate: index === 0 ? null : rate(row?.[`${stage.key}:step`]),
        overallRate:
          index === 0
            ? Number(row?.[stage.key] ?? 0) > 0
              ? 1
              : null
            : rate(row?.[`${stage.key}:overall`]),
      })),
    };
  }

  async timeSeries(
    ctx: RequestContext,
    filter?: ReportFilter | null,
    granularity: ReportGranularity = ReportGranularity.MONTH,
  ): Promise<ReportTimeSeries> {
    const report = await this.seriesFigures(ctx, filter, granularity);
    return this.withLinks(
      ctx,
      REPORT_EXPORTS.series,
      { filter: filter ?? {}, granularity },
      report,
    );
  }

  async seriesFigures(
    ctx: RequestContext,
    filter?: ReportFilter | null,
    granularity: ReportGranularity = ReportGranularity.MONTH,
  ): Promise<ReportWithoutLinks<ReportTimeSeries>> {
    this.filters.assertReader(ctx);
    const resolved = await this.filters.resolveSeries(ctx, filter, granularity);
    const figures = REPORT_FIGURES.series;
    const rows = await this.run(
      seriesSql({
        figures,
        filter: resolved.sql,
        granularity,
        firstBucket: resolved.firstBucket,
        lastBucket: resolved.lastBucket,
      }),
    );
    return {
      granularity,
      period: resolved.period,
      buckets: rows.map((row) => ({
        start: String(row.start),
        end: String(row.end),
        asOf: row.as_of as Date,
        ...figuresOf<Omit<ReportSeriesBucket, 'start' | 'end' | 'asOf'>>(row, figures),
      })),
    };
  }

  /** How each figure is computed: its SQL and meaning, from report-definitions.ts. */
  definitions(ctx: RequestContext): ReportFigureDefinition[] {
    this.filters.assertReader(ctx);
    return figureDefinitions();
  }

  /**
   * A keyed report's rows: from the monthly rollup when it may answer (see ReportRollup.plan),
   * counted live otherwise; the period says which, and the instant the figures stand at.
   */
  private async keyed(
    resolved: ResolvedFilter,
    options: { figures: FigureKey[]; keys: KeyedDimension[]; totals: boolean },
  ): Promise<{ rows: SqlRow[]; period: ReportPeriod }> {
    const { sql: filter, period } = resolved;
    const plan = await this.rollup.plan(filter, period.from, period.to);
    if (!plan) return { rows: await this.run(keyedReportSql({ ...options, filter })), period };
    return {
      rows: await this.run(rollupKeyedSql({ ...options, filter, window: plan.window })),
      period: { ...period, asOf: plan.asOf, basis: ReportBasis.ROLLUP },
    };
  }

  private run(query: { sql: string; params: unknown[] }): Promise<SqlRow[]> {
    return this.dataSource.query<SqlRow[]>(query.sql, query.params);
  }

  private async withLinks<T extends object>(
    ctx: RequestContext,
    source: string,
    params: ExportParams,
    report: T,
  ): Promise<T & { csvUrl: string; xlsxUrl: string; linksExpireAt: Date }> {
    const links = await this.links.create(ctx, source, params);
    return {
      ...report,
      csvUrl: links.csvUrl,
      xlsxUrl: links.xlsxUrl,
      linksExpireAt: links.expiresAt,
    };
  }
}

function sumCells(cells: FlowCell[]): FlowTotals {
  return {
    dealsOpened: cells.reduce((sum, cell) => sum + cell.dealsOpened, 0),
    licencesStarted: cells.reduce((sum, cell) => sum + cell.licencesStarted, 0),
    contractValueFen: cells
      .reduce((sum, cell) => sum + BigInt(cell.contractValueFen), 0n)
      .toString(),
  };
}
