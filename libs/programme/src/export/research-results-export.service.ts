import { Injectable } from '@nestjs/common';
import {
  InstitutionsService,
  type Patent,
  type ResearchResult,
  type ResultFilter,
  ResearchResultsService,
} from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import {
  RESULT_LEVELS,
  RESULT_STAGES,
  RESULT_STATUSES,
  termOf,
  TRANSFER_MODES,
} from '../vocabulary.js';
import { type ExportParams, type ExportSource, ExportSources } from './export-sources.service.js';
import type { ExportColumn, ExportTable } from './export-table.js';

export const RESEARCH_RESULTS_EXPORT = 'research-results';

const PAGE = 500;

interface ResultRow {
  result: ResearchResult;
  institution: string;
  patents: Patent[];
}

/**
 * The results list as a spreadsheet, with the headings of the import form, so that an export can
 * be edited and imported again (rows already present are recognised by their natural key). It
 * pages through ResearchResultsService.list as the caller, so each caller gets exactly what the
 * `researchResults` query would show them (the public: published results only).
 */
@Injectable()
export class ResearchResultsExport implements ExportSource<ResultRow> {
  readonly name = RESEARCH_RESULTS_EXPORT;

  constructor(
    sources: ExportSources,
    private readonly results: ResearchResultsService,
    private readonly institutions: InstitutionsService,
  ) {
    sources.register(this);
  }

  authorize(): Promise<void> {
    return Promise.resolve();
  }

  async open(ctx: RequestContext, params: ExportParams): Promise<ExportTable<ResultRow>> {
    const filter = (params.filter ?? {}) as ResultFilter;
    const names = new Map(
      (await this.institutions.list(ctx)).map((institution) => [
        institution.id,
        institution.nameZh,
      ]),
    );
    // The first page is read now, so that a refused filter is an error response, not a cut file.
    const first = await this.results.list(ctx, filter, { first: PAGE });
    const rows = async function* (this: ResearchResultsExport): AsyncGenerator<ResultRow> {
      let page = first;
      for (;;) {
        const results = page.edges.map((edge) => edge.node);
        const patents = results.length
          ? await this.results.patentsOf(results.map((r) => r.id))
          : [];
        for (const result of results) {
          yield {
            result,
            institution: names.get(result.institutionId) ?? '',
            patents: patents.filter((patent) => patent.resultId === result.id),
          };
        }
        if (!page.pageInfo.hasNextPage) return;
        page = await this.results.list(ctx, filter, {
          first: PAGE,
          after: page.pageInfo.endCursor,
        });
      }
    }.call(this);
    return { name: '科技成果', columns: RESULT_COLUMNS, rows };
  }
}

const list = (values: readonly string[]): string => values.join('；');

export const RESULT_COLUMNS: Array<ExportColumn<ResultRow>> = [
  { header: '系统编号', value: (row) => row.result.id, width: 38 },
  { header: '成果编号', value: (row) => row.result.sourceKey, width: 20 },
  { header: '成果名称', value: (row) => row.result.title, width: 40 },
  { header: '成果简介', value: (row) => row.result.summary, width: 60 },
  { header: '所属领域', value: (row) => list(row.result.fieldCodes), width: 14 },
  { header: '关键词', value: (row) => list(row.result.keywords), width: 30 },
  { header: '成果所处阶段', value: (row) => termOf(RESULT_STAGES, row.result.stage) },
  { header: '技术成熟度', value: (row) => row.result.trl },
  { header: '成果水平', value: (row) => termOf(RESULT_LEVELS, row.result.level) },
  {
    header: '拟采取的转化方式',
    value: (row) => list(row.result.modes.map((mode) => termOf(TRANSFER_MODES, mode))),
    width: 30,
  },
  { header: '意向价格下限（元）', value: (row) => row.result.priceMinYuan },
  { header: '意向价格上限（元）', value: (row) => row.result.priceMaxYuan },
  { header: '是否职务成果', value: (row) => row.result.serviceInvention },
  { header: '完成单位', value: (row) => row.institution, width: 30 },
  { header: '专利号', value: (row) => list(row.patents.map((patent) => patent.number)), width: 30 },
  { header: '状态', value: (row) => termOf(RESULT_STATUSES, row.result.status) },
  { header: '发布时间', value: (row) => row.result.publishedAt, width: 20 },
];
