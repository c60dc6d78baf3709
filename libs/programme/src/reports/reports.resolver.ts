import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext, Role, Roles } from '@techmatch/common';
import {
  CountyReport,
  FlowMatrix,
  InstitutionReport,
  ReportFigureDefinition,
  ReportFunnel,
  ReportTimeSeries,
} from './dto/report.model.js';
import { ReportFilter, ReportGranularity } from './dto/report-filter.input.js';
import { ReportsService } from './reports.service.js';

const READERS = [Role.BROKER, Role.ADMIN];

/**
 * The optional `filter` argument. Declared `filter?: ReportFilter`, not `ReportFilter | null`: a
 * union is emitted as Object in the parameter's design type, and the validation pipe would then
 * have no class to validate against.
 */
const FilterArg = (): ParameterDecorator =>
  Args('filter', { type: () => ReportFilter, nullable: true });

/** The 市研县产 reports, for brokers and admins; definitions of every figure in `reportDefinitions`. */
@Resolver()
export class ReportsResolver {
  constructor(private readonly reports: ReportsService) {}

  @Roles(...READERS)
  @Query(() => CountyReport, {
    description: '区县报表 / Per division of the enterprise (demand side), with totals',
  })
  reportByCounty(
    @Ctx() ctx: RequestContext,
    @FilterArg() filter?: ReportFilter,
  ): Promise<CountyReport> {
    return this.reports.byCounty(ctx, filter);
  }

  @Roles(...READERS)
  @Query(() => InstitutionReport, {
    description: '机构报表 / Per institution (supply side), with totals',
  })
  reportByInstitution(
    @Ctx() ctx: RequestContext,
    @FilterArg() filter?: ReportFilter,
  ): Promise<InstitutionReport> {
    return this.reports.byInstitution(ctx, filter);
  }

  @Roles(...READERS)
  @Query(() => FlowMatrix, {
    description:
      '市→县流向矩阵 / Institution division × enterprise division, eligible cells marked',
  })
  reportFlowMatrix(
    @Ctx() ctx: RequestContext,
    @FilterArg() filter?: ReportFilter,
  ): Promise<FlowMatrix> {
    return this.reports.flowMatrix(ctx, filter);
  }

  @Roles(...READERS)
  @Query(() => ReportFunnel, {
    description: '需求漏斗 / Needs posted → matched → shortlisted → deal → trial → converted',
  })
  reportFunnel(
    @Ctx() ctx: RequestContext,
    @FilterArg() filter?: ReportFilter,
  ): Promise<ReportFunnel> {
    return this.reports.funnel(ctx, filter);
  }

  @Roles(...READERS)
  @Query(() => ReportTimeSeries, {
    description: '时间序列 / Every figure per month (default) or quarter',
  })
  reportTimeSeries(
    @Ctx() ctx: RequestContext,
    @Args('granularity', {
      type: () => ReportGranularity,
      defaultValue: ReportGranularity.MONTH,
    })
    granularity: ReportGranularity,
    @FilterArg() filter?: ReportFilter,
  ): Promise<ReportTimeSeries> {
    return this.reports.timeSeries(ctx, filter, granularity);
  }

  @Roles(...READERS)
  @Query(() => [ReportFigureDefinition], {
    description: '指标定义 / How every figure of the reports is computed (SQL) and what it means',
  })
  reportDefinitions(@Ctx() ctx: RequestContext): ReportFigureDefinition[] {
    return this.reports.definitions(ctx);
  }
}
