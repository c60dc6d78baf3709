import { Injectable } from '@nestjs/common';
import type { Division } from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import { DealState } from '@techmatch/deals';
import { fenToYuan } from '../export/deal-ledger-export.service.js';
import type { ExportParams, ExportSource } from '../export/export-sources.service.js';
import { ExportSources } from '../export/export-sources.service.js';
import type { ExportColumn, ExportTable, ExportValue } from '../export/export-table.js';
import type {
  CountyFigures,
  CountyReportRow,
  DealSideFigures,
  FlowCell,
  FunnelStage,
  InstitutionFigures,
  InstitutionReportRow,
  ReportSeriesBucket,
} from './dto/report.model.js';
import { type ReportFilter, ReportGranularity } from './dto/report-filter.input.js';
import { DEAL_SIDE_FIGURES, FIGURES, type FigureKey } from './report-definitions.js';
import { ReportFilters } from './report-filters.service.js';
import { REPORT_EXPORTS, ReportsService } from './reports.service.js';

const DEAL_STATE_ZH: Record<DealState, string> = {
  [DealState.PROPOSED]: '已发起',
  [DealState.NEGOTIATING]: '洽谈中',
  [DealState.TRIAL_ACTIVE]: '试用中',
  [DealState.CONVERSION_DUE]: '待转化',
  [DealState.CONVERTED]: '已转付费',
  [DealState.RETURNED]: '已退回',
  [DealState.EXPIRED]: '逾期未决',
  [DealState.LICENSED]: '已许可',
  [DealState.WITHDRAWN]: '已撤回',
};

const DIVISION_KIND_ZH: Record<string, string> = { DISTRICT: '市辖区', COUNTY: '县' };

/** Columns of a figure, headed with its Chinese name; money both in yuan and, exactly, in fen. */
function figureColumns<Row>(key: FigureKey, of: (row: Row) => Partial<DealSideFigures> & object) {
  const figure = FIGURES[key];
  const value = (row: Row): ExportValue => (of(row) as Record<string, ExportValue>)[key];
  if (figure.unit === 'FEN')
    return [
      {
        header: figure.nameZh.replace('（分）', '（元）'),
        value: (row: Row) => fenToYuan(String(value(row))),
        width: 16,
      },
      { header: figure.nameZh, value, width: 16 },
    ];
  const columns: Array<ExportColumn<Row>> = [{ header: figure.nameZh, value, width: 12 }];
  if (key === 'dealsOpened')
    for (const state of Object.values(DealState))
      columns.push({
        header: `交易：${DEAL_STATE_ZH[state]}`,
        value: (row) => of(row).dealsByState?.find((entry) => entry.state === state)?.deals ?? 0,
      });
  return columns;
}

const columnsOf = <Row>(keys: FigureKey[], of: (row: Row) => object): Array<ExportColumn<Row>> =>
  keys.flatMap((key) => figureColumns<Row>(key, of));

const divisionColumns = <Row>(prefix: string, of: (row: Row) => Division | null) => [
  { header: `${prefix}代码`, value: (row: Row) => of(row)?.code ?? '' },
  { header: `${prefix}名称`, value: (row: Row) => of(row)?.nameZh ?? '合计', width: 14 },
  { header: `${prefix}类型`, value: (row: Row) => DIVISION_KIND_ZH[of(row)?.kind ?? ''] ?? '' },
];

type CountyRow = CountyReportRow | { division: null; totals: CountyFigures };
type InstitutionRow = InstitutionReportRow | { institution: null; totals: InstitutionFigures };

/** A filter out of a signed link: it was a ReportFilter when the link was made. */
const filterOf = (params: ExportParams): ReportFilter => params.filter ?? {};

/**
 * Each report as an export source (see libs/programme/src/export): the same service call as the
 * GraphQL query, as the user the link was made for, flattened to one sheet with Chinese headings.
 */
@Injectable()
export class ReportExports {
  constructor(
    sources: ExportSources,
    private readonly reports: ReportsService,
    private readonly filters: ReportFilters,
  ) {
    const authorize = (ctx: RequestContext): Promise<void> => {
      this.filters.assertReader(ctx);
      return Promise.resolve();
    };
    const source = <Row>(
      name: string,
      open: (ctx: RequestContext, params: ExportParams) => Promise<ExportTable<Row>>,
    ): ExportSource<Row> => ({ name, authorize, open });
    sources.register(source(REPORT_EXPORTS.county, (ctx, p) => this.county(ctx, p)));
    sources.register(source(REPORT_EXPORTS.institution, (ctx, p) => this.institution(ctx, p)));
    sources.register(source(REPORT_EXPORTS.flow, (ctx, p) => this.flow(ctx, p)));
    sources.register(source(REPORT_EXPORTS.funnel, (ctx, p) => this.funnel(ctx, p)));
    sources.register(source(REPORT_EXPORTS.series, (ctx, p) => this.series(ctx, p)));
  }

