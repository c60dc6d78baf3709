import { DealState } from '@techmatch/deals';

/**
 * Every figure of the 市研县产 reports, defined once: which records it counts (a source and a
 * condition, in SQL), the instant that places a record in a period or a month, the value summed,
 * and what it means in Chinese and English. report-sql.ts builds every report's SQL from these
 * definitions and nothing else; the `reportDefinitions` query and the GraphQL field descriptions
 * show them; docs/reports.md repeats them for readers, and report-definitions.spec.ts fails when the
 * two disagree.
 *
 * Reports read the tables of the catalogue, matching and deals contexts directly, read-only: a
 * report is an aggregate over many contexts' records at once, which their services (one record, one
 * page at a time) cannot give without loading every row into Node.
 */

/** A period runs over calendar dates in China time; this zone places instants in months. */
export const REPORT_TIME_ZONE = 'Asia/Shanghai';

/** What a filter constrains; a source that has no such attribute ignores the filter. */
export interface SourceDimensions {
  /** The enterprise's division (the county of the demand side). */
  enterpriseDivision?: string;
  institution?: string;
  institutionKind?: string;
  /** The institution's division (where the research sits). */
  institutionDivision?: string;
  /** Field-code arrays; a record is in a field when any of them holds it or a sub-field of it. */
  fieldCodes?: string[];
  dealKind?: string;
}

export type SourceName = 'needs' | 'results' | 'matches' | 'takenForward' | 'deals' | 'payments';

export interface ReportSource {
  name: SourceName;
  /** FROM clause. Joins to a primary key are LEFT JOINs, so Postgres drops those a query does not use. */
  from: string;
  /** Joins that cannot be dropped that way, added only when a figure's SQL names their alias. */
  optionalJoins?: Record<string, string>;
  /** Rows of the FROM clause that are records of this source at all. */
  where?: string;
  dimensions: SourceDimensions;
  descriptionZh: string;
  descriptionEn: string;
}

const DEAL_JOINS = `LEFT JOIN institutions i ON i.id = d.institution_id
  LEFT JOIN research_results r ON r.id = d.result_id
  LEFT JOIN tech_needs n ON n.id = d.need_id`;

const DEAL_DIMENSIONS: SourceDimensions = {
  enterpriseDivision: 'd.division_code',
  institution: 'd.institution_id',
  institutionKind: 'i.kind',
  institutionDivision: 'i.division_code',
  fieldCodes: ['n.field_codes', 'r.field_codes'],
  dealKind: 'd.kind',
};

const MATCH_JOINS = `LEFT JOIN tech_needs n ON n.id = m.need_id
  LEFT JOIN enterprises e ON e.id = n.enterprise_id
  LEFT JOIN research_results r ON r.id = m.result_id
  LEFT JOIN institutions i ON i.id = r.institution_id`;

const MATCH_DIMENSIONS: SourceDimensions = {
  enterpriseDivision: 'e.division_code',
  institution: 'r.institution_id',
  institutionKind: 'i.kind',
  institutionDivision: 'i.division_code',
  fieldCodes: ['n.field_codes', 'r.field_codes'],
};

/** Match statuses a person moves a pair to when taking it forward (DISMISSED is not one). */
export const TAKEN_FORWARD_STATUSES = ['SHORTLISTED', 'CONTACTED', 'IN_DEAL'] as const;
const TAKEN_FORWARD_SQL = TAKEN_FORWARD_STATUSES.map((status) => `'${status}'`).join(', ');

