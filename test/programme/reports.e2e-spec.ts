import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ReportRollup } from '@techmatch/programme';
import { must, testClock } from '../deals/deal-fixtures.js';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { buildReportData, type ReportCast } from './reports-fixtures.js';

/**
 * Every report on the hand-built data set of reports-fixtures.ts (read its header first: the
 * derivations below refer to its needs N1–N5, matches M1–M7 and deals D1–D10). Each expected figure
 * is written out literally, with how it follows from the story.
 */

const FIGURES = `matchesSuggested matchesShortlisted dealsOpened dealsByState { state deals }
  trialsStarted trialsRunning trialsEnded trialsConverted conversionRate licencesStarted
  contractValueFen paymentsReceivedFen`;

const STATES = [
  'PROPOSED',
  'NEGOTIATING',
  'TRIAL_ACTIVE',
  'CONVERSION_DUE',
  'CONVERTED',
  'RETURNED',
  'EXPIRED',
  'LICENSED',
  'WITHDRAWN',
];

/** dealsByState in lifecycle order, from the non-zero states. */
const byState = (counts: Record<string, number>) =>
  STATES.map((state) => ({ state, deals: counts[state] ?? 0 }));

const COUNTY = `query ($filter: ReportFilter) { reportByCounty(filter: $filter) {
  period { from to asOf } csvUrl xlsxUrl linksExpireAt
  rows { division { code kind } needsPosted ${FIGURES} }
  totals { needsPosted ${FIGURES} } } }`;

const INSTITUTION = `query ($filter: ReportFilter) { reportByInstitution(filter: $filter) {
  period { from to asOf }
  rows { institution { nameZh } resultsPublished ${FIGURES} }
  totals { resultsPublished ${FIGURES} } } }`;

const FLOW = `query ($filter: ReportFilter) { reportFlowMatrix(filter: $filter) {
  cells { institutionDivision { code } enterpriseDivision { code } dealsOpened licencesStarted
          contractValueFen programmeEligible }
  eligible { dealsOpened licencesStarted contractValueFen }
  all { dealsOpened licencesStarted contractValueFen } csvUrl } }`;

const FUNNEL = `query ($filter: ReportFilter) { reportFunnel(filter: $filter) {
  stages { stage needs stepRate overallRate } } }`;

const SERIES = `query ($filter: ReportFilter, $granularity: ReportGranularity) {
  reportTimeSeries(filter: $filter, granularity: $granularity) {
    granularity period { from to asOf }
    buckets { start end asOf needsPosted resultsPublished ${FIGURES} } } }`;

type Row = Record<string, unknown>;