  private async county(ctx: RequestContext, params: ExportParams): Promise<ExportTable<CountyRow>> {
    type Row = CountyRow;
    const report = await this.reports.countyFigures(ctx, filterOf(params));
    const rows: Row[] = [...report.rows, { division: null, totals: report.totals }];
    const figures = (row: Row): object => ('totals' in row ? row.totals : row);
    return {
      name: `市研县产-区县报表-${stamp(report.period)}`,
      sheet: '区县报表',
      columns: [
        ...divisionColumns<Row>('区县', (row) => row.division),
        ...columnsOf<Row>(['needsPosted', ...DEAL_SIDE_FIGURES], figures),
      ],
      rows,
    };
  }

  private async institution(
    ctx: RequestContext,
    params: ExportParams,
  ): Promise<ExportTable<InstitutionRow>> {
    type Row = InstitutionRow;
    const report = await this.reports.institutionFigures(ctx, filterOf(params));
    const rows: Row[] = [...report.rows, { institution: null, totals: report.totals }];
    return {
      name: `市研县产-机构报表-${stamp(report.period)}`,
      sheet: '机构报表',
      columns: [
        { header: '机构名称', value: (row) => row.institution?.nameZh ?? '合计', width: 30 },
        { header: '机构类型', value: (row) => row.institution?.kind ?? '' },
        { header: '所在区县代码', value: (row) => row.institution?.divisionCode ?? '' },
        ...columnsOf<Row>(['resultsPublished', ...DEAL_SIDE_FIGURES], (row) =>
          'totals' in row ? row.totals : row,
        ),
      ],
      rows,
    };
  }

  private async flow(ctx: RequestContext, params: ExportParams): Promise<ExportTable<FlowCell>> {
    type Row = FlowCell;
    const report = await this.reports.flowFigures(ctx, filterOf(params));
    return {
      name: `市研县产-流向矩阵-${stamp(report.period)}`,
      sheet: '市县流向',
      columns: [
        ...divisionColumns<Row>('机构所在区县', (row) => row.institutionDivision),
        ...divisionColumns<Row>('企业所在区县', (row) => row.enterpriseDivision),
        ...columnsOf<Row>(['dealsOpened', 'licencesStarted', 'contractValueFen'], (row) => row),
        { header: '市研县产', value: (row) => row.programmeEligible },
      ],
      rows: report.cells,
    };
  }

  private async funnel(
    ctx: RequestContext,
    params: ExportParams,
  ): Promise<ExportTable<FunnelStage>> {
    type Row = FunnelStage;
    const report = await this.reports.funnelFigures(ctx, filterOf(params));
    return {
      name: `市研县产-需求漏斗-${stamp(report.period)}`,
      sheet: '需求漏斗',
      columns: [
        { header: '阶段', value: (row: Row) => row.nameZh, width: 14 },
        { header: '需求数', value: (row: Row) => row.needs },
        { header: '逐级转化率', value: (row: Row) => row.stepRate },
        { header: '总转化率', value: (row: Row) => row.overallRate },
      ],
      rows: report.stages,
    };
  }

  private async series(
    ctx: RequestContext,
    params: ExportParams,
  ): Promise<ExportTable<ReportSeriesBucket>> {
    type Row = ReportSeriesBucket;
    const granularity =
      params.granularity === ReportGranularity.QUARTER
        ? ReportGranularity.QUARTER
        : ReportGranularity.MONTH;
    const report = await this.reports.seriesFigures(ctx, filterOf(params), granularity);
    return {
      name: `市研县产-${granularity === ReportGranularity.MONTH ? '月度' : '季度'}序列-${stamp(report.period)}`,
      sheet: '时间序列',
      columns: [
        { header: '起始日', value: (row: Row) => row.start, width: 12 },
        { header: '截止日', value: (row: Row) => row.end, width: 12 },
        ...columnsOf<Row>(['needsPosted', 'resultsPublished', ...DEAL_SIDE_FIGURES], (row) => row),
      ],
      rows: report.buckets,
    };
  }
}

const stamp = (period: { from: string | null; to: string | null }): string =>
  `${period.from ?? '开始'}至${period.to ?? '今'}`;
