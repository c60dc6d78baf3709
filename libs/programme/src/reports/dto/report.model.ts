import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Division, Institution } from '@techmatch/catalogue';
import { DealState } from '@techmatch/deals';
import {
  describeFigure,
  FLOW_ELIGIBILITY_EN,
  FLOW_ELIGIBILITY_ZH,
  FUNNEL_RULE_EN,
  FUNNEL_RULE_ZH,
  FunnelStageKey,
} from '../report-definitions.js';
import { ReportGranularity } from './report-filter.input.js';

/** Where a report's figures were counted. */
export enum ReportBasis {
  /** From the records, as the report was asked for. */
  LIVE = 'LIVE',
  /** From the monthly rollup, as the records stood at its last refresh (`asOf`). */
  ROLLUP = 'ROLLUP',
}

registerEnumType(ReportBasis, {
  name: 'ReportBasis',
  description: '报表数据来源 / Where the figures were counted',
  valuesMap: {
    LIVE: { description: '实时统计业务记录 / Counted from the records when asked' },
    ROLLUP: {
      description:
        '按月汇总表（定时刷新，截至 asOf）/ From the monthly rollup, as the records stood at asOf (its last refresh)',
    },
  },
});

/** The period a report covers, as it was applied. */
@ObjectType({ description: '报表期间 / The period a report covers' })
export class ReportPeriod {
  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD; null: no start' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (included); null: no end' })
  to!: string | null;

  @Field({
    description:
      '数据截止时点 / The instant the figures stand at: the end of the period, or now (the last refresh of the rollup) if earlier; snapshot figures (trials running) are taken there',
  })
  asOf!: Date;

  @Field(() => ReportBasis, {
    description: '实时统计或按月汇总 / Counted live, or read from the monthly rollup',
  })
  basis!: ReportBasis;
}

@ObjectType({ description: '某状态的交易数 / Deals in one state' })
export class DealStateCount {
  @Field(() => DealState)
  state!: DealState;

  @Field(() => Int)
  deals!: number;
}

/** The deal-side figures every report row has; money is integer fen as decimal digits. */
@ObjectType({ isAbstract: true })
export abstract class DealSideFigures {
  @Field(() => Int, { description: describeFigure('matchesSuggested') })
  matchesSuggested!: number;

  @Field(() => Int, { description: describeFigure('matchesShortlisted') })
  matchesShortlisted!: number;

  @Field(() => Int, { description: describeFigure('dealsOpened') })
  dealsOpened!: number;

  @Field(() => [DealStateCount], {
    description: 'dealsOpened by the state each deal is in now; every state, in lifecycle order',
  })
  dealsByState!: DealStateCount[];

  @Field(() => Int, { description: describeFigure('trialsStarted') })
  trialsStarted!: number;

  @Field(() => Int, { description: describeFigure('trialsRunning') })
  trialsRunning!: number;

  @Field(() => Int, { description: describeFigure('trialsEnded') })
  trialsEnded!: number;

  @Field(() => Int, { description: describeFigure('trialsConverted') })
  trialsConverted!: number;

  @Field(() => Float, { nullable: true, description: describeFigure('conversionRate') })
  conversionRate!: number | null;

  @Field(() => Int, { description: describeFigure('licencesStarted') })
  licencesStarted!: number;

  @Field({ description: describeFigure('contractValueFen') })
  contractValueFen!: string;

  @Field({ description: describeFigure('paymentsReceivedFen') })
  paymentsReceivedFen!: string;
}

@ObjectType({ description: '区县（需求侧）指标 / Figures of a division, demand side' })
export class CountyFigures extends DealSideFigures {
  @Field(() => Int, { description: describeFigure('needsPosted') })
  needsPosted!: number;
}

@ObjectType({ description: '一个区县的一行 / One division of the county report' })
export class CountyReportRow extends CountyFigures {
  @Field(() => Division, { description: "The enterprises' division" })
  division!: Division;
}

/** Signed links to the report's own CSV and XLSX download (libs/programme/src/export). */
@ObjectType({ isAbstract: true })
export abstract class ExportableReport {
  @Field({
    description:
      'CSV (UTF-8 with BOM) of this report, same filters: a path on this API, GET without an Authorization header, signed for the caller',
  })
  csvUrl!: string;

  @Field({ description: 'XLSX of this report, same filters' })
  xlsxUrl!: string;

  @Field({ description: 'When the two links stop working (15 minutes)' })
  linksExpireAt!: Date;
}

@ObjectType({
  description:
    '区县报表 / Per division of the enterprise: needs, matches, deals, trials, conversion, money',
})
export class CountyReport extends ExportableReport {
  @Field(() => ReportPeriod)
  period!: ReportPeriod;

  @Field(() => [CountyReportRow], { description: 'Every division (or the one filtered), by code' })
  rows!: CountyReportRow[];

  @Field(() => CountyFigures, { description: 'All divisions together (rates recomputed)' })
  totals!: CountyFigures;
}

@ObjectType({ description: '机构（供给侧）指标 / Figures of an institution, supply side' })
export class InstitutionFigures extends DealSideFigures {
  @Field(() => Int, { description: describeFigure('resultsPublished') })
  resultsPublished!: number;
}

@ObjectType({ description: '一个机构的一行 / One institution of the institution report' })
export class InstitutionReportRow extends InstitutionFigures {
  @Field(() => Institution)
  institution!: Institution;
}

