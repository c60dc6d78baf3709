/**
 * The hand-built data set of the report specs: three institutions, three enterprises, five needs,
 * seven matches and ten deals taken through the real API, on the TestClock, from January to June
 * 2025. reports.e2e-spec.ts derives every expected figure from the story told here.
 *
 *   institutions  I1 测试城区大学   UNIVERSITY          410311 洛龙区 (DISTRICT)   results A1 (0802), A2 (0805)
 *                 I2 测试城区研究院 RESEARCH_INSTITUTE  410305 涧西区 (DISTRICT)   result  B1 (0802)
 *                 I3 测试县域中试基地 PILOT_BASE        410329 伊川县 (COUNTY)     result  C1 (0703)
 *   enterprises   E1 410329 伊川县 (COUNTY), E2 410323 新安县 (COUNTY), E3 410311 洛龙区 (DISTRICT)
 *   needs         N1 E1 0802 01-10 · N2 E1 0805 02-15 · N3 E2 0802 01-20 · N4 E2 0703 03-05 ·
 *                 N5 E3 0802 02-01 · N6 E1, a draft never published
 *   results published A1 01-05, A2 01-06, B1 01-08, C1 02-20
 *   matches (first suggested; what people did)
 *                 M1 N1×A1 01-11  SHORTLISTED 01-12, IN_DEAL 01-15 (D1)
 *                 M2 N1×B1 01-11  —
 *                 M3 N2×A2 02-16  DISMISSED 02-17
 *                 M4 N3×B1 01-21  CONTACTED 01-25, IN_DEAL 01-26 (D3)
 *                 M5 N4×C1 03-06  SHORTLISTED 03-07
 *                 M6 N5×A1 02-02  IN_DEAL 02-03 (D5, straight from the suggestion)
 *                 M7 N3×A1 01-21  —
 *   deals (business dates, all 10:00 China time)
 *     D1 TRIAL_FIRST N1+A1 (E1,I1) opened 01-15, LUMP_SUM 1,000,000 fen, trial 30 d from 01-20 → ends
 *        02-19, CONVERTED 02-25; paid 600,000 on 03-01 and 400,000 on 04-10
 *     D2 TRIAL_FIRST A2→E1 opened 02-01, ENTRY_PLUS_ROYALTY entry 500,000, trial 30 d from 02-05 →
 *        ends 03-07, RETURNED 03-10
 *     D3 TRIAL_FIRST N3+B1 (E2,I2) opened 01-26, LUMP_SUM 2,000,000, trial 60 d from 02-01 → ends
 *        04-02, grace 10 d, EXPIRED 04-13
 *     D4 TRIAL_FIRST B1→E2 opened 03-01, LUMP_SUM 800,000, trial 180 d from 03-05 → still running
 *     D5 LICENSE N5+A1 (E3,I1) opened 02-03, LUMP_SUM 3,000,000, LICENSED 02-10; paid 3,000,000 on 02-20
 *     D6 LICENSE C1→E2 opened 03-10, ROYALTY 5%, LICENSED 03-15; sales 03-15..03-31 of 10,000,000
 *        reported 04-05 (royalty 500,000); paid 500,000 on 05-10
 *     D7 LICENSE A2→E2 opened 04-01 with an offer, WITHDRAWN 04-05
 *     D8 TRIAL_FIRST C1→E1 opened 05-01, PROPOSED
 *     D9 TRIAL_FIRST A1→E2 opened 04-20, trial 90 d from 04-22, WITHDRAWN during the trial 05-05
 *     D10 LICENSE B1→E1 opened 05-10 with an offer, NEGOTIATING
 *   the clock ends at 2025-06-30 10:00.
 */
