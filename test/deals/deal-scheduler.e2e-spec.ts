import { DealScheduler } from '@techmatch/deals';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';
import { castForDeals, type DealCast, dealApi, must, testClock } from './deal-fixtures.js';

const DAY = 86_400_000;

async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('deals: the trial scheduler in one API', () => {
  let api: TestApi;
  let cast: DealCast;
  let deals: ReturnType<typeof dealApi>;
  let scheduler: DealScheduler;

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    withClient(api.databaseUrl, async (client) => (await client.query(text, params)).rows as T[]);

  const stateOf = async (dealId: string): Promise<string | undefined> =>
    (await sql<{ state: string }>('SELECT state FROM deals WHERE id = $1', [dealId]))[0]?.state;

  const waitForState = (dealId: string, state: string) =>
    eventually(async () => (await stateOf(dealId)) === state, `deal ${dealId} to be ${state}`);

  /** Reminders sent for a deal: one row per day, and the notifications per recipient and day. */
  const remindersOf = async (dealId: string) => ({
    rows: (
      await sql<{ days_before: number }>(
        'SELECT days_before FROM deal_reminders WHERE deal_id = $1 ORDER BY days_before DESC',
        [dealId],
      )
    ).map((row) => row.days_before),
    notes: await sql<{ recipient_id: string; days: string; n: number }>(
      `SELECT recipient_id, data->>'daysBefore' AS days, count(*)::int AS n FROM notifications
        WHERE kind = 'DEAL_TRIAL_ENDING' AND data->>'dealId' = $1
        GROUP BY 1, 2 ORDER BY 2 DESC, 1`,
      [dealId],
    ),
  });

  /** Several sweeps at once, on top of the scheduler's own loop: overlapping sweeps. */
  const sweepTogether = async (): Promise<void> => {
    await Promise.all([scheduler.sweep(), scheduler.sweep(), scheduler.sweep()]);
  };

  /** A trial-first deal the enterprise proposed and the institution accepted: TRIAL_ACTIVE, version 3. */
  const runningTrial = async (
    resultIndex: number,
    terms: { trialDays: number; conversionGraceDays: number; exclusivity: string },
  ) => {
    const deal = must(
      await deals.open(cast.enterprise.token, {
        kind: 'TRIAL_FIRST_LICENSE',
        title: `调度测试 ${resultIndex}`,
        needId: cast.needId,
        resultId: cast.results[resultIndex]?.id,
        patentIds: cast.results[resultIndex]?.patentIds,
      }),
    ).openDeal;
    const offer = must(
      await deals.propose(cast.enterprise.token, deal.id, 1, {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '30000000',
        ...terms,
      }),
    ).proposeOffer;
    const started = must(await deals.accept(cast.researcher, offer.id, 2)).acceptOffer;
    expect(started).toMatchObject({ state: 'TRIAL_ACTIVE', version: 3 });
    return started;
  };

  const timelineRows = async (token: string, dealId: string) =>
    must(await deals.timeline(token, dealId)).dealTimeline.map((e) => [
      e.sequence,
      e.type,
      e.action,
      e.actorSide,
      e.actorUserId === null ? null : 'user',
      e.fromState,
      e.toState,
    ]);

  beforeAll(async () => {
    api = await startTestApi({ DEAL_SCHEDULER: 'true', DEAL_SCHEDULER_INTERVAL_MS: '100' });
    cast = await castForDeals(api);
    deals = dealApi(api);
    scheduler = api.app.get(DealScheduler);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-reminders-and-returned: 30- and 7-day reminders once each, END_TRIAL at the end, then RETURNED', async () => {
    const clock = testClock(api);
    const t0 = new Date('2026-03-01T02:00:00Z');
    clock.set(t0);
    const deal = await runningTrial(0, {
      trialDays: 90,
      conversionGraceDays: 15,
      exclusivity: 'NON_EXCLUSIVE',
    });
    const at = (days: number) => new Date(t0.getTime() + days * DAY);

    // A day before the 30-day mark: nothing.
    clock.set(at(59));
    await sweepTogether();
    expect((await remindersOf(deal.id)).rows).toEqual([]);

    clock.set(at(60));
    await eventually(async () => (await remindersOf(deal.id)).rows.length === 1, '30-day reminder');
    await sweepTogether();
    await sweepTogether();
    clock.set(at(75));
    await sweepTogether();
    expect((await remindersOf(deal.id)).rows).toEqual([30]);

    clock.set(at(83));
    await eventually(async () => (await remindersOf(deal.id)).rows.length === 2, '7-day reminder');
    await sweepTogether();
    const reminders = await remindersOf(deal.id);
    expect(reminders.rows).toEqual([30, 7]);
    // Each recipient (the enterprise's user and every broker: the deal has no broker) once per day.
    expect(reminders.notes.every((note) => note.n === 1)).toBe(true);
    const recipients = new Set(reminders.notes.map((note) => note.recipient_id));
    expect(reminders.notes).toHaveLength(2 * recipients.size);
    expect(recipients.size).toBeGreaterThanOrEqual(2);
    expect(await stateOf(deal.id)).toBe('TRIAL_ACTIVE');

    // The enterprise reads its reminders as notifications, with the deal in their data.
    const listed = await api.client.request<{
      notifications: {
        edges: Array<{
          node: {
            kind: string;
            titleEn: string;
            data: { dealId: string; daysBefore: number; trialEndsAt: string };
          };
        }>;
      };
    }>(
      `{ notifications(first: 20) { edges { node { kind titleEn data { dealId daysBefore trialEndsAt } } } } }`,
      {},
      cast.enterprise.token,
    );
    const mine = (listed.data?.notifications.edges ?? [])
      .map((edge) => edge.node)
      .filter((node) => node.kind === 'DEAL_TRIAL_ENDING');
    expect(mine).toEqual([
      {
        kind: 'DEAL_TRIAL_ENDING',
        titleEn: 'The trial of deal "调度测试 0" ends in 7 days',
        data: { dealId: deal.id, daysBefore: 7, trialEndsAt: at(90).toISOString() },
      },
      {
        kind: 'DEAL_TRIAL_ENDING',
        titleEn: 'The trial of deal "调度测试 0" ends in 30 days',
        data: { dealId: deal.id, daysBefore: 30, trialEndsAt: at(90).toISOString() },
      },
    ]);

    // The trial ends: the scheduler makes END_TRIAL, due 15 days after the trial's end.
    clock.set(at(90));
    await waitForState(deal.id, 'CONVERSION_DUE');
    await sweepTogether();
    const due = must(await deals.deal(cast.enterprise.token, deal.id)).deal;
    expect(due).toMatchObject({
      state: 'CONVERSION_DUE',
      version: 4,
      conversionDueBy: at(105).toISOString(),
    });

    const returned = must(
      await deals.transition(cast.enterprise.token, deal.id, 'RETURN', 4, '试用后退还'),
    ).transitionDeal;
    expect(returned).toMatchObject({ state: 'RETURNED', version: 5 });
    clock.set(at(200));
    await sweepTogether();
    expect(await stateOf(deal.id)).toBe('RETURNED');

    expect(await timelineRows(cast.researcher, deal.id)).toEqual([
      [1, 'OPENED', null, 'ENTERPRISE', 'user', 'PROPOSED', 'PROPOSED'],
      [2, 'OFFER_PROPOSED', null, 'ENTERPRISE', 'user', 'PROPOSED', 'NEGOTIATING'],
      [3, 'TERMS_AGREED', 'START_TRIAL', 'INSTITUTION', 'user', 'NEGOTIATING', 'TRIAL_ACTIVE'],
      [4, 'TRANSITIONED', 'END_TRIAL', 'SYSTEM', null, 'TRIAL_ACTIVE', 'CONVERSION_DUE'],
      [5, 'TRANSITIONED', 'RETURN', 'ENTERPRISE', 'user', 'CONVERSION_DUE', 'RETURNED'],
    ]);
    const timeline = must(await deals.timeline(cast.broker, deal.id)).dealTimeline;
    expect(JSON.parse(timeline[3]?.after ?? '{}')).toMatchObject({
      state: 'CONVERSION_DUE',
      conversionDueBy: at(105).toISOString(),
    });
    expect((await remindersOf(deal.id)).rows).toEqual([30, 7]);
  });

  it('successful-expired-frees-patents: undecided after the grace period → EXPIRED, and the patents can be licensed exclusively again', async () => {
    const clock = testClock(api);
    const t0 = clock.now();
    const at = (days: number) => new Date(t0.getTime() + days * DAY);
    const trial = await runningTrial(1, {
      trialDays: 30,
      conversionGraceDays: 10,
      exclusivity: 'EXCLUSIVE',
    });

    // Another enterprise wants an exclusive licence on the same patents: refused while the trial holds them.
    const rival = must(
      await deals.open(cast.broker, {
        kind: 'LICENSE',
        title: '同一专利的独占许可',
        resultId: cast.results[1]?.id,
        enterpriseId: cast.otherEnterprise.enterpriseId,
        patentIds: cast.results[1]?.patentIds,
      }),
    ).openDeal;
    const rivalOffer = must(
      await deals.propose(cast.researcher, rival.id, 1, {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '90000000',
        exclusivity: 'EXCLUSIVE',
      }),
    ).proposeOffer;
    const refused = await deals.accept(cast.otherEnterprise.token, rivalOffer.id, 2);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.conflictingDealIds).toEqual([trial.id]);

    clock.set(at(30));
    await waitForState(trial.id, 'CONVERSION_DUE');
    // Still within the grace period the patents are held: the deal may yet convert.
    expect(errorCode(await deals.accept(cast.otherEnterprise.token, rivalOffer.id, 2))).toBe(
      'CONFLICT',
    );
    clock.set(at(39));
    await sweepTogether();
    expect(await stateOf(trial.id)).toBe('CONVERSION_DUE');

    clock.set(at(40));
    await waitForState(trial.id, 'EXPIRED');
    await sweepTogether();
    const expired = must(await deals.deal(cast.broker, trial.id)).deal;
    expect(expired).toMatchObject({
      state: 'EXPIRED',
      version: 5,
      conversionDueBy: at(40).toISOString(),
      closedAt: at(40).toISOString(),
    });
    expect(await timelineRows(cast.enterprise.token, trial.id)).toEqual([
      [1, 'OPENED', null, 'ENTERPRISE', 'user', 'PROPOSED', 'PROPOSED'],
      [2, 'OFFER_PROPOSED', null, 'ENTERPRISE', 'user', 'PROPOSED', 'NEGOTIATING'],
      [3, 'TERMS_AGREED', 'START_TRIAL', 'INSTITUTION', 'user', 'NEGOTIATING', 'TRIAL_ACTIVE'],
      [4, 'TRANSITIONED', 'END_TRIAL', 'SYSTEM', null, 'TRIAL_ACTIVE', 'CONVERSION_DUE'],
      [5, 'TRANSITIONED', 'EXPIRE', 'SYSTEM', null, 'CONVERSION_DUE', 'EXPIRED'],
    ]);
    // The clock jumped past the 7-day mark to the end: that reminder was stale, so never sent; a
    // 30-day trial never had a 30-day reminder.
    expect((await remindersOf(trial.id)).rows).toEqual([]);

    // EXPIRED holds no rights: the same exclusive licence now goes through.
    const licensed = must(
      await deals.accept(cast.otherEnterprise.token, rivalOffer.id, 2),
    ).acceptOffer;
    expect(licensed).toMatchObject({ state: 'LICENSED', exclusivity: 'EXCLUSIVE' });
  });

  it('successful-catch-up: a trial that ended long ago ends and expires in one sweep, no stale reminders; a withdrawn trial is left alone', async () => {
    const clock = testClock(api);
    const t0 = clock.now();
    const at = (days: number) => new Date(t0.getTime() + days * DAY);
    const forgotten = await runningTrial(2, {
      trialDays: 60,
      conversionGraceDays: 30,
      exclusivity: 'NON_EXCLUSIVE',
    });
    const withdrawn = await runningTrial(3, {
      trialDays: 60,
      conversionGraceDays: 30,
      exclusivity: 'NON_EXCLUSIVE',
    });
    must(await deals.transition(cast.enterprise.token, withdrawn.id, 'WITHDRAW', 3));

    // The service was down for a year.
    clock.set(at(400));
    await waitForState(forgotten.id, 'EXPIRED');
    await sweepTogether();
    const deal = must(await deals.deal(cast.broker, forgotten.id)).deal;
    // Due 30 days after the trial's end (not after the late sweep): the grace period had passed.
    expect(deal).toMatchObject({
      state: 'EXPIRED',
      version: 5,
      conversionDueBy: at(90).toISOString(),
    });
    const events = await sql<{ sequence: number; action: string | null }>(
      'SELECT sequence, action FROM deal_events WHERE deal_id = $1 ORDER BY sequence',
      [forgotten.id],
    );
    expect(events.map((e) => [e.sequence, e.action])).toEqual([
      [1, null],
      [2, null],
      [3, 'START_TRIAL'],
      [4, 'END_TRIAL'],
      [5, 'EXPIRE'],
    ]);
    expect((await remindersOf(forgotten.id)).rows).toEqual([]);
    expect(must(await deals.deal(cast.broker, withdrawn.id)).deal).toMatchObject({
      state: 'WITHDRAWN',
      version: 4,
    });
    expect((await remindersOf(withdrawn.id)).rows).toEqual([]);
  });
});