export const REPORT_SOURCES: Record<SourceName, ReportSource> = {
  needs: {
    name: 'needs',
    from: 'tech_needs n LEFT JOIN enterprises e ON e.id = n.enterprise_id',
    dimensions: { enterpriseDivision: 'e.division_code', fieldCodes: ['n.field_codes'] },
    descriptionZh: '企业发布的技术需求（tech_needs），按企业所在区县归属',
    descriptionEn: "Technology needs (tech_needs), placed in the enterprise's division",
  },
  results: {
    name: 'results',
    from: 'research_results r LEFT JOIN institutions i ON i.id = r.institution_id',
    dimensions: {
      institution: 'r.institution_id',
      institutionKind: 'i.kind',
      institutionDivision: 'i.division_code',
      fieldCodes: ['r.field_codes'],
    },
    descriptionZh: '科研机构登记的科技成果（research_results）',
    descriptionEn: 'Research results (research_results) of an institution',
  },
  matches: {
    name: 'matches',
    from: `matches m ${MATCH_JOINS}`,
    dimensions: MATCH_DIMENSIONS,
    descriptionZh:
      '存储的需求×成果匹配（matches）：每个需求的前 K 名，以及有人处理过的匹配；未经处理就跌出前 K 名的匹配已被删除，不再计入',
    descriptionEn:
      "Stored need × result pairs (matches): each need's top K and every pair someone acted on; a pair that dropped out of the top K before anyone acted on it is deleted by matching and no longer counted",
  },
  takenForward: {
    name: 'takenForward',
    from: `(SELECT match_id, min(created_at) AS first_at
      FROM match_status_changes
     WHERE to_status IN (${TAKEN_FORWARD_SQL})
     GROUP BY match_id) s
  JOIN matches m ON m.id = s.match_id
  ${MATCH_JOINS}`,
    dimensions: MATCH_DIMENSIONS,
    descriptionZh:
      '被人推进的匹配：状态历史（match_status_changes）中首次变为入围、已联系或已进入交易的时刻，每个匹配只计一次',
    descriptionEn:
      'Pairs a person took forward: the first change in the status history (match_status_changes) to SHORTLISTED, CONTACTED or IN_DEAL, once per pair',
  },
  deals: {
    name: 'deals',
    from: `deals d ${DEAL_JOINS}`,
    optionalJoins: { o: 'LEFT JOIN deal_offers o ON o.id = d.agreed_offer_id' },
    dimensions: DEAL_DIMENSIONS,
    descriptionZh:
      '技术交易（deals），按交易发起时企业所在区县（deals.division_code）与成果方机构归属；发起时间为交易行写入时间，其余时间为业务时间（交易时钟）',
    descriptionEn:
      "Deals (deals), placed in the enterprise's division when the deal was opened (deals.division_code) and at the institution; opened when the deal's row was written, every later instant in business time (the deals' Clock)",
  },
  payments: {
    name: 'payments',
    from: `deal_ledger_entries l
  JOIN deals d ON d.id = l.deal_id
  ${DEAL_JOINS}`,
    where: "l.kind = 'PAYMENT'",
    dimensions: DEAL_DIMENSIONS,
    descriptionZh: '交易台账（deal_ledger_entries）中的实收（PAYMENT）分录，归属其交易',
    descriptionEn:
      'PAYMENT entries of the deals ledger (deal_ledger_entries), placed as their deal',
  },
};

