import { DealScheduler } from '@techmatch/deals';
import { errorCode, type GraphQLResponse } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';
import { countStatements } from '../utils/sql-counter.js';
import { castForDeals, type DealCast, dealApi, must, testClock } from './deal-fixtures.js';

const DAY = 86_400_000;

interface InstalmentView {
  id: string;
  sequence: number;
  kind: string;
  dueOn: string;
  amountFen: string;
  paidFen: string;
  outstandingFen: string;
  status: string;
  overdue: boolean;
}

interface Balance {
  chargedFen: string;
  paidFen: string;
  outstandingFen: string;
  overdueFen: string;
}

interface LedgerView {
  sequence: number;
  kind: string;
  amountFen: string;
  instalmentId: string;
  paymentId: string | null;
  eventSequence: number;
}

const INSTALMENT = 'id sequence kind dueOn amountFen paidFen outstandingFen status overdue';

/** The money operations, as a client would call them. */
function moneyApi(api: TestApi) {
  const request = api.client.request.bind(api.client);
  return {
    money: (token: string, dealId: string, filter?: Record<string, unknown>) =>
      request<{
        deal: { version: number; state: string; instalments: InstalmentView[]; balance: Balance };
      }>(
        `query ($id: ID!, $filter: InstalmentFilter) { deal(id: $id) { version state
           instalments(filter: $filter) { ${INSTALMENT} }
           balance { chargedFen paidFen outstandingFen overdueFen asOf } } }`,
        { id: dealId, filter },
        token,
      ),
    ledger: (token: string, dealId: string) =>
      request<{ dealLedger: LedgerView[] }>(
        `query ($dealId: ID!) { dealLedger(dealId: $dealId) {
           sequence kind amountFen instalmentId paymentId eventSequence } }`,
        { dealId },
        token,
      ),
    reportSales: (token: string, input: Record<string, unknown>) =>
      request<{
        reportSales: {
          id: string;
          netSalesFen: string;
          royaltyRateBp: number;
          royaltyFen: string;
          instalment: InstalmentView | null;
        };
      }>(
        `mutation ($input: ReportSalesInput!) { reportSales(input: $input) {
           id netSalesFen royaltyRateBp royaltyFen instalment { ${INSTALMENT} } } }`,
        { input },
        token,
      ),
    pay: (token: string, input: Record<string, unknown>) =>
      request<{
        recordPayment: {
          id: string;
          amountFen: string;
          paidOn: string;
          idempotencyKey: string;
          instalment: InstalmentView;
        };
      }>(
        `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) {
           id amountFen paidOn idempotencyKey instalment { ${INSTALMENT} } } }`,
        { input },
        token,
      ),
  };
}

const key = (label: string): string => `${label}-${Math.random().toString(36).slice(2, 12)}`;

/** Rows of the money tables (and events) of one deal, to show that a refusal wrote nothing. */
const moneyRows = (api: TestApi, dealId: string) =>
  withClient(api.databaseUrl, async (client) => {
    const result = await client.query(
      `SELECT (SELECT count(*) FROM deal_payments WHERE deal_id = $1)::int AS payments,
              (SELECT count(*) FROM deal_ledger_entries WHERE deal_id = $1)::int AS ledger,
              (SELECT count(*) FROM deal_instalments WHERE deal_id = $1)::int AS instalments,
              (SELECT count(*) FROM deal_sales_reports WHERE deal_id = $1)::int AS reports,
              (SELECT count(*) FROM deal_events WHERE deal_id = $1)::int AS events`,
      [dealId],
    );
    return result.rows[0] as Record<string, number>;
  });

const code = (response: GraphQLResponse<unknown>): string | undefined => errorCode(response);