import { randomUUID } from 'node:crypto';
import { applicationCheckDigit } from '@techmatch/catalogue';
import { RequestContext, Role } from '@techmatch/common';
import { DealAction } from '@techmatch/deals';
import { UsersService } from '@techmatch/identity';
import { makeUscc, uniqueEmail } from '../catalogue/catalogue-fixtures.js';
import { dealApi, must, systemTransition, testClock } from '../deals/deal-fixtures.js';
import type { TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

/** 10:00 in Luoyang on a 2025 date (MM-DD). */
export const at = (monthDay: string): Date => new Date(`2025-${monthDay}T10:00:00+08:00`);

const PASSWORD = 'Report-Test-2026';

export interface ReportCast {
  admin: string;
  broker: string;
  enterprise: string;
  researcher: string;
  institutions: { I1: string; I2: string; I3: string };
  deals: Record<string, string>;
}

let serial = 1_000_000;
/** A valid CN invention application number, unique within the run. */
function patentNumber(): string {
  const digits = `20241${String(serial++).padStart(7, '0')}`;
  return `ZL${digits}.${applicationCheckDigit(digits)}`;
}

export async function buildReportData(api: TestApi): Promise<ReportCast> {
  const client = api.client;
  const request = client.request.bind(client);
  const clock = testClock(api);
  const deals = dealApi(api);
  clock.set(at('01-01'));

  // People: staff accounts are made through the service (no demo data in this API).
  const users = api.app.get(UsersService);
  const staff = async (role: Role): Promise<string> => {
    const email = uniqueEmail();
    await users.createAccount(
      RequestContext.system('report-fixtures'),
      { email, password: PASSWORD, displayName: `报表测试${role}` },
      role,
    );
    return client.login(email, PASSWORD);
  };
  const admin = await staff(Role.ADMIN);
  const broker = await staff(Role.BROKER);

  const institution = async (nameZh: string, kind: string, divisionCode: string) =>
    must(
      await request<{ createInstitution: { id: string } }>(
        'mutation ($input: InstitutionInput!) { createInstitution(input: $input) { id } }',
        { input: { nameZh, kind, divisionCode } },
        admin,
      ),
    ).createInstitution.id;
  const I1 = await institution('测试城区大学', 'UNIVERSITY', '410311');
  const I2 = await institution('测试城区研究院', 'RESEARCH_INSTITUTE', '410305');
  const I3 = await institution('测试县域中试基地', 'PILOT_BASE', '410329');

  const researcher = async (institutionId: string): Promise<string> => {
    const email = uniqueEmail();
    must(
      await request(
        'mutation ($input: RegisterResearcherInput!) { registerResearcher(input: $input) { accessToken } }',
        {
          input: {
            institutionId,
            account: { email, password: PASSWORD, displayName: '报表测试研究员' },
          },
        },
      ),
    );
    return client.login(email, PASSWORD);
  };
  const R1 = await researcher(I1);
  const R2 = await researcher(I2);
  const R3 = await researcher(I3);

  const enterprise = async (divisionCode: string) => {
    const email = uniqueEmail();
    const token = must(
      await request<{ registerEnterprise: { accessToken: string } }>(
        'mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { accessToken } }',
        {
          input: {
            account: { email, password: PASSWORD, displayName: '报表测试企业联系人' },
            enterprise: {
              name: `报表测试企业${randomUUID().slice(0, 6)}有限公司`,
              uscc: makeUscc(divisionCode),
              divisionCode,
              industryCode: '34',
            },
          },
        },
      ),
    ).registerEnterprise.accessToken;
    const id = must(
      await request<{ myEnterprise: { id: string } }>('{ myEnterprise { id } }', {}, token),
    ).myEnterprise.id;
    return { token, id };
  };
  const E1 = await enterprise('410329');
  const E2 = await enterprise('410323');
  const E3 = await enterprise('410311');

  const result = async (token: string, title: string, fieldCode: string) => {
    const created = must(
      await request<{ createResearchResult: { id: string; patents: Array<{ id: string }> } }>(
        'mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id patents { id } } }',
        {
          input: {
            title,
            summary: `${title}：用于报表测试的科技成果，技术成熟，可在县域企业转化。`,
            fieldCodes: [fieldCode],
            keywords: ['报表测试'],
            trl: 6,
            stage: 'PILOT',
            modes: ['TRIAL_FIRST_LICENSE', 'LICENSE'],
            patents: [
              {
                number: patentNumber(),
                title: `${title}专利`,
                kind: 'INVENTION',
                legalStatus: 'GRANTED',
              },
            ],
          },
        },
        token,
      ),
    ).createResearchResult;
    must(
      await request(
        'mutation ($id: ID!) { publishResearchResult(id: $id) { id } }',
        { id: created.id },
        token,
      ),
    );
    return { id: created.id, patentIds: created.patents.map((p) => p.id) };
  };
  const A1 = await result(R1, '数控机床主轴热变形补偿技术', '0802');
  const A2 = await result(R1, '高温合金真空热处理工艺', '0805');
  const B1 = await result(R2, '矿山装备液压系统节能控制', '0802');
  const C1 = await result(R3, '钼精矿绿色浮选药剂', '0703');

  const need = async (token: string, title: string, fieldCode: string, publish = true) => {
    const id = must(
      await request<{ createTechNeed: { id: string } }>(
        'mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id } }',
        {
          input: {
            title,
            description: `${title}：企业希望引进成熟技术，提升产品质量。`,
            problem: '现有工艺效率低，质量不稳定。',
            fieldCodes: [fieldCode],
            keywords: ['报表测试'],
            modes: ['TRIAL_FIRST_LICENSE', 'LICENSE'],
          },
        },
        token,
      ),
    ).createTechNeed.id;
    if (publish)
      must(await request('mutation ($id: ID!) { publishTechNeed(id: $id) { id } }', { id }, token));
    return id;
  };
  const N1 = await need(E1.token, '机床主轴精度提升需求', '0802');
  const N2 = await need(E1.token, '合金件热处理变形控制需求', '0805');
  const N3 = await need(E2.token, '液压系统节能改造需求', '0802');
  const N4 = await need(E2.token, '选矿药剂绿色替代需求', '0703');
  const N5 = await need(E3.token, '数控机床热误差补偿需求', '0802');
  await need(E1.token, '尚未发布的需求草稿', '0802', false);

  // The catalogue stamps publication with the machine's clock (it has no business Clock), Postgres
  // stamps rows (a deal's opening, a match status change) with its own, and matching computes pairs
  // from the search index: all are set here to the story's dates.
  const sql = (text: string, params: unknown[] = []) =>
    withClient(api.databaseUrl, (db) => db.query(text, params));
  const published: Array<[string, string, string]> = [
    ['research_results', A1.id, '01-05'],
    ['research_results', A2.id, '01-06'],
    ['research_results', B1.id, '01-08'],
    ['research_results', C1.id, '02-20'],
    ['tech_needs', N1, '01-10'],
    ['tech_needs', N2, '02-15'],
    ['tech_needs', N3, '01-20'],
    ['tech_needs', N4, '03-05'],
    ['tech_needs', N5, '02-01'],
  ];
  for (const [table, id, day] of published)
    await sql(`UPDATE ${table} SET published_at = $2 WHERE id = $1`, [id, at(day)]);
  const match = async (needId: string, resultId: string, day: string): Promise<string> => {
    const inserted = await sql(
      `INSERT INTO matches (need_id, result_id, score, rank, factors, matched_terms, programme_eligible,
                            status, computed_at, need_fingerprint, result_fingerprint, created_at)
       VALUES ($1, $2, 0.8, 1, '[]', '{}', false, 'SUGGESTED', $3, repeat('0', 40), repeat('0', 40), $3)
       RETURNING id`,
      [needId, resultId, at(day)],
    );
    return (inserted.rows[0] as { id: string }).id;
  };
  const M1 = await match(N1, A1.id, '01-11');
  await match(N1, B1.id, '01-11');
  const M3 = await match(N2, A2.id, '02-16');
  const M4 = await match(N3, B1.id, '01-21');
  const M5 = await match(N4, C1.id, '03-06');
  const M6 = await match(N5, A1.id, '02-02');
  await match(N3, A1.id, '01-21');
  const moveMatch = async (matchId: string, status: string) =>
    must(
      await request(
        'mutation ($input: SetMatchStatusInput!) { setMatchStatus(input: $input) { id } }',
        { input: { matchId, status } },
        broker,
      ),
    );
  /** Dates the history row of a status change (stamped by Postgres) with the story's date. */
  const dateChange = (matchId: string, status: string, day: string) =>
    sql(`UPDATE match_status_changes SET created_at = $3 WHERE match_id = $1 AND to_status = $2`, [
      matchId,
      status,
      at(day),
    ]);

  const open = async (input: Record<string, unknown>, day: string) => {
    clock.set(at(day));
    const id = must(await deals.open(broker, { title: `报表测试交易 ${day}`, ...input })).openDeal
      .id;
    // A deal is opened when its row is written (Postgres' clock): dated like the catalogue's.
    await sql(`UPDATE deals SET created_at = $2 WHERE id = $1`, [id, at(day)]);
    return id;
  };
  /** The institution's researcher proposes; the enterprise accepts: the terms bind. */
  const agree = async (
    dealId: string,
    researcherToken: string,
    enterpriseToken: string,
    terms: Record<string, unknown>,
    day: string,
  ) => {
    clock.set(at(day));
    const version = must(await deals.deal(broker, dealId)).deal.version;
    const offer = must(
      await deals.propose(researcherToken, dealId, version, {
        exclusivity: 'NON_EXCLUSIVE',
        ...terms,
      }),
    ).proposeOffer;
    return must(await deals.accept(enterpriseToken, offer.id, version + 1)).acceptOffer;
  };
  const move = async (token: string | null, dealId: string, action: string, day: string) => {
    clock.set(at(day));
    const version = must(await deals.deal(broker, dealId)).deal.version;
    if (token === null) return systemTransition(api, dealId, action as DealAction, version);
    return must(await deals.transition(token, dealId, action, version)).transitionDeal;
  };
  const pay = async (dealId: string, amountFen: string, day: string) => {
    clock.set(at(day));
    const instalments = must(
      await request<{ deal: { instalments: Array<{ id: string; outstandingFen: string }> } }>(
        'query ($id: ID!) { deal(id: $id) { instalments { id outstandingFen } } }',
        { id: dealId },
        broker,
      ),
    ).deal.instalments;
    const open = instalments.find((instalment) => instalment.outstandingFen !== '0');
    must(
      await request(
        'mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
        { input: { instalmentId: open?.id, amountFen, idempotencyKey: randomUUID() } },
        broker,
      ),
    );
  };
  const trial = (lumpSumFen: string, trialDays: number, extra: Record<string, unknown> = {}) => ({
    feeModel: 'LUMP_SUM',
    lumpSumFen,
    trialDays,
    ...extra,
  });

  // The story, in the order it happened (each move at the clock's date).
  clock.set(at('01-12'));
  await moveMatch(M1, 'SHORTLISTED');
  await dateChange(M1, 'SHORTLISTED', '01-12');
  const D1 = await open(
    { kind: 'TRIAL_FIRST_LICENSE', needId: N1, resultId: A1.id, patentIds: A1.patentIds },
    '01-15',
  );
  await dateChange(M1, 'IN_DEAL', '01-15');
  await agree(D1, R1, E1.token, trial('1000000', 30), '01-20');
  clock.set(at('01-25'));
  await moveMatch(M4, 'CONTACTED');
  await dateChange(M4, 'CONTACTED', '01-25');
  const D3 = await open(
    { kind: 'TRIAL_FIRST_LICENSE', needId: N3, resultId: B1.id, patentIds: B1.patentIds },
    '01-26',
  );
  await dateChange(M4, 'IN_DEAL', '01-26');
  const D2 = await open(
    { kind: 'TRIAL_FIRST_LICENSE', resultId: A2.id, enterpriseId: E1.id, patentIds: A2.patentIds },
    '02-01',
  );
  await agree(D3, R2, E2.token, trial('2000000', 60, { conversionGraceDays: 10 }), '02-01');
  const D5 = await open(
    { kind: 'LICENSE', needId: N5, resultId: A1.id, patentIds: A1.patentIds },
    '02-03',
  );
  await dateChange(M6, 'IN_DEAL', '02-03');
  await agree(
    D2,
    R1,
    E1.token,
    { feeModel: 'ENTRY_PLUS_ROYALTY', entryFeeFen: '500000', royaltyRateBp: 300, trialDays: 30 },
    '02-05',
  );
  await agree(D5, R1, E3.token, { feeModel: 'LUMP_SUM', lumpSumFen: '3000000' }, '02-10');
  clock.set(at('02-17'));
  await moveMatch(M3, 'DISMISSED');
  await dateChange(M3, 'DISMISSED', '02-17');
  await move(null, D1, DealAction.END_TRIAL, '02-19');
  await pay(D5, '3000000', '02-20');
  await move(E1.token, D1, 'CONVERT', '02-25');
  const D4 = await open(
    { kind: 'TRIAL_FIRST_LICENSE', resultId: B1.id, enterpriseId: E2.id, patentIds: B1.patentIds },
    '03-01',
  );
  await pay(D1, '600000', '03-01');
  await agree(D4, R2, E2.token, trial('800000', 180), '03-05');
  clock.set(at('03-07'));
  await moveMatch(M5, 'SHORTLISTED');
  await dateChange(M5, 'SHORTLISTED', '03-07');
  await move(null, D2, DealAction.END_TRIAL, '03-07');
  await move(E1.token, D2, 'RETURN', '03-10');
  const D6 = await open(
    { kind: 'LICENSE', resultId: C1.id, enterpriseId: E2.id, patentIds: C1.patentIds },
    '03-10',
  );
  await agree(D6, R3, E2.token, { feeModel: 'ROYALTY', royaltyRateBp: 500 }, '03-15');
  const D7 = await open(
    { kind: 'LICENSE', resultId: A2.id, enterpriseId: E2.id, patentIds: A2.patentIds },
    '04-01',
  );
  must(
    await deals.propose(R1, D7, 1, {
      feeModel: 'LUMP_SUM',
      lumpSumFen: '900000',
      exclusivity: 'NON_EXCLUSIVE',
    }),
  );
  await move(null, D3, DealAction.END_TRIAL, '04-02');
  clock.set(at('04-05'));
  must(
    await request(
      'mutation ($input: ReportSalesInput!) { reportSales(input: $input) { id } }',
      {
        input: {
          dealId: D6,
          periodStart: '2025-03-15',
          periodEnd: '2025-03-31',
          netSalesFen: '10000000',
        },
      },
      E2.token,
    ),
  );
  await move(broker, D7, 'WITHDRAW', '04-05');
  await pay(D1, '400000', '04-10');
  await move(null, D3, DealAction.EXPIRE, '04-13');
  const D9 = await open(
    { kind: 'TRIAL_FIRST_LICENSE', resultId: A1.id, enterpriseId: E2.id, patentIds: A1.patentIds },
    '04-20',
  );
  await agree(D9, R1, E2.token, trial('700000', 90), '04-22');
  const D8 = await open(
    { kind: 'TRIAL_FIRST_LICENSE', resultId: C1.id, enterpriseId: E1.id, patentIds: C1.patentIds },
    '05-01',
  );
  await move(broker, D9, 'WITHDRAW', '05-05');
  const D10 = await open(
    { kind: 'LICENSE', resultId: B1.id, enterpriseId: E1.id, patentIds: B1.patentIds },
    '05-10',
  );
  must(
    await deals.propose(R2, D10, 1, {
      feeModel: 'LUMP_SUM',
      lumpSumFen: '600000',
      exclusivity: 'NON_EXCLUSIVE',
    }),
  );
  await pay(D6, '500000', '05-10');
  clock.set(at('06-30'));

  return {
    admin,
    broker,
    enterprise: E1.token,
    researcher: R1,
    institutions: { I1, I2, I3 },
    deals: { D1, D2, D3, D4, D5, D6, D7, D8, D9, D10 },
  };
}