describe('programme reports (市研县产)', () => {
  let api: TestApi;
  let cast: ReportCast;

  beforeAll(async () => {
    // No demo data: every record in this database is one of the story's.
    api = await startTestApi({ DEMO_DATA: 'false' });
    cast = await buildReportData(api);
  }, 180_000);

  afterAll(async () => {
    await api.close();
  });

  const query = <T = Row>(text: string, variables: Record<string, unknown> = {}, token?: string) =>
    api.client.request<T>(text, variables, token ?? cast.broker);

  it('successful-county-report: every division of the enterprise, with totals, over all time', async () => {
    const report = must(
      await query<{ reportByCounty: Row & { rows: Row[] } }>(COUNTY),
    ).reportByCounty;
    // The clock stands at 2025-06-30 10:00 China time; with no period, snapshots are taken now.
    expect(report.period).toEqual({ from: null, to: null, asOf: '2025-06-30T02:00:00.000Z' });
    expect(report.rows.map((row) => (row.division as Row).code)).toEqual([
      '410302',
      '410303',
      '410304',
      '410305',
      '410307',
      '410308',
      '410311',
      '410323',
      '410324',
      '410325',
      '410326',
      '410327',
      '410328',
      '410329',
    ]);
    const row = (code: string) => report.rows.find((r) => (r.division as Row).code === code);
    expect(row('410329')).toEqual({
      division: { code: '410329', kind: 'COUNTY' },
      needsPosted: 2, // N1, N2 (E1's draft N6 was never posted)
      matchesSuggested: 3, // M1, M2, M3 (the matches of E1's needs N1, N2)
      matchesShortlisted: 1, // M1 (M2 untouched, M3 dismissed)
      dealsOpened: 4, // D1, D2, D8, D10: E1's deals
      dealsByState: byState({ CONVERTED: 1, RETURNED: 1, PROPOSED: 1, NEGOTIATING: 1 }), // D1 D2 D8 D10
      trialsStarted: 2, // D1 (01-20), D2 (02-05)
      trialsRunning: 0, // D1 ended 02-19, D2 03-07; D8 never started
      trialsEnded: 2, // D1 CONVERTED, D2 RETURNED
      trialsConverted: 1, // D1
      conversionRate: 0.5, // 1 ÷ 2
      licencesStarted: 1, // D1 (converted)
      contractValueFen: '1000000', // D1's lump sum
      paymentsReceivedFen: '1000000', // D1: 600,000 + 400,000
    });
    expect(row('410323')).toEqual({
      division: { code: '410323', kind: 'COUNTY' },
      needsPosted: 2, // N3, N4
      matchesSuggested: 3, // M4, M5, M7
      matchesShortlisted: 2, // M4 (contacted), M5 (shortlisted)
      dealsOpened: 5, // D3, D4, D6, D7, D9
      dealsByState: byState({ EXPIRED: 1, TRIAL_ACTIVE: 1, LICENSED: 1, WITHDRAWN: 2 }),
      trialsStarted: 3, // D3, D4, D9
      trialsRunning: 1, // D4 (until 09-01); D3 ended 04-02, D9 withdrawn 05-05
      trialsEnded: 1, // D3 EXPIRED (D9's withdrawal is not an end)
      trialsConverted: 0,
      conversionRate: 0, // 0 ÷ 1
      licencesStarted: 1, // D6
      contractValueFen: '0', // D6 is royalties only: no fixed fee
      paymentsReceivedFen: '500000', // D6's royalty
    });
    expect(row('410311')).toEqual({
      division: { code: '410311', kind: 'DISTRICT' },
      needsPosted: 1, // N5
      matchesSuggested: 1, // M6
      matchesShortlisted: 1, // M6: the deal was opened straight on it (IN_DEAL)
      dealsOpened: 1, // D5
      dealsByState: byState({ LICENSED: 1 }),
      trialsStarted: 0,
      trialsRunning: 0,
      trialsEnded: 0,
      trialsConverted: 0,
      conversionRate: null, // no trial ended: no rate
      licencesStarted: 1, // D5
      contractValueFen: '3000000', // D5's lump sum
      paymentsReceivedFen: '3000000', // D5 paid in full
    });
    expect(row('410324')).toMatchObject({ needsPosted: 0, dealsOpened: 0, conversionRate: null });
    expect(report.totals).toEqual({
      needsPosted: 5, // 2 + 2 + 1
      matchesSuggested: 7, // 3 + 3 + 1
      matchesShortlisted: 4, // 1 + 2 + 1
      dealsOpened: 10,
      dealsByState: byState({
        PROPOSED: 1, // D8
        NEGOTIATING: 1, // D10
        TRIAL_ACTIVE: 1, // D4
        CONVERTED: 1, // D1
        RETURNED: 1, // D2
        EXPIRED: 1, // D3
        LICENSED: 2, // D5, D6
        WITHDRAWN: 2, // D7, D9
      }),
      trialsStarted: 5, // D1, D2, D3, D4, D9
      trialsRunning: 1, // D4
      trialsEnded: 3, // D1, D2, D3
      trialsConverted: 1, // D1
      conversionRate: 1 / 3, // recomputed on the totals, not averaged
      licencesStarted: 3, // D1, D5, D6
      contractValueFen: '4000000', // 1,000,000 + 3,000,000 + 0
      paymentsReceivedFen: '4500000', // 1,000,000 + 500,000 + 3,000,000
    });
    expect(report.csvUrl).toMatch(/^\/exports\/[\w-]+\.[\w-]+$/);
    expect(report.xlsxUrl).toMatch(/^\/exports\//);
  });

  it('successful-county-report-filtered: February 2025 in 伊川县', async () => {
    const report = must(
      await query<{ reportByCounty: Row & { rows: Row[] } }>(COUNTY, {
        filter: { from: '2025-02-01', to: '2025-02-28', divisionCode: '410329' },
      }),
    ).reportByCounty;
    // The period ends at the midnight after 02-28 in China: 2025-02-28T16:00Z, before now.
    expect(report.period).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
      asOf: '2025-02-28T16:00:00.000Z',
    });
    expect(report.rows).toHaveLength(1);
    const expected = {
      needsPosted: 1, // N2 (02-15); N1 was posted in January
      matchesSuggested: 1, // M3 (02-16); M1, M2 date from January
      matchesShortlisted: 0, // M1 was shortlisted in January
      dealsOpened: 1, // D2 (02-01); D1 opened in January
      dealsByState: byState({ RETURNED: 1 }), // D2, as it is now
      trialsStarted: 1, // D2 (02-05)
      trialsRunning: 1, // at the end of February: D2 (to 03-07); D1 ended 02-19
      trialsEnded: 1, // D1 converted 02-25
      trialsConverted: 1, // D1
      conversionRate: 1,
      licencesStarted: 1, // D1 (02-25)
      contractValueFen: '1000000', // D1's lump sum
      paymentsReceivedFen: '0', // D1 was paid in March and April
    };
    expect(report.rows[0]).toEqual({ division: { code: '410329', kind: 'COUNTY' }, ...expected });
    expect(report.totals).toEqual(expected);
  });

  it('successful-county-report-by-field: 07 (理学) finds N4, M5 and the deals on C1', async () => {
    const report = must(
      await query<{ reportByCounty: { totals: Row } }>(COUNTY, { filter: { fieldCode: '07' } }),
    ).reportByCounty;
    expect(report.totals).toMatchObject({
      needsPosted: 1, // N4 (0703, a sub-field of 07)
      matchesSuggested: 1, // M5: N4 × C1
      matchesShortlisted: 1, // M5
      dealsOpened: 2, // D6, D8: C1 is coded 0703
      licencesStarted: 1, // D6
      contractValueFen: '0',
      paymentsReceivedFen: '500000', // D6
    });
  });

  it('successful-supply-filters: one institution in the county report, one county in the flow matrix', async () => {
    const county = must(
      await query<{ reportByCounty: { rows: Row[]; totals: Row } }>(COUNTY, {
        filter: { institutionId: cast.institutions.I3 },
      }),
    ).reportByCounty;
    expect(county.totals).toEqual({
      needsPosted: 5, // needs have no institution: the filter leaves them alone
      matchesSuggested: 1, // M5, the only match on I3's result C1
      matchesShortlisted: 1, // M5
      dealsOpened: 2, // D6, D8
      dealsByState: byState({ LICENSED: 1, PROPOSED: 1 }),
      trialsStarted: 0,
      trialsRunning: 0,
      trialsEnded: 0,
      trialsConverted: 0,
      conversionRate: null,
      licencesStarted: 1, // D6
      contractValueFen: '0',
      paymentsReceivedFen: '500000', // D6's royalty
    });
    const row = (code: string) => county.rows.find((r) => (r.division as Row).code === code);
    expect(row('410323')).toMatchObject({ needsPosted: 2, matchesSuggested: 1, dealsOpened: 1 }); // M5, D6
    expect(row('410329')).toMatchObject({ needsPosted: 2, matchesSuggested: 0, dealsOpened: 1 }); // D8

    const matrix = must(
      await query<{ reportFlowMatrix: { cells: Row[]; eligible: Row; all: Row } }>(FLOW, {
        filter: { divisionCode: '410323' },
      }),
    ).reportFlowMatrix;
    // Deals with E2 (新安县): D3, D4 from I2 · D7, D9 from I1 · D6 from I3 (a county: not eligible)
    expect(
      matrix.cells.map((cell) => [
        (cell.institutionDivision as Row).code,
        cell.dealsOpened,
        cell.programmeEligible,
      ]),
    ).toEqual([
      ['410305', 2, true],
      ['410311', 2, true],
      ['410329', 1, false],
    ]);
    expect(matrix.eligible).toMatchObject({ dealsOpened: 4 });
    expect(matrix.all).toMatchObject({ dealsOpened: 5, licencesStarted: 1 });
  });

  it('successful-institution-report: the supply side, per institution', async () => {
    const report = must(
      await query<{ reportByInstitution: { rows: Row[]; totals: Row } }>(INSTITUTION),
    ).reportByInstitution;
    const row = (name: string) => report.rows.find((r) => (r.institution as Row).nameZh === name);
    expect(report.rows).toHaveLength(3);
    expect(row('测试城区大学')).toEqual({
      institution: { nameZh: '测试城区大学' },
      resultsPublished: 2, // A1, A2
      matchesSuggested: 4, // M1, M6, M7 (A1), M3 (A2)
      matchesShortlisted: 2, // M1, M6
      dealsOpened: 5, // D1, D5, D9 (A1), D2, D7 (A2)
      dealsByState: byState({ CONVERTED: 1, RETURNED: 1, LICENSED: 1, WITHDRAWN: 2 }),
      trialsStarted: 3, // D1, D2, D9
      trialsRunning: 0, // D9 was withdrawn 05-05
      trialsEnded: 2, // D1, D2
      trialsConverted: 1, // D1
      conversionRate: 0.5,
      licencesStarted: 2, // D1, D5
      contractValueFen: '4000000', // 1,000,000 + 3,000,000
      paymentsReceivedFen: '4000000', // D1 1,000,000 + D5 3,000,000
    });
    expect(row('测试城区研究院')).toEqual({
      institution: { nameZh: '测试城区研究院' },
      resultsPublished: 1, // B1
      matchesSuggested: 2, // M2, M4
      matchesShortlisted: 1, // M4
      dealsOpened: 3, // D3, D4, D10
      dealsByState: byState({ EXPIRED: 1, TRIAL_ACTIVE: 1, NEGOTIATING: 1 }),
      trialsStarted: 2, // D3, D4
      trialsRunning: 1, // D4
      trialsEnded: 1, // D3 expired
      trialsConverted: 0,
      conversionRate: 0,
      licencesStarted: 0,
      contractValueFen: '0',
      paymentsReceivedFen: '0',
    });
    expect(row('测试县域中试基地')).toEqual({
      institution: { nameZh: '测试县域中试基地' },
      resultsPublished: 1, // C1
      matchesSuggested: 1, // M5
      matchesShortlisted: 1, // M5
      dealsOpened: 2, // D6, D8
      dealsByState: byState({ LICENSED: 1, PROPOSED: 1 }),
      trialsStarted: 0,
      trialsRunning: 0,
      trialsEnded: 0,
      trialsConverted: 0,
      conversionRate: null,
      licencesStarted: 1, // D6
      contractValueFen: '0', // royalties only
      paymentsReceivedFen: '500000', // D6's royalty
    });
    // The same deals as the county report, seen from the other side.
    expect(report.totals).toMatchObject({
      resultsPublished: 4,
      matchesSuggested: 7,
      matchesShortlisted: 4,
      dealsOpened: 10,
      trialsEnded: 3,
      conversionRate: 1 / 3,
      contractValueFen: '4000000',
      paymentsReceivedFen: '4500000',
    });
  });

  it('successful-institution-report-filtered: universities, LICENSE deals only', async () => {
    const report = must(
      await query<{ reportByInstitution: { rows: Row[]; totals: Row } }>(INSTITUTION, {
        filter: { institutionKind: 'UNIVERSITY', dealKind: 'LICENSE' },
      }),
    ).reportByInstitution;
    const expected = {
      resultsPublished: 2, // A1, A2: not deals, the deal kind does not apply
      matchesSuggested: 4, // likewise
      matchesShortlisted: 2,
      dealsOpened: 2, // D5, D7: I1's LICENSE deals
      dealsByState: byState({ LICENSED: 1, WITHDRAWN: 1 }),
      trialsStarted: 0,
      trialsRunning: 0,
      trialsEnded: 0,
      trialsConverted: 0,
      conversionRate: null,
      licencesStarted: 1, // D5
      contractValueFen: '3000000',
      paymentsReceivedFen: '3000000',
    };
    expect(report.rows).toEqual([{ institution: { nameZh: '测试城区大学' }, ...expected }]);
    expect(report.totals).toEqual(expected);
  });

  it('successful-flow-matrix: institution division × enterprise division, 市研县产 cells marked', async () => {
    const matrix = must(
      await query<{ reportFlowMatrix: Row & { cells: Row[] } }>(FLOW),
    ).reportFlowMatrix;
    const cell = (
      from: string,
      to: string,
      dealsOpened: number,
      licences: number,
      value: string,
      eligible: boolean,
    ) => ({
      institutionDivision: { code: from },
      enterpriseDivision: { code: to },
      dealsOpened,
      licencesStarted: licences,
      contractValueFen: value,
      programmeEligible: eligible,
    });
    expect(matrix.cells).toEqual([
      cell('410305', '410323', 2, 0, '0', true), // I2 → E2: D3, D4
      cell('410305', '410329', 1, 0, '0', true), // I2 → E1: D10
      cell('410311', '410311', 1, 1, '3000000', false), // I1 → E3: D5, district to district
      cell('410311', '410323', 2, 0, '0', true), // I1 → E2: D7, D9
      cell('410311', '410329', 2, 1, '1000000', true), // I1 → E1: D1, D2; D1 licensed
      cell('410329', '410323', 1, 1, '0', false), // I3 → E2: D6, a county institution
      cell('410329', '410329', 1, 0, '0', false), // I3 → E1: D8
    ]);
    expect(matrix.eligible).toEqual({
      dealsOpened: 7, // 2 + 1 + 2 + 2
      licencesStarted: 1, // D1
      contractValueFen: '1000000',
    });
    expect(matrix.all).toEqual({
      dealsOpened: 10,
      licencesStarted: 3,
      contractValueFen: '4000000',
    });
  });

  it('successful-funnel: needs posted → matched → shortlisted → deal → trial → converted', async () => {
    const funnel = must(await query<{ reportFunnel: { stages: Row[] } }>(FUNNEL)).reportFunnel;
    expect(funnel.stages).toEqual([
      { stage: 'POSTED', needs: 5, stepRate: null, overallRate: 1 }, // N1–N5
      { stage: 'MATCHED', needs: 5, stepRate: 1, overallRate: 1 }, // every one has a match
      { stage: 'SHORTLISTED', needs: 4, stepRate: 0.8, overallRate: 0.8 }, // N2's only match was dismissed
      { stage: 'DEAL', needs: 3, stepRate: 0.75, overallRate: 0.6 }, // N1 (D1), N3 (D3), N5 (D5); N4 none
      { stage: 'TRIAL', needs: 2, stepRate: 2 / 3, overallRate: 0.4 }, // D1, D3 (D5 is a licence)
      { stage: 'CONVERTED', needs: 1, stepRate: 0.5, overallRate: 0.2 }, // D1 (D3 expired)
    ]);
    const licences = must(
      await query<{ reportFunnel: { stages: Row[] } }>(FUNNEL, { filter: { dealKind: 'LICENSE' } }),
    ).reportFunnel;
    expect(licences.stages.map((stage) => stage.needs)).toEqual([5, 5, 4, 1, 0, 0]); // only N5's D5
    const posted = must(
      await query<{ reportFunnel: { stages: Row[] } }>(FUNNEL, {
        filter: { from: '2025-02-01', to: '2025-03-31' },
      }),
    ).reportFunnel;
    // N2, N4, N5 were posted in February and March; N5 went on to a licence, no trial.
    expect(posted.stages.map((stage) => stage.needs)).toEqual([3, 3, 2, 1, 0, 0]);
  });

  it('successful-monthly-series: each figure in the month of its own date', async () => {
    const series = must(
      await query<{ reportTimeSeries: Row & { buckets: Row[] } }>(SERIES, {
        filter: { from: '2025-01-15', to: '2025-06-10' },
      }),
    ).reportTimeSeries;
    expect(series.granularity).toBe('MONTH');
    // Widened to whole months.
    expect(series.period).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
      asOf: '2025-06-30T02:00:00.000Z',
    });
    const column = (key: string) => series.buckets.map((bucket) => bucket[key]);
    expect(column('start')).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
    ]);
    expect(column('end')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
    ]);
    // Jan: N1 01-10, N3 01-20 · Feb: N5 02-01, N2 02-15 · Mar: N4 03-05
    expect(column('needsPosted')).toEqual([2, 2, 1, 0, 0, 0]);
    // Jan: A1, A2, B1 · Feb: C1 02-20
    expect(column('resultsPublished')).toEqual([3, 1, 0, 0, 0, 0]);
    // Jan: M1, M2 (01-11), M4, M7 (01-21) · Feb: M6 02-02, M3 02-16 · Mar: M5 03-06
    expect(column('matchesSuggested')).toEqual([4, 2, 1, 0, 0, 0]);
    // first taken forward: M1 01-12, M4 01-25 · M6 02-03 · M5 03-07
    expect(column('matchesShortlisted')).toEqual([2, 1, 1, 0, 0, 0]);
    // Jan: D1, D3 · Feb: D2, D5 · Mar: D4, D6 · Apr: D7, D9 · May: D8, D10
    expect(column('dealsOpened')).toEqual([2, 2, 2, 2, 2, 0]);
    expect(series.buckets[1]?.dealsByState).toEqual(byState({ RETURNED: 1, LICENSED: 1 }));
    // Jan: D1 · Feb: D3 02-01, D2 02-05 · Mar: D4 · Apr: D9
    expect(column('trialsStarted')).toEqual([1, 2, 1, 1, 0, 0]);
    // At each month's end (June: now): Jan D1 · Feb D2, D3 · Mar D3, D4 · Apr D4, D9 · May D4 · Jun D4
    expect(column('trialsRunning')).toEqual([1, 2, 2, 2, 1, 1]);
    expect(column('asOf')).toEqual([
      '2025-01-31T16:00:00.000Z',
      '2025-02-28T16:00:00.000Z',
      '2025-03-31T16:00:00.000Z',
      '2025-04-30T16:00:00.000Z',
      '2025-05-31T16:00:00.000Z',
      '2025-06-30T02:00:00.000Z', // now, before the month's end
    ]);
    // D1 converted 02-25 · D2 returned 03-10 · D3 expired 04-13
    expect(column('trialsEnded')).toEqual([0, 1, 1, 1, 0, 0]);
    expect(column('trialsConverted')).toEqual([0, 1, 0, 0, 0, 0]);
    expect(column('conversionRate')).toEqual([null, 1, 0, 0, null, null]);
    // D5 02-10, D1 02-25 · D6 03-15
    expect(column('licencesStarted')).toEqual([0, 2, 1, 0, 0, 0]);
    expect(column('contractValueFen')).toEqual(['0', '4000000', '0', '0', '0', '0']);
    // D5 3,000,000 02-20 · D1 600,000 03-01 · D1 400,000 04-10 · D6 500,000 05-10
    expect(column('paymentsReceivedFen')).toEqual([
      '0',
      '3000000',
      '600000',
      '400000',
      '500000',
      '0',
    ]);
  });

  it('successful-quarterly-series: two quarters of 2025', async () => {
    const series = must(
      await query<{ reportTimeSeries: Row & { buckets: Row[] } }>(SERIES, {
        filter: { from: '2025-01-01', to: '2025-06-30' },
        granularity: 'QUARTER',
      }),
    ).reportTimeSeries;
    expect(series.buckets).toEqual([
      {
        start: '2025-01-01',
        end: '2025-03-31',
        asOf: '2025-03-31T16:00:00.000Z',
        needsPosted: 5,
        resultsPublished: 4,
        matchesSuggested: 7,
        matchesShortlisted: 4,
        dealsOpened: 6, // D1–D6
        dealsByState: byState({
          CONVERTED: 1,
          EXPIRED: 1,
          RETURNED: 1,
          LICENSED: 2,
          TRIAL_ACTIVE: 1,
        }),
        trialsStarted: 4, // D1, D2, D3, D4
        trialsRunning: 2, // on 03-31: D3, D4
        trialsEnded: 2, // D1, D2
        trialsConverted: 1,
        conversionRate: 0.5,
        licencesStarted: 3, // D5, D1, D6
        contractValueFen: '4000000',
        paymentsReceivedFen: '3600000', // 3,000,000 + 600,000
      },
      {
        start: '2025-04-01',
        end: '2025-06-30',
        asOf: '2025-06-30T02:00:00.000Z',
        needsPosted: 0,
        resultsPublished: 0,
        matchesSuggested: 0,
        matchesShortlisted: 0,
        dealsOpened: 4, // D7, D8, D9, D10
        dealsByState: byState({ WITHDRAWN: 2, PROPOSED: 1, NEGOTIATING: 1 }),
        trialsStarted: 1, // D9
        trialsRunning: 1, // D4
        trialsEnded: 1, // D3
        trialsConverted: 0,
        conversionRate: 0,
        licencesStarted: 0,
        contractValueFen: '0',
        paymentsReceivedFen: '900000', // 400,000 + 500,000
      },
    ]);
  });

  it('successful-definitions: every figure and funnel stage with its SQL and meaning', async () => {
    const definitions = must(
      await query<{ reportDefinitions: Row[] }>(
        '{ reportDefinitions { key kind unit nameZh nameEn descriptionZh descriptionEn sourceSql instantSql conditionSql valueSql filters } }',
      ),
    ).reportDefinitions;
    expect(definitions.map((d) => d.key)).toEqual([
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
      'funnel.POSTED',
      'funnel.MATCHED',
      'funnel.SHORTLISTED',
      'funnel.DEAL',
      'funnel.TRIAL',
      'funnel.CONVERTED',
    ]);
    expect(definitions.find((d) => d.key === 'trialsEnded')).toMatchObject({
      kind: 'FLOW',
      unit: 'COUNT',
      instantSql: 'd.closed_at',
      conditionSql: "d.state IN ('CONVERTED', 'RETURNED', 'EXPIRED')",
      filters: [
        'from',
        'to',
        'divisionCode',
        'institutionId',
        'institutionKind',
        'fieldCode',
        'dealKind',
      ],
    });
    expect(definitions.find((d) => d.key === 'needsPosted')?.filters).toEqual([
      'from',
      'to',
      'divisionCode',
      'fieldCode',
    ]);
  });

  it('successful-export: the county report as CSV (with BOM) and XLSX, figures as in GraphQL', async () => {
    const report = must(
      await query<{ reportByCounty: { csvUrl: string; xlsxUrl: string } }>(COUNTY, {
        filter: { from: '2025-02-01', to: '2025-02-28' },
      }),
    ).reportByCounty;
    const csv = await fetch(`${api.baseUrl}${report.csvUrl}`);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), {
      columns: true,
    });
    expect(rows).toHaveLength(15); // 14 divisions and the totals
    expect(rows[13]).toMatchObject({
      区县代码: '410329',
      区县名称: '伊川县',
      区县类型: '县',
      发布需求数: '1',
      发起交易数: '1',
      '交易：已退回': '1',
      试用转付费率: '1',
      '合同金额（元）': '10000.00',
      '合同金额（分）': '1000000',
    });
    expect(rows[14]).toMatchObject({
      区县名称: '合计',
      发布需求数: '2',
      '实收款（分）': '3000000',
    });

    const xlsx = await fetch(`${api.baseUrl}${report.xlsxUrl}`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const ivy = (sheet?.getRow(15).values as unknown[]).slice(1);
    expect(ivy[header.indexOf('区县代码')]).toBe('410329');
    expect(ivy[header.indexOf('试用中')]).toBe(1);
    expect(ivy[header.indexOf('合同金额（分）')]).toBe('1000000');
  });

  it('failing-bad-filters: a period that ends before it starts, an unknown division, an unknown institution', async () => {
    const backwards = await query(COUNTY, { filter: { from: '2025-03-01', to: '2025-02-01' } });
    expect(errorCode(backwards)).toBe('BAD_USER_INPUT');
    expect(backwards.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: 'filter.to' }),
    ]);
    const unknown = await query(COUNTY, { filter: { divisionCode: '410399' } });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: 'filter.divisionCode' }),
    ]);
    const badDate = await query(COUNTY, { filter: { from: '2025-02-30' } });
    expect(errorCode(badDate)).toBe('BAD_USER_INPUT');
    const nobody = await query(INSTITUTION, {
      filter: { institutionId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(errorCode(nobody)).toBe('NOT_FOUND');
    const long = await query(SERIES, { filter: { from: '2000-01-01', to: '2025-06-30' } });
    expect(errorCode(long)).toBe('BAD_USER_INPUT');
  });

  it('successful-admin: the bureau reads the reports too', async () => {
    const report = must(await query<{ reportByCounty: { totals: Row } }>(COUNTY, {}, cast.admin));
    expect(report.reportByCounty.totals).toMatchObject({ dealsOpened: 10 });
  });

  it('successful-rollup: a replica reading the monthly rollup answers as counting live, and says so', async () => {
    // A second replica on the same database, with the rollup on, its clock where the story ends.
    const replica = await startTestApi(
      {
        REPORT_ROLLUP: 'true',
        REPORT_ROLLUP_INTERVAL_MS: '86400000',
        REPORT_ROLLUP_MAX_AGE_MS: '3600000',
        TEST_CLOCK_AT: testClock(api).now().toISOString(),
        JWT_SECRET: api.env.JWT_SECRET ?? '',
      },
      { databaseUrl: api.databaseUrl },
    );
    try {
      const refreshed = await replica.app.get(ReportRollup).refresh();
      expect(refreshed?.rows).toBeGreaterThan(0);
      const both = async (text: string, filter: Row) => {
        const live = must(await query<Record<string, Row>>(text, { filter }));
        const rolled = must(
          await replica.client.request<Record<string, Row>>(text, { filter }, cast.broker),
        );
        return { live: Object.values(live)[0] ?? {}, rolled: Object.values(rolled)[0] ?? {} };
      };
      const figures = ({ period: _p, csvUrl: _c, xlsxUrl: _x, linksExpireAt: _l, ...rest }: Row) =>
        rest;
      const basis = (report: Row) => (report.period as Row).basis;
      const WITH_BASIS = (text: string) =>
        text.replace('period { from to asOf }', 'period { from to asOf basis }');

      // Whole months (or all time): read from the rollup, every figure as counted live.
      const whole: Array<[string, Row]> = [
        [COUNTY, {}],
        [COUNTY, { from: '2025-02-01', to: '2025-02-28', divisionCode: '410329' }],
        [COUNTY, { institutionId: cast.institutions.I3 }],
        [COUNTY, { from: '2025-01-01', to: '2025-03-31', dealKind: 'TRIAL_FIRST_LICENSE' }],
        [INSTITUTION, {}],
        [INSTITUTION, { institutionKind: 'UNIVERSITY', dealKind: 'LICENSE' }],
        [INSTITUTION, { from: '2025-03-01', to: '2025-04-30' }],
        [FLOW, {}],
        [FLOW, { divisionCode: '410323', from: '2025-01-01' }],
        // Ends mid-month, but after the refresh: the rollup holds everything up to then.
        [COUNTY, { from: '2025-06-01', to: '2025-07-15' }],
      ];
      for (const [text, filter] of whole) {
        const { live, rolled } = await both(WITH_BASIS(text), filter);
        expect({ filter, figures: figures(rolled) }).toEqual({ filter, figures: figures(live) });
        if (text !== FLOW)
          expect({ filter, basis: basis(rolled) }).toEqual({ filter, basis: 'ROLLUP' });
      }
      // A cut month, or a field (the rollup keeps none): counted live, on the replica too.
      for (const filter of [{ from: '2025-02-10', to: '2025-03-15' }, { fieldCode: '07' }]) {
        const { live, rolled } = await both(WITH_BASIS(COUNTY), filter);
        expect(basis(rolled)).toBe('LIVE');
        expect(figures(rolled)).toEqual(figures(live));
      }
      // The snapshot is taken at the end of the period's last month, as live.
      const feb = await both(WITH_BASIS(COUNTY), { from: '2025-02-01', to: '2025-02-28' });
      expect((feb.rolled.totals as Row).trialsRunning).toBe(2); // D2 (to 03-07), D3 (to 04-02)
      expect((feb.rolled.period as Row).asOf).toBe('2025-02-28T16:00:00.000Z');

      // Older than REPORT_ROLLUP_MAX_AGE_MS: not used until rebuilt.
      const clock = testClock(replica);
      clock.set(new Date(clock.now().getTime() + 2 * 3_600_000));
      const stale = await both(WITH_BASIS(COUNTY), {});
      expect(basis(stale.rolled)).toBe('LIVE');
    } finally {
      await replica.close();
    }
  }, 60_000);

  it('failing-access: enterprises and researchers are refused (FORBIDDEN), anonymous callers UNAUTHENTICATED', async () => {
    const reports = [COUNTY, INSTITUTION, FLOW, FUNNEL, SERIES, '{ reportDefinitions { key } }'];
    for (const text of reports) {
      expect(errorCode(await query(text, {}, cast.enterprise))).toBe('FORBIDDEN');
      expect(errorCode(await query(text, {}, cast.researcher))).toBe('FORBIDDEN');
      const anonymous = await api.client.request(text);
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    }
  });
});