describe('deals: payments, royalties and the ledger', () => {
  let api: TestApi;
  let cast: DealCast;
  let deals: ReturnType<typeof dealApi>;
  let money: ReturnType<typeof moneyApi>;

  beforeAll(async () => {
    // Sweeps are run by the tests (DealScheduler.sweep), at the moments they choose.
    api = await startTestApi({ DEAL_SCHEDULER: 'false' });
    cast = await castForDeals(api);
    deals = dealApi(api);
    money = moneyApi(api);
  });

  afterAll(async () => {
    await api.close();
  });

  /** Today's business date (China time) on the test clock. */
  const today = (): string =>
    new Date(testClock(api).now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  /** An ordinary licence agreed between the parties (researcher proposes, enterprise accepts). */
  const licensed = async (index: number, terms: Record<string, unknown>) => {
    const deal = must(
      await deals.open(cast.broker, {
        kind: 'LICENSE',
        title: '轴承专利普通许可（付款）',
        resultId: cast.results[index]?.id,
        enterpriseId: cast.enterprise.enterpriseId,
        patentIds: cast.results[index]?.patentIds,
      }),
    ).openDeal;
    const offer = must(
      await deals.propose(cast.researcher, deal.id, 1, {
        exclusivity: 'NON_EXCLUSIVE',
        ...terms,
      }),
    ).proposeOffer;
    const agreed = must(await deals.accept(cast.enterprise.token, offer.id, 2)).acceptOffer;
    expect(agreed).toMatchObject({ state: 'LICENSED', version: 3 });
    return agreed;
  };

  it('successful-trial-first-paid-in-full: schedule at conversion, royalties, payments, balance 0 — event by event', async () => {
    const clock = testClock(api);
    clock.set(new Date('2026-03-01T02:00:00Z')); // 10:00 in Luoyang
    const deal = must(
      await deals.open(cast.enterprise.token, {
        kind: 'TRIAL_FIRST_LICENSE',
        title: '主轴轴承专利先试用后付费（付款）',
        needId: cast.needId,
        resultId: cast.results[0]?.id,
        patentIds: cast.results[0]?.patentIds,
      }),
    ).openDeal;
    must(
      await deals.propose(cast.broker, deal.id, 1, {
        feeModel: 'ROYALTY',
        royaltyRateBp: 500,
        trialDays: 180,
        exclusivity: 'NON_EXCLUSIVE',
      }),
    );
    const counter = must(
      await deals.propose(cast.researcher, deal.id, 2, {
        feeModel: 'ENTRY_PLUS_ROYALTY',
        entryFeeFen: '50000000',
        royaltyRateBp: 300,
        trialDays: 90,
        conversionGraceDays: 15,
        exclusivity: 'NON_EXCLUSIVE',
        paymentSchedule: [
          { dueInDays: 90, amountFen: '30000000' },
          { dueInDays: 0, amountFen: '20000000' },
        ],
      }),
    ).proposeOffer;
    expect(
      must(await deals.accept(cast.enterprise.token, counter.id, 3)).acceptOffer,
    ).toMatchObject({ state: 'TRIAL_ACTIVE', version: 4 });

    // The trial is free: nothing is charged, and there are no sales to report.
    expect(must(await money.money(cast.enterprise.token, deal.id)).deal).toMatchObject({
      instalments: [],
      balance: { chargedFen: '0', paidFen: '0', outstandingFen: '0', overdueFen: '0' },
    });
    const early = await money.reportSales(cast.enterprise.token, {
      dealId: deal.id,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      netSalesFen: '100',
    });
    expect(code(early)).toBe('BAD_USER_INPUT'); // the period has not ended yet (today is 03-01)
    clock.advanceDays(40);
    const inTrial = await money.reportSales(cast.enterprise.token, {
      dealId: deal.id,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      netSalesFen: '100',
    });
    expect(code(inTrial)).toBe('CONFLICT');
    expect(inTrial.errors?.[0]?.extensions).toMatchObject({ state: 'TRIAL_ACTIVE' });

    // The scheduler reminds 30 and 7 days before the trial's end (once each, however many
    // sweeps), then ends the trial; the enterprise converts: the schedule is charged.
    const scheduler = api.app.get(DealScheduler);
    const reminders = async () =>
      withClient(api.databaseUrl, async (client) => {
        const result = await client.query<{ days: string; n: number; recipients: number }>(
          `SELECT data->>'daysBefore' AS days, count(*)::int AS n,
                  count(DISTINCT recipient_id)::int AS recipients
             FROM notifications
            WHERE kind = 'DEAL_TRIAL_ENDING' AND data->>'dealId' = $1
            GROUP BY 1 ORDER BY 1::int DESC`,
          [deal.id],
        );
        return result.rows;
      });
    const trialStart = Date.parse('2026-03-01T02:00:00Z');
    clock.set(new Date(trialStart + 60 * DAY)); // 30 days left
    await Promise.all([scheduler.sweep(), scheduler.sweep()]);
    clock.set(new Date(trialStart + 83 * DAY)); // 7 days left
    await Promise.all([scheduler.sweep(), scheduler.sweep()]);
    // Each to the enterprise's users and the broker, once per recipient.
    const sent = await reminders();
    expect(sent.map((row) => row.days)).toEqual(['30', '7']);
    expect(sent.every((row) => row.n === row.recipients && row.n >= 2)).toBe(true);
    expect(must(await deals.timeline(cast.broker, deal.id)).dealTimeline).toHaveLength(4);
    clock.set(new Date(trialStart + 90 * DAY)); // 2026-05-30, the trial's end
    await Promise.all([scheduler.sweep(), scheduler.sweep()]);
    const converted = must(
      await deals.transition(cast.enterprise.token, deal.id, 'CONVERT', 5),
    ).transitionDeal;
    expect(converted).toMatchObject({ state: 'CONVERTED', version: 6 });
    const afterConversion = must(await money.money(cast.researcher, deal.id)).deal;
    expect(afterConversion.instalments).toEqual([
      expect.objectContaining({
        sequence: 1,
        kind: 'SCHEDULED',
        dueOn: '2026-05-30',
        amountFen: '20000000',
        paidFen: '0',
        outstandingFen: '20000000',
        status: 'UNPAID',
        overdue: false,
      }),
      expect.objectContaining({
        sequence: 2,
        kind: 'SCHEDULED',
        dueOn: '2026-08-28',
        amountFen: '30000000',
        overdue: false,
      }),
    ]);
    expect(afterConversion.balance).toMatchObject({
      chargedFen: '50000000',
      paidFen: '0',
      outstandingFen: '50000000',
      overdueFen: '0',
    });
    const [entry, second] = afterConversion.instalments;

    // The entry fee's first part, paid by bank transfer and recorded by the broker.
    const firstPayment = must(
      await money.pay(cast.broker, {
        instalmentId: entry?.id,
        amountFen: '20000000',
        idempotencyKey: key('entry-1'),
        reference: 'ICBC-20260530-001',
      }),
    ).recordPayment;
    expect(firstPayment).toMatchObject({
      amountFen: '20000000',
      paidOn: '2026-05-30',
      instalment: { status: 'PAID', outstandingFen: '0' },
    });

    // Q2 (from the conversion): 1,234,567.89 yuan at 3% = 37,037.0367 yuan → 3,703,704 fen.
    clock.advanceDays(36); // 2026-07-05
    const q2 = must(
      await money.reportSales(cast.enterprise.token, {
        dealId: deal.id,
        periodStart: '2026-05-30',
        periodEnd: '2026-06-30',
        netSalesFen: '123456789',
      }),
    ).reportSales;
    expect(q2).toMatchObject({
      netSalesFen: '123456789',
      royaltyRateBp: 300,
      royaltyFen: '3703704',
      instalment: { kind: 'ROYALTY', dueOn: '2026-07-30', amountFen: '3703704', overdue: false },
    });
    // Once per period: the same period again, or an overlapping one, is CONFLICT.
    const again = await money.reportSales(cast.enterprise.token, {
      dealId: deal.id,
      periodStart: '2026-05-30',
      periodEnd: '2026-06-30',
      netSalesFen: '1',
    });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions).toMatchObject({ salesReportId: q2.id });
    expect(
      code(
        await money.reportSales(cast.broker, {
          dealId: deal.id,
          periodStart: '2026-06-15',
          periodEnd: '2026-07-01',
          netSalesFen: '1',
        }),
      ),
    ).toBe('CONFLICT');
    // Before the licence started (during the trial) nothing is owed.
    expect(
      code(
        await money.reportSales(cast.enterprise.token, {
          dealId: deal.id,
          periodStart: '2026-05-01',
          periodEnd: '2026-05-29',
          netSalesFen: '1',
        }),
      ),
    ).toBe('BAD_USER_INPUT');

    // The royalty in two parts.
    const royaltyId = q2.instalment?.id;
    const part = must(
      await money.pay(cast.broker, {
        instalmentId: royaltyId,
        amountFen: '1703704',
        idempotencyKey: key('q2-a'),
      }),
    ).recordPayment;
    expect(part.instalment).toMatchObject({ status: 'PARTIALLY_PAID', outstandingFen: '2000000' });
    must(
      await money.pay(cast.broker, {
        instalmentId: royaltyId,
        amountFen: '2000000',
        idempotencyKey: key('q2-b'),
        paidOn: '2026-07-04',
      }),
    );

    // October: the second entry-fee instalment (due 08-28) is overdue; the royalty is not.
    clock.advanceDays(90); // 2026-10-03
    const late = must(await money.money(cast.enterprise.token, deal.id)).deal;
    expect(late.balance).toMatchObject({ outstandingFen: '30000000', overdueFen: '30000000' });
    const overdueOnly = must(await money.money(cast.broker, deal.id, { overdue: true })).deal
      .instalments;
    expect(overdueOnly.map((i) => [i.sequence, i.overdue, i.outstandingFen])).toEqual([
      [2, true, '30000000'],
    ]);
    expect(
      must(await money.money(cast.broker, deal.id, { overdue: false })).deal.instalments.map(
        (i) => i.sequence,
      ),
    ).toEqual([1, 3]);
    // The filter is validated like any input (three kinds where there are two).
    const kinds = ['SCHEDULED', 'ROYALTY', 'SCHEDULED'];
    expect(code(await money.money(cast.broker, deal.id, { kinds }))).toBe('BAD_USER_INPUT');

    // Q3, reported by the broker for the enterprise: 98,765,432.50 yuan at 3% = 2,962,962.975
    // yuan = 296,296,297.5 fen, which rounds half up to 296,296,298.
    const q3 = must(
      await money.reportSales(cast.broker, {
        dealId: deal.id,
        periodStart: '2026-07-01',
        periodEnd: '2026-09-30',
        netSalesFen: '9876543250',
      }),
    ).reportSales;
    expect(q3).toMatchObject({
      royaltyFen: '296296298',
      instalment: { sequence: 4, dueOn: '2026-10-30' },
    });
    must(
      await money.pay(cast.broker, {
        instalmentId: second?.id,
        amountFen: '30000000',
        idempotencyKey: key('entry-2'),
      }),
    );
    const last = must(
      await money.pay(cast.broker, {
        instalmentId: q3.instalment?.id,
        amountFen: '296296298',
        idempotencyKey: key('q3'),
      }),
    ).recordPayment;
    expect(last.instalment).toMatchObject({ status: 'PAID', outstandingFen: '0' });

    // Paid in full: every instalment settled, the balance is 0, nothing overdue.
    const settled = must(await money.money(cast.researcher, deal.id)).deal;
    expect(settled.balance).toMatchObject({
      chargedFen: '350000002',
      paidFen: '350000002',
      outstandingFen: '0',
      overdueFen: '0',
    });
    expect(settled.instalments.map((i) => i.status)).toEqual(['PAID', 'PAID', 'PAID', 'PAID']);
    expect(settled.version).toBe(13);

    // The timeline, event by event: one event per change, the deal staying CONVERTED.
    const timeline = must(await deals.timeline(cast.enterprise.token, deal.id)).dealTimeline;
    expect(
      timeline.map((e) => [e.sequence, e.type, e.action, e.actorSide, e.fromState, e.toState]),
    ).toEqual([
      [1, 'OPENED', null, 'ENTERPRISE', 'PROPOSED', 'PROPOSED'],
      [2, 'OFFER_PROPOSED', null, 'BROKER', 'PROPOSED', 'NEGOTIATING'],
      [3, 'OFFER_PROPOSED', null, 'INSTITUTION', 'NEGOTIATING', 'NEGOTIATING'],
      [4, 'TERMS_AGREED', 'START_TRIAL', 'ENTERPRISE', 'NEGOTIATING', 'TRIAL_ACTIVE'],
      [5, 'TRANSITIONED', 'END_TRIAL', 'SYSTEM', 'TRIAL_ACTIVE', 'CONVERSION_DUE'],
      [6, 'TRANSITIONED', 'CONVERT', 'ENTERPRISE', 'CONVERSION_DUE', 'CONVERTED'],
      [7, 'PAYMENT_RECORDED', null, 'BROKER', 'CONVERTED', 'CONVERTED'],
      [8, 'SALES_REPORTED', null, 'ENTERPRISE', 'CONVERTED', 'CONVERTED'],
      [9, 'PAYMENT_RECORDED', null, 'BROKER', 'CONVERTED', 'CONVERTED'],
      [10, 'PAYMENT_RECORDED', null, 'BROKER', 'CONVERTED', 'CONVERTED'],
      [11, 'SALES_REPORTED', null, 'BROKER', 'CONVERTED', 'CONVERTED'],
      [12, 'PAYMENT_RECORDED', null, 'BROKER', 'CONVERTED', 'CONVERTED'],
      [13, 'PAYMENT_RECORDED', null, 'BROKER', 'CONVERTED', 'CONVERTED'],
    ]);
    const after = (sequence: number) =>
      JSON.parse(timeline[sequence - 1]?.after ?? '{}') as Record<string, unknown>;
    expect(after(6)).toMatchObject({
      state: 'CONVERTED',
      schedule: [
        { instalmentId: entry?.id, sequence: 1, dueOn: '2026-05-30', amountFen: '20000000' },
        { instalmentId: second?.id, sequence: 2, dueOn: '2026-08-28', amountFen: '30000000' },
      ],
    });
    expect(after(7)).toEqual({
      paymentId: firstPayment.id,
      instalmentId: entry?.id,
      instalmentSequence: 1,
      amountFen: '20000000',
      paidOn: '2026-05-30',
      outstandingFen: '0',
    });
    expect(after(8)).toMatchObject({
      salesReportId: q2.id,
      netSalesFen: '123456789',
      royaltyRateBp: 300,
      royaltyFen: '3703704',
      instalmentId: royaltyId,
      dueOn: '2026-07-30',
    });
    expect(JSON.parse(timeline[6]?.before ?? '{}')).toEqual({});

    // The ledger: charges when instalments were created, payments as recorded, each entry tied to
    // the event of the change that wrote it; its sums are the balance.
    const ledger = must(await money.ledger(cast.researcher, deal.id)).dealLedger;
    expect(ledger.map((e) => [e.sequence, e.kind, e.amountFen, e.eventSequence])).toEqual([
      [1, 'CHARGE', '20000000', 6],
      [2, 'CHARGE', '30000000', 6],
      [3, 'PAYMENT', '20000000', 7],
      [4, 'CHARGE', '3703704', 8],
      [5, 'PAYMENT', '1703704', 9],
      [6, 'PAYMENT', '2000000', 10],
      [7, 'CHARGE', '296296298', 11],
      [8, 'PAYMENT', '30000000', 12],
      [9, 'PAYMENT', '296296298', 13],
    ]);
    expect(ledger[2]?.paymentId).toBe(firstPayment.id);

    // The deal's people heard about each payment (DEAL_UPDATED, event PAYMENT_RECORDED): here the
    // enterprise's user (the result's researchers have no accounts in the demo data); the broker
    // who recorded them did not.
    const brokerId = timeline[6]?.actorUserId;
    const notes = await withClient(api.databaseUrl, (client) =>
      client.query(
        `SELECT count(*)::int AS n, count(DISTINCT recipient_id)::int AS people,
                count(*) FILTER (WHERE recipient_id = $2)::int AS recorder
           FROM notifications
          WHERE kind = 'DEAL_UPDATED' AND data->>'dealId' = $1 AND data->>'event' = 'PAYMENT_RECORDED'`,
        [deal.id, brokerId],
      ),
    );
    const { n, people, recorder } = notes.rows[0] as {
      n: number;
      people: number;
      recorder: number;
    };
    expect(people).toBeGreaterThanOrEqual(1);
    expect(n).toBe(people * 5);
    expect(recorder).toBe(0);
  });

  it('successful-licence-lump-sum: schedule at agreement; 100 concurrent retries record one payment', async () => {
    const deal = await licensed(1, {
      feeModel: 'LUMP_SUM',
      lumpSumFen: '8000000',
      paymentSchedule: [
        { dueInDays: 0, amountFen: '3000000' },
        { dueInDays: 30, amountFen: '5000000' },
      ],
    });
    const licensedOn = today();
    const [first, second] = must(await money.money(cast.broker, deal.id)).deal.instalments;
    expect(first).toMatchObject({ sequence: 1, dueOn: licensedOn, amountFen: '3000000' });
    const agreedEvent = must(await deals.timeline(cast.broker, deal.id)).dealTimeline[2];
    expect(agreedEvent).toMatchObject({ type: 'TERMS_AGREED', action: 'GRANT_LICENCE' });
    expect(
      (JSON.parse(agreedEvent?.after ?? '{}') as { schedule: unknown[] }).schedule,
    ).toHaveLength(2);

    // 100 concurrent calls with one key and one content: one payment, the same id for all.
    const input = { instalmentId: first?.id, amountFen: '1000000', idempotencyKey: key('retry') };
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => money.pay(cast.broker, input)),
    );
    const elapsedMs = Date.now() - started;
    const ids = new Set(responses.map((r) => r.data?.recordPayment.id));
    expect(responses.filter((r) => r.errors).map((r) => r.errors)).toEqual([]);
    expect(ids.size).toBe(1);
    expect(elapsedMs).toBeLessThan(60_000);
    const counted = await withClient(api.databaseUrl, (client) =>
      client.query(
        `SELECT (SELECT count(*) FROM deal_payments WHERE idempotency_key = $1)::int AS payments,
                (SELECT count(*) FROM deal_ledger_entries
                  WHERE deal_id = $2 AND kind = 'PAYMENT')::int AS entries,
                (SELECT count(*) FROM deal_events
                  WHERE deal_id = $2 AND type = 'PAYMENT_RECORDED')::int AS events`,
        [input.idempotencyKey, deal.id],
      ),
    );
    expect(counted.rows[0]).toEqual({ payments: 1, entries: 1, events: 1 });
    expect(must(await money.money(cast.broker, deal.id)).deal).toMatchObject({
      version: 4,
      balance: { paidFen: '1000000', outstandingFen: '7000000' },
    });

    // The same key later still answers with the first payment; with other content it is CONFLICT.
    expect(must(await money.pay(cast.broker, input)).recordPayment.id).toBe([...ids][0]);
    const before = await moneyRows(api, deal.id);
    const reused = await money.pay(cast.broker, { ...input, amountFen: '1000001' });
    expect(code(reused)).toBe('CONFLICT');
    expect(reused.errors?.[0]?.message).toContain('idempotency key');
    expect(code(await money.pay(cast.broker, { ...input, instalmentId: second?.id }))).toBe(
      'CONFLICT',
    );

    // 25 concurrent payments of 1,000 yuan each against 20,000 yuan owed: exactly 20 go through.
    const rush = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        money.pay(cast.broker, {
          instalmentId: first?.id,
          amountFen: '100000',
          idempotencyKey: key(`rush-${i}`),
        }),
      ),
    );
    expect(rush.filter((r) => r.data?.recordPayment).length).toBe(20);
    expect(rush.filter((r) => code(r) === 'CONFLICT').length).toBe(5);
    expect(await moneyRows(api, deal.id)).toEqual({
      ...before,
      payments: before.payments + 20,
      ledger: before.ledger + 20,
      events: before.events + 20,
    });

    // Overpaying is refused, with what is still owed, and writes nothing.
    const unchanged = await moneyRows(api, deal.id);
    const over = await money.pay(cast.broker, {
      instalmentId: second?.id,
      amountFen: '5000001',
      idempotencyKey: key('over'),
    });
    expect(code(over)).toBe('CONFLICT');
    expect(over.errors?.[0]?.extensions).toMatchObject({ outstandingFen: '5000000' });
    expect(over.errors?.[0]?.message).toMatch(/超过.*overpayment is refused/s);
    const paidUp = await money.pay(cast.broker, {
      instalmentId: first?.id,
      amountFen: '1',
      idempotencyKey: key('paid-up'),
    });
    expect(code(paidUp)).toBe('CONFLICT');
    expect(paidUp.errors?.[0]?.message).toContain('paid in full');
    expect(await moneyRows(api, deal.id)).toEqual(unchanged);

    // A lump sum has no royalty: there are no sales to report.
    testClock(api).advanceDays(2);
    expect(
      code(
        await money.reportSales(cast.enterprise.token, {
          dealId: deal.id,
          periodStart: licensedOn,
          periodEnd: licensedOn,
          netSalesFen: '100',
        }),
      ),
    ).toBe('CONFLICT');

    // Thirty-one days on, the second instalment is overdue until paid; a part payment leaves the rest overdue.
    testClock(api).advanceDays(29);
    const overdue = must(await money.money(cast.enterprise.token, deal.id)).deal;
    expect(overdue.instalments.map((i) => [i.sequence, i.overdue])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(overdue.balance).toMatchObject({ outstandingFen: '5000000', overdueFen: '5000000' });
    must(
      await money.pay(cast.broker, {
        instalmentId: second?.id,
        amountFen: '2000000',
        idempotencyKey: key('late'),
      }),
    );
    expect(must(await money.money(cast.researcher, deal.id)).deal.balance).toMatchObject({
      outstandingFen: '3000000',
      overdueFen: '3000000',
    });
  });

  it('successful-one-key-two-deals: concurrent payments with one key on two deals record one payment', async () => {
    const a = await licensed(3, { feeModel: 'LUMP_SUM', lumpSumFen: '500000' });
    const b = await licensed(3, { feeModel: 'LUMP_SUM', lumpSumFen: '500000' });
    const [onA] = must(await money.money(cast.broker, a.id)).deal.instalments;
    const [onB] = must(await money.money(cast.broker, b.id)).deal.instalments;
    // The two deals' row locks do not queue these calls behind each other: the unique index does.
    const shared = key('shared');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        money.pay(cast.broker, {
          instalmentId: i % 2 ? onA?.id : onB?.id,
          amountFen: '1000',
          idempotencyKey: shared,
        }),
      ),
    );
    const recorded = responses.filter((r) => r.data?.recordPayment);
    expect(recorded.length).toBe(10);
    expect(new Set(recorded.map((r) => r.data?.recordPayment.id)).size).toBe(1);
    expect(responses.filter((r) => code(r) === 'CONFLICT').length).toBe(10);
    const counted = await withClient(api.databaseUrl, (client) =>
      client.query(
        `SELECT (SELECT count(*) FROM deal_payments WHERE idempotency_key = $1)::int AS payments,
                (SELECT count(*) FROM deal_ledger_entries
                  WHERE deal_id = ANY($2::uuid[]) AND kind = 'PAYMENT')::int AS entries,
                (SELECT count(*) FROM deal_events
                  WHERE deal_id = ANY($2::uuid[]) AND type = 'PAYMENT_RECORDED')::int AS events`,
        [shared, [a.id, b.id]],
      ),
    );
    expect(counted.rows[0]).toEqual({ payments: 1, entries: 1, events: 1 });
  });

  it('failing-roles-and-input: who may report and pay, what non-parties see, bad input', async () => {
    const deal = await licensed(2, { feeModel: 'ROYALTY', royaltyRateBp: 250 });
    const licensedOn = today();
    // A pure royalty schedules nothing at agreement.
    expect(must(await money.money(cast.enterprise.token, deal.id)).deal.instalments).toEqual([]);
    testClock(api).advanceDays(40);
    const sales = {
      dealId: deal.id,
      periodStart: licensedOn,
      periodEnd: new Date(Date.parse(`${licensedOn}T00:00:00Z`) + 29 * DAY)
        .toISOString()
        .slice(0, 10),
      netSalesFen: '1000000',
    };
    const before = await moneyRows(api, deal.id);
    expect(code(await money.reportSales(cast.researcher, sales))).toBe('FORBIDDEN');
    expect(code(await money.reportSales(cast.otherEnterprise.token, sales))).toBe('NOT_FOUND');
    expect(code(await money.reportSales(cast.outsideResearcher, sales))).toBe('NOT_FOUND');
    const reversed = await money.reportSales(cast.enterprise.token, {
      ...sales,
      periodStart: sales.periodEnd,
      periodEnd: sales.periodStart,
    });
    expect(code(reversed)).toBe('BAD_USER_INPUT');
    expect(reversed.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: 'input.periodEnd' }),
    ]);
    const badDate = await money.reportSales(cast.enterprise.token, {
      ...sales,
      periodEnd: '2026-02-30',
      netSalesFen: '-1',
    });
    expect(code(badDate)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(badDate.errors)).toContain('must be a calendar date');
    expect(await moneyRows(api, deal.id)).toEqual(before);

    const report = must(await money.reportSales(cast.enterprise.token, sales)).reportSales;
    expect(report).toMatchObject({ royaltyFen: '25000', instalment: { amountFen: '25000' } });
    const instalmentId = report.instalment?.id;
    const payment = { instalmentId, amountFen: '100', idempotencyKey: key('roles') };
    expect(code(await money.pay(cast.researcher, payment))).toBe('FORBIDDEN');
    expect(code(await money.pay(cast.enterprise.token, payment))).toBe('FORBIDDEN');
    expect(code(await money.pay(cast.otherEnterprise.token, payment))).toBe('NOT_FOUND');
    expect(code(await money.pay(cast.outsideResearcher, payment))).toBe('NOT_FOUND');
    for (const bad of [
      { amountFen: '0' },
      { amountFen: '1.5' },
      { idempotencyKey: 'short' },
      { paidOn: '2099-01-01' },
    ]) {
      const refused = await money.pay(cast.broker, { ...payment, ...bad });
      expect([bad, code(refused)]).toEqual([bad, 'BAD_USER_INPUT']);
    }
    expect(await moneyRows(api, deal.id)).toEqual({
      ...before,
      reports: before.reports + 1,
      instalments: before.instalments + 1,
      ledger: before.ledger + 1,
      events: before.events + 1,
    });

    // Every party reads the money; nobody else learns the deal exists.
    for (const token of [cast.enterprise.token, cast.researcher, cast.broker]) {
      expect(must(await money.money(token, deal.id)).deal.balance.chargedFen).toBe('25000');
      expect(must(await money.ledger(token, deal.id)).dealLedger).toHaveLength(1);
    }
    for (const token of [cast.otherEnterprise.token, cast.outsideResearcher]) {
      expect(code(await money.money(token, deal.id))).toBe('NOT_FOUND');
      expect(code(await money.ledger(token, deal.id))).toBe('NOT_FOUND');
    }

    // No sales, no royalty: the report stands, no instalment is charged.
    const quiet = must(
      await money.reportSales(cast.enterprise.token, {
        dealId: deal.id,
        periodStart: new Date(Date.parse(`${sales.periodEnd}T00:00:00Z`) + DAY)
          .toISOString()
          .slice(0, 10),
        periodEnd: new Date(Date.parse(`${sales.periodEnd}T00:00:00Z`) + 5 * DAY)
          .toISOString()
          .slice(0, 10),
        netSalesFen: '0',
      }),
    ).reportSales;
    expect(quiet).toMatchObject({ royaltyFen: '0', instalment: null });
  });

  it('successful-list-balances: a page of deals sums its balances in one statement, not one per deal', async () => {
    for (let i = 0; i < 3; i++) await licensed(3, { feeModel: 'LUMP_SUM', lumpSumFen: '100000' });
    const LIST = `query ($first: Int!) {
      deals(first: $first) { edges { node { id balance { chargedFen paidFen outstandingFen } } } }
    }`;
    type Page = GraphQLResponse<{
      deals: { edges: Array<{ node: { balance: { chargedFen: string } } }> };
    }>;
    const statementsFor = async (first: number) => {
      const pages: Page[] = [];
      const seen = await countStatements(api, async () => {
        pages.push(await api.client.request(LIST, { first }, cast.broker));
      });
      expect(pages[0]?.errors).toBeUndefined();
      return { statements: seen.length, deals: pages[0]?.data?.deals.edges ?? [] };
    };
    const one = await statementsFor(1);
    const many = await statementsFor(50);
    expect(many.deals.length).toBeGreaterThan(2);
    expect(many.deals.some((edge) => edge.node.balance.chargedFen !== '0')).toBe(true);
    expect(many.statements).toBe(one.statements);
  });

  it('failing-append-only: the database refuses to rewrite or remove money rows', async () => {
    for (const table of [
      'deal_ledger_entries',
      'deal_payments',
      'deal_instalments',
      'deal_sales_reports',
    ]) {
      // (TRUNCATE of a table that others reference stops at the foreign keys before any trigger;
      // the ledger, which nothing references, shows the trigger refusing it.)
      const truncate = table === 'deal_ledger_entries' ? [`TRUNCATE ${table}`] : [];
      for (const sql of [
        `UPDATE ${table} SET created_at = now()`,
        `DELETE FROM ${table}`,
        ...truncate,
      ]) {
        await expect(withClient(api.databaseUrl, (client) => client.query(sql))).rejects.toThrow(
          new RegExp(`${table} is append-only`),
        );
      }
    }
    const rows = await withClient(api.databaseUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM deal_ledger_entries'),
    );
    expect((rows.rows[0] as { n: number }).n).toBeGreaterThan(0);
  });
});