@ObjectType({
  description:
    '机构报表 / Per institution: results, matches, deals, trials, conversion, money (supply side)',
})
export class InstitutionReport extends ExportableReport {
  @Field(() => ReportPeriod)
  period!: ReportPeriod;

  @Field(() => [InstitutionReportRow], { description: 'Every institution (or those filtered)' })
  rows!: InstitutionReportRow[];

  @Field(() => InstitutionFigures, { description: 'All institutions together' })
  totals!: InstitutionFigures;
}

@ObjectType({
  description: '流向矩阵的一格 / One cell: institution division × enterprise division',
})
export class FlowCell {
  @Field(() => Division, { description: "The institution's division (where the research sits)" })
  institutionDivision!: Division;

  @Field(() => Division, { description: "The enterprise's division (where it is produced)" })
  enterpriseDivision!: Division;

  @Field(() => Int, { description: describeFigure('dealsOpened') })
  dealsOpened!: number;

  @Field(() => Int, { description: describeFigure('licencesStarted') })
  licencesStarted!: number;

  @Field({ description: describeFigure('contractValueFen') })
  contractValueFen!: string;

  @Field({ description: `${FLOW_ELIGIBILITY_ZH} / ${FLOW_ELIGIBILITY_EN}` })
  programmeEligible!: boolean;
}

@ObjectType({ description: '市研县产格合计 / The programme-eligible cells added up' })
export class FlowTotals {
  @Field(() => Int)
  dealsOpened!: number;

  @Field(() => Int)
  licencesStarted!: number;

  @Field()
  contractValueFen!: string;
}

@ObjectType({
  description:
    '市→县流向矩阵 / Deals by the institution’s division × the enterprise’s division; cells with no deal are left out',
})
export class FlowMatrix extends ExportableReport {
  @Field(() => ReportPeriod)
  period!: ReportPeriod;

  @Field(() => [FlowCell], {
    description: 'Non-empty cells, by institution then enterprise division',
  })
  cells!: FlowCell[];

  @Field(() => FlowTotals, { description: 'Sums over the programme-eligible cells' })
  eligible!: FlowTotals;

  @Field(() => FlowTotals, { description: 'Sums over all cells' })
  all!: FlowTotals;
}

registerEnumType(FunnelStageKey, {
  name: 'FunnelStageKey',
  description: 'POSTED → MATCHED → SHORTLISTED → DEAL → TRIAL → CONVERTED',
});

@ObjectType({ description: '漏斗的一级 / One stage of the funnel' })
export class FunnelStage {
  @Field(() => FunnelStageKey)
  stage!: FunnelStageKey;

  @Field()
  nameZh!: string;

  @Field()
  nameEn!: string;

  @Field(() => Int, {
    description: 'Needs of the cohort that reached this stage and all before it',
  })
  needs!: number;

  @Field(() => Float, { nullable: true, description: 'needs ÷ the previous stage’s needs' })
  stepRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'needs ÷ needs posted' })
  overallRate!: number | null;
}

@ObjectType({ description: `需求漏斗 / The needs funnel. ${FUNNEL_RULE_ZH} / ${FUNNEL_RULE_EN}` })
export class ReportFunnel extends ExportableReport {
  @Field(() => ReportPeriod)
  period!: ReportPeriod;

  @Field(() => [FunnelStage])
  stages!: FunnelStage[];
}

@ObjectType({ description: '时间序列的一段 / One month (quarter) of the series' })
export class ReportSeriesBucket extends DealSideFigures {
  @Field({ description: 'First day, YYYY-MM-DD' })
  start!: string;

  @Field({ description: 'Last day, YYYY-MM-DD' })
  end!: string;

  @Field({ description: 'Where trialsRunning is taken: the end of the bucket, or now' })
  asOf!: Date;

  @Field(() => Int, { description: describeFigure('needsPosted') })
  needsPosted!: number;

  @Field(() => Int, { description: describeFigure('resultsPublished') })
  resultsPublished!: number;
}

@ObjectType({
  description:
    '时间序列 / Every figure per month (or quarter); each flow figure in the bucket of its own instant',
})
export class ReportTimeSeries extends ExportableReport {
  @Field(() => ReportGranularity)
  granularity!: ReportGranularity;

  @Field(() => ReportPeriod, { description: 'Widened to whole months (quarters)' })
  period!: ReportPeriod;

  @Field(() => [ReportSeriesBucket])
  buckets!: ReportSeriesBucket[];
}

@ObjectType({
  description:
    '指标定义 / How a figure is computed: its SQL and its meaning (also docs/reports.md)',
})
export class ReportFigureDefinition {
  @Field({ description: 'The field name in the reports, e.g. contractValueFen' })
  key!: string;

  @Field({ description: 'FLOW (records in the period), SNAPSHOT (at an instant), RATE, STAGE' })
  kind!: string;

  @Field({ description: 'COUNT, FEN, RATE' })
  unit!: string;

  @Field()
  nameZh!: string;

  @Field()
  nameEn!: string;

  @Field()
  descriptionZh!: string;

  @Field()
  descriptionEn!: string;

  @Field(() => String, { nullable: true, description: 'The records: FROM clause' })
  sourceSql!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The instant that places a record in a period',
  })
  instantSql!: string | null;

  @Field(() => String, { nullable: true, description: 'Which records count' })
  conditionSql!: string | null;

  @Field(() => String, { nullable: true, description: 'What is summed (1 counts)' })
  valueSql!: string | null;

  @Field(() => [String], { description: 'Filters that apply to it' })
  filters!: string[];
}