export const FIGURE_KEYS = [
  'needsPosted',
  'resultsPublished',
  'matchesSuggested',
  'matchesShortlisted',
  'dealsOpened',
  'trialsStarted',
  'trialsRunning',
  'trialsEnded',
  'trialsConverted',
  'conversionRate',
  'licencesStarted',
  'contractValueFen',
  'paymentsReceivedFen',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/** COUNT: a number of records. FEN: a sum of money, integer fen. RATE: one figure over another. */
export type FigureUnit = 'COUNT' | 'FEN' | 'RATE';

interface FigureText {
  key: FigureKey;
  unit: FigureUnit;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
}

/** Records of a source that fall in the period by `instant`, counted or summed. */
export interface FlowFigure extends FigureText {
  kind: 'FLOW';
  source: SourceName;
  /** SQL: the instant that places a record in a period (a month); records where it is NULL never count. */
  instant: string;
  /** SQL condition on the source's records, or null for all of them. */
  condition: string | null;
  /** SQL summed over the counted records; `1` counts them. */
  value: string;
  /** SQL of a breakdown: the figure is also given per value of this expression (deals by state). */
  breakdown?: { sql: string; values: readonly string[] };
}

/** Records in a state at one instant, `:asOf` (the period's end, or now if that is earlier). */
export interface SnapshotFigure extends FigureText {
  kind: 'SNAPSHOT';
  source: SourceName;
  /** SQL condition, with `:asOf` standing for the instant. */
  condition: string;
}

/** One figure over another of the same row, null when the denominator is 0. */
export interface RateFigure extends FigureText {
  kind: 'RATE';
  numerator: FigureKey;
  denominator: FigureKey;
}

export type FigureDefinition = FlowFigure | SnapshotFigure | RateFigure;

/** Trials that ended with a decision: converted to a paid licence, given back, or left to expire. */
export const ENDED_TRIAL_STATES = [DealState.CONVERTED, DealState.RETURNED, DealState.EXPIRED];
/** Deals whose licence has started, i.e. whose agreed fixed fee is owed. */
export const LICENCE_STATES = [DealState.CONVERTED, DealState.LICENSED];

const inList = (states: readonly string[]): string => states.map((s) => `'${s}'`).join(', ');

/**
 * The agreed fixed fee of a deal, as libs/deals' `fixedFeeFen` reads the agreed offer: the lump sum
 * of a LUMP_SUM offer, the entry fee of an ENTRY_PLUS_ROYALTY offer, nothing for pure royalties
 * (those are charged per sales report and are not known at signing).
 */
const AGREED_FIXED_FEE = `CASE o.fee_model WHEN 'LUMP_SUM' THEN o.lump_sum_fen WHEN 'ENTRY_PLUS_ROYALTY' THEN o.entry_fee_fen ELSE 0 END`;

export const FIGURES: Record<FigureKey, FigureDefinition> = {
  needsPosted: {
    key: 'needsPosted',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'needs',
    instant: 'n.published_at',
    condition: null,
    value: '1',
    nameZh: '发布需求数',
    nameEn: 'Needs posted',
    descriptionZh:
      '期间内首次发布的技术需求数（发布时间 published_at 在期间内；草稿从未发布，不计）',
    descriptionEn:
      'Technology needs first published in the period (published_at in the period; drafts never published do not count)',
  },
  resultsPublished: {
    key: 'resultsPublished',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'results',
    instant: 'r.published_at',
    condition: null,
    value: '1',
    nameZh: '发布成果数',
    nameEn: 'Results published',
    descriptionZh: '期间内首次发布的科技成果数（发布时间 published_at 在期间内）',
    descriptionEn: 'Research results first published in the period (published_at in the period)',
  },
  matchesSuggested: {
    key: 'matchesSuggested',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'matches',
    instant: 'm.created_at',
    condition: null,
    value: '1',
    nameZh: '推荐匹配数',
    nameEn: 'Matches suggested',
    descriptionZh:
      '期间内首次推荐的需求×成果匹配数（matches.created_at 在期间内；任何状态，含后来被标为不合适的）',
    descriptionEn:
      'Need × result pairs first suggested in the period (matches.created_at in the period; any status, dismissed ones included)',
  },
  matchesShortlisted: {
    key: 'matchesShortlisted',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'takenForward',
    instant: 's.first_at',
    condition: null,
    value: '1',
    nameZh: '入围匹配数',
    nameEn: 'Matches shortlisted',
    descriptionZh:
      '期间内首次被人推进的匹配数：首次变为入围、已联系或已进入交易（直接在推荐上发起交易也算）；每个匹配只计一次',
    descriptionEn:
      'Pairs first taken forward in the period: first moved to SHORTLISTED, CONTACTED or IN_DEAL (opening a deal straight on a suggestion counts); each pair once',
  },
  dealsOpened: {
    key: 'dealsOpened',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'deals',
    instant: 'd.created_at',
    condition: null,
    value: '1',
    breakdown: { sql: 'd.state', values: Object.values(DealState) },
    nameZh: '发起交易数',
    nameEn: 'Deals opened',
    descriptionZh:
      '期间内发起的交易数（交易写入时间 deals.created_at 在期间内，与其 OPENED 事件同一事务），并按其当前状态分列；各状态之和等于总数',
    descriptionEn:
      'Deals opened in the period (deals.created_at, written in the transaction of their OPENED event), also broken down by the state each is in now; the states add up to the total',
  },
  trialsStarted: {
    key: 'trialsStarted',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'deals',
    instant: 'd.trial_started_at',
    condition: null,
    value: '1',
    nameZh: '开始试用数',
    nameEn: 'Trials started',
    descriptionZh: '期间内开始免费试用的先试用后付费交易数（双方接受条款之时 trial_started_at）',
    descriptionEn:
      'Trial-first deals whose free trial started in the period (trial_started_at: when both parties agreed)',
  },
  trialsRunning: {
    key: 'trialsRunning',
    kind: 'SNAPSHOT',
    unit: 'COUNT',
    source: 'deals',
    condition:
      'd.trial_started_at <= :asOf AND d.trial_ends_at > :asOf AND (d.closed_at IS NULL OR d.closed_at > :asOf)',
    nameZh: '试用中',
    nameEn: 'Trials running',
    descriptionZh:
      '截至时点（期间末，或在此之前的当前时间）正在试用的交易数：试用已开始、约定的试用结束时间未到、交易未关闭（如撤回）',
    descriptionEn:
      'Trials running at the as-of instant (the end of the period, or now if earlier): started, the agreed trial end not yet reached, the deal not closed (withdrawn)',
  },
  trialsEnded: {
    key: 'trialsEnded',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'deals',
    instant: 'd.closed_at',
    condition: `d.state IN (${inList(ENDED_TRIAL_STATES)})`,
    value: '1',
    nameZh: '试用结束数',
    nameEn: 'Trials ended',
    descriptionZh:
      '期间内有了结果的试用数：转为付费（CONVERTED）、退回（RETURNED）或逾期未决（EXPIRED），以关闭时间 closed_at 计；试用中撤回的交易不计',
    descriptionEn:
      'Trials decided in the period: CONVERTED, RETURNED or EXPIRED, dated by closed_at; trials withdrawn do not count',
  },
  trialsConverted: {
    key: 'trialsConverted',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'deals',
    instant: 'd.closed_at',
    condition: `d.state = '${DealState.CONVERTED}'`,
    value: '1',
    nameZh: '试用转付费数',
    nameEn: 'Trials converted',
    descriptionZh: '期间内转为付费许可的试用数（CONVERTED，以转化时间 closed_at 计）',
    descriptionEn:
      'Trials converted to a paid licence in the period (CONVERTED, dated by closed_at)',
  },
  conversionRate: {
    key: 'conversionRate',
    kind: 'RATE',
    unit: 'RATE',
    numerator: 'trialsConverted',
    denominator: 'trialsEnded',
    nameZh: '试用转付费率',
    nameEn: 'Trial→paid conversion rate',
    descriptionZh: '试用转付费数 ÷ 试用结束数；期间内没有试用结束时为空',
    descriptionEn: 'Trials converted ÷ trials ended; null when no trial ended in the period',
  },
  licencesStarted: {
    key: 'licencesStarted',
    kind: 'FLOW',
    unit: 'COUNT',
    source: 'deals',
    instant: 'd.closed_at',
    condition: `d.state IN (${inList(LICENCE_STATES)})`,
    value: '1',
    nameZh: '生效许可数',
    nameEn: 'Licences started',
    descriptionZh:
      '期间内生效的付费许可（含转让、合作开发）数：试用转付费（CONVERTED）或直接签约（LICENSED），以生效时间 closed_at 计',
    descriptionEn:
      'Paid licences (and transfers, joint developments) that took effect in the period: a converted trial (CONVERTED) or a signed licence (LICENSED), dated by closed_at',
  },
  contractValueFen: {
    key: 'contractValueFen',
    kind: 'FLOW',
    unit: 'FEN',
    source: 'deals',
    instant: 'd.closed_at',
    condition: `d.state IN (${inList(LICENCE_STATES)})`,
    value: AGREED_FIXED_FEE,
    nameZh: '合同金额（分）',
    nameEn: 'Contract value (fen)',
    descriptionZh:
      '期间内生效许可的约定固定费用之和（分）：双方接受的条款中的一次性总价（LUMP_SUM）或入门费（ENTRY_PLUS_ROYALTY）；提成按销售额另计，不在其中',
    descriptionEn:
      'Agreed fixed fees of the licences started in the period, fen: the lump sum (LUMP_SUM) or entry fee (ENTRY_PLUS_ROYALTY) of the offer both parties accepted; royalties, charged per sales report, are not included',
  },
  paymentsReceivedFen: {
    key: 'paymentsReceivedFen',
    kind: 'FLOW',
    unit: 'FEN',
    source: 'payments',
    instant: 'l.occurred_at',
    condition: null,
    value: 'l.amount_fen',
    nameZh: '实收款（分）',
    nameEn: 'Payments received (fen)',
    descriptionZh:
      '期间内登记的实收款之和（分）：台账 PAYMENT 分录金额，以登记的业务时间 occurred_at 计（固定费用与提成都在内）',
    descriptionEn:
      'Money received in the period, fen: the PAYMENT entries of the ledger, dated by when they were recorded (business time, occurred_at); fixed fees and royalties alike',
  },
};

/** The figures every report row shares; the county report adds needs, the institution report results. */
export const DEAL_SIDE_FIGURES: FigureKey[] = [
  'matchesSuggested',
  'matchesShortlisted',
  'dealsOpened',
  'trialsStarted',
  'trialsRunning',
  'trialsEnded',
  'trialsConverted',
  'conversionRate',
  'licencesStarted',
  'contractValueFen',
  'paymentsReceivedFen',
];

/** The figures of each report. */
export const REPORT_FIGURES = {
  county: ['needsPosted', ...DEAL_SIDE_FIGURES],
  institution: ['resultsPublished', ...DEAL_SIDE_FIGURES],
  flow: ['dealsOpened', 'licencesStarted', 'contractValueFen'],
  series: ['needsPosted', 'resultsPublished', ...DEAL_SIDE_FIGURES],
} satisfies Record<string, FigureKey[]>;

/** "Name / description", for GraphQL field descriptions. */
export function describeFigure(key: FigureKey): string {
  const figure = FIGURES[key];
  return `${figure.nameZh}：${figure.descriptionZh} / ${figure.nameEn}: ${figure.descriptionEn}`;
}

// ---------------------------------------------------------------------------------------------
// The funnel: the needs posted in the period, and how far each got (by now).

export enum FunnelStageKey {
  POSTED = 'POSTED',
  MATCHED = 'MATCHED',
  SHORTLISTED = 'SHORTLISTED',
  DEAL = 'DEAL',
  TRIAL = 'TRIAL',
  CONVERTED = 'CONVERTED',
}

export interface FunnelStageDefinition {
  key: FunnelStageKey;
  /**
   * SQL condition on one need `n` of the cohort, over matches `m` (with their results `r` and
   * institutions `i`) or deals `d` (with `i`); `%MATCH_FILTER%` and `%DEAL_FILTER%` stand for the
   * report's institution and deal filters on those.
   */
  condition: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
}

const MATCH_OF_NEED = `FROM matches m
    LEFT JOIN research_results r ON r.id = m.result_id
    LEFT JOIN institutions i ON i.id = r.institution_id
   WHERE m.need_id = n.id %MATCH_FILTER%`;
const DEAL_OF_NEED = `FROM deals d
    LEFT JOIN institutions i ON i.id = d.institution_id
   WHERE d.need_id = n.id %DEAL_FILTER%`;

export const FUNNEL_STAGES: FunnelStageDefinition[] = [
  {
    key: FunnelStageKey.POSTED,
    condition: 'TRUE',
    nameZh: '发布需求',
    nameEn: 'Needs posted',
    descriptionZh: '期间内发布的需求（按需求的企业区县与领域筛选）：漏斗的起点',
    descriptionEn:
      "Needs published in the period (filtered by the enterprise's division and the need's field): the funnel's cohort",
  },
  {
    key: FunnelStageKey.MATCHED,
    condition: `EXISTS (SELECT 1 ${MATCH_OF_NEED})`,
    nameZh: '有匹配',
    nameEn: 'Matched',
    descriptionZh: '至今至少有一个存储的匹配',
    descriptionEn: 'Have at least one stored match by now',
  },
  {
    key: FunnelStageKey.SHORTLISTED,
    condition: `EXISTS (SELECT 1 ${MATCH_OF_NEED}
     AND EXISTS (SELECT 1 FROM match_status_changes c
                  WHERE c.match_id = m.id AND c.to_status IN (${TAKEN_FORWARD_SQL})))`,
    nameZh: '有入围',
    nameEn: 'Shortlisted',
    descriptionZh: '至今至少有一个匹配被人推进（入围、已联系或已进入交易）',
    descriptionEn:
      'Have at least one match a person took forward (SHORTLISTED, CONTACTED or IN_DEAL) by now',
  },
  {
    key: FunnelStageKey.DEAL,
    condition: `EXISTS (SELECT 1 ${DEAL_OF_NEED})`,
    nameZh: '发起交易',
    nameEn: 'Deal opened',
    descriptionZh: '至今就该需求发起过交易（任何状态）',
    descriptionEn: 'Have had a deal opened on them by now (any state)',
  },
  {
    key: FunnelStageKey.TRIAL,
    condition: `EXISTS (SELECT 1 ${DEAL_OF_NEED} AND d.trial_started_at IS NOT NULL)`,
    nameZh: '开始试用',
    nameEn: 'Trial started',
    descriptionZh: '至今有交易开始了免费试用',
    descriptionEn: 'Have a deal whose free trial started by now',
  },
  {
    key: FunnelStageKey.CONVERTED,
    condition: `EXISTS (SELECT 1 ${DEAL_OF_NEED} AND d.state = '${DealState.CONVERTED}')`,
    nameZh: '转为付费',
    nameEn: 'Converted',
    descriptionZh: '至今有交易由试用转为付费许可',
    descriptionEn: 'Have a deal whose trial converted to a paid licence by now',
  },
];

export const FUNNEL_RULE_ZH =
  '每一级只计同时达到此前各级的需求，所以逐级递减；逐级转化率 = 本级 ÷ 上一级，总转化率 = 本级 ÷ 发布需求；分母为 0 时为空';
export const FUNNEL_RULE_EN =
  'Each stage counts the needs that also reached every earlier stage, so the stages never grow; step rate = stage ÷ previous stage, overall rate = stage ÷ needs posted; null when the denominator is 0';

/** How the cells of the city→county flow matrix are marked; the rule itself is libs/matching's. */
export const FLOW_ELIGIBILITY_ZH =
  '市研县产格：成果方机构在市辖区（DISTRICT）、企业在县（COUNTY），判定规则与匹配评分的地域因素相同（isProgrammeEligible）';
export const FLOW_ELIGIBILITY_EN =
  "Programme-eligible cells (市研县产): the institution in an urban district (DISTRICT) and the enterprise in a county (COUNTY), by the same rule as matching's geography factor (isProgrammeEligible)";
