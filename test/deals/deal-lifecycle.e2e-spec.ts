import { DealAction } from '@techmatch/deals';
import { countRows } from '../catalogue/catalogue-fixtures.js';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';
import {
  castForDeals,
  type DealCast,
  dealApi,
  must,
  systemTransition,
  testClock,
} from './deal-fixtures.js';

const DAY = 86_400_000;

describe('deals: lifecycle, offers, audit trail', () => {
  let api: TestApi;
  let cast: DealCast;
  let deals: ReturnType<typeof dealApi>;

  beforeAll(async () => {
    api = await startTestApi();
    cast = await castForDeals(api);
    deals = dealApi(api);
  });

  afterAll(async () => {
    await api.close();
  });

  const openTrial = async (resultIndex: number) =>
    must(
      await deals.open(cast.enterprise.token, {
        kind: 'TRIAL_FIRST_LICENSE',
        title: '主轴轴承专利先试用后付费',
        needId: cast.needId,
        resultId: cast.results[resultIndex]?.id,
        patentIds: cast.results[resultIndex]?.patentIds,
      }),
    ).openDeal;

  it('successful-trial-first-converted: proposal, counter-offer, acceptance, trial, conversion — event by event', async () => {
    const clock = testClock(api);
    clock.set(new Date('2026-03-01T02:00:00Z'));
    const deal = await openTrial(0);
    expect(deal).toMatchObject({
      state: 'PROPOSED',
      version: 1,
      kind: 'TRIAL_FIRST_LICENSE',
      divisionCode: '410323',
    });

    // The broker proposes; the institution counters (which supersedes it); the enterprise accepts.
    const first = must(
      await deals.propose(cast.broker, deal.id, 1, {
        feeModel: 'ROYALTY',
        royaltyRateBp: 500,
        trialDays: 180,
        exclusivity: 'NON_EXCLUSIVE',
      }),
    ).proposeOffer;
    expect(first).toMatchObject({ revision: 1, status: 'OPEN', proposedBy: 'BROKER' });
    const counter = must(
      await deals.propose(cast.researcher, deal.id, 2, {
        feeModel: 'ENTRY_PLUS_ROYALTY',
        entryFeeFen: '50000000',
        royaltyRateBp: 300,
        trialDays: 90,
        conversionGraceDays: 15,
        exclusivity: 'NON_EXCLUSIVE',
        territoryCodes: ['410300'],
        paymentSchedule: [
          { dueInDays: 0, amountFen: '20000000' },
          { dueInDays: 90, amountFen: '30000000' },
        ],
      }),
    ).proposeOffer;
    expect(counter).toMatchObject({ revision: 2, status: 'OPEN', proposedBy: 'INSTITUTION' });
    // The superseded offer can no longer be accepted; the counter cannot be accepted by its own side.
    expect(errorCode(await deals.accept(cast.enterprise.token, first.id, 3))).toBe('CONFLICT');
    expect(errorCode(await deals.accept(cast.researcher, counter.id, 3))).toBe('CONFLICT');

    const started = must(await deals.accept(cast.enterprise.token, counter.id, 3)).acceptOffer;
    expect(started).toMatchObject({
      state: 'TRIAL_ACTIVE',
      version: 4,
      agreedOfferId: counter.id,
      currentOfferId: null,
      trialStartedAt: '2026-03-01T02:00:00.000Z',
      trialEndsAt: new Date(Date.parse('2026-03-01T02:00:00Z') + 90 * DAY).toISOString(),
    });

    // Three months later the scheduler (SYSTEM) ends the trial; the enterprise then converts.
    clock.advanceDays(90);
    const due = await systemTransition(api, deal.id, DealAction.END_TRIAL, 4);
    expect(due.state).toBe('CONVERSION_DUE');
    expect(due.conversionDueBy?.toISOString()).toBe(
      new Date(Date.parse('2026-03-01T02:00:00Z') + 105 * DAY).toISOString(),
    );
    const converted = must(
      await deals.transition(cast.enterprise.token, deal.id, 'CONVERT', 5, '试用效果良好'),
    ).transitionDeal;
    expect(converted).toMatchObject({ state: 'CONVERTED', version: 6 });

    const timeline = must(await deals.timeline(cast.researcher, deal.id)).dealTimeline;
    expect(
      timeline.map((e) => [e.sequence, e.type, e.action, e.actorSide, e.fromState, e.toState]),
    ).toEqual([
      [1, 'OPENED', null, 'ENTERPRISE', 'PROPOSED', 'PROPOSED'],
      [2, 'OFFER_PROPOSED', null, 'BROKER', 'PROPOSED', 'NEGOTIATING'],
      [3, 'OFFER_PROPOSED', null, 'INSTITUTION', 'NEGOTIATING', 'NEGOTIATING'],
      [4, 'TERMS_AGREED', 'START_TRIAL', 'ENTERPRISE', 'NEGOTIATING', 'TRIAL_ACTIVE'],
      [5, 'TRANSITIONED', 'END_TRIAL', 'SYSTEM', 'TRIAL_ACTIVE', 'CONVERSION_DUE'],
      [6, 'TRANSITIONED', 'CONVERT', 'ENTERPRISE', 'CONVERSION_DUE', 'CONVERTED'],
    ]);
    expect(timeline[4]?.actorUserId).toBeNull();
    expect(JSON.parse(timeline[1]?.after ?? '{}')).toMatchObject({
      state: 'NEGOTIATING',
      currentOfferId: first.id,
      revision: 1,
    });
    expect(JSON.parse(timeline[2]?.before ?? '{}')).toEqual({ currentOfferId: first.id });
    expect(JSON.parse(timeline[3]?.after ?? '{}')).toMatchObject({
      state: 'TRIAL_ACTIVE',
      agreedOfferId: counter.id,
      exclusivity: 'NON_EXCLUSIVE',
      territoryCodes: ['410300'],
      trialStartedAt: '2026-03-01T02:00:00.000Z',
    });
    expect(JSON.parse(timeline[5]?.before ?? '{}')).toEqual({
      state: 'CONVERSION_DUE',
      closedAt: null,
    });

    // Everyone on the deal heard about it; amounts came back exactly as sent (BIGINT fen).
    const offers = await api.client.request<{
      deal: { offerHistory: Array<{ entryFeeFen: string; status: string }> };
    }>(
      'query ($id: ID!) { deal(id: $id) { offerHistory { entryFeeFen status } } }',
      { id: deal.id },
      cast.broker,
    );
    expect(offers.data?.deal.offerHistory).toEqual([
      { entryFeeFen: null, status: 'SUPERSEDED' },
      { entryFeeFen: '50000000', status: 'ACCEPTED' },
    ]);
    const notes = await withClient(api.databaseUrl, (client) =>
      client.query(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'DEAL_UPDATED' AND data->>'dealId' = $1`,
        [deal.id],
      ),
    );
    expect((notes.rows[0] as { n: number }).n).toBeGreaterThan(6);
  });

  it('successful-trial-first-returned: after the trial the enterprise hands the patents back', async () => {
    const deal = await openTrial(1);
    const offer = must(
      await deals.propose(cast.enterprise.token, deal.id, 1, {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '12000000',
        trialDays: 30,
        exclusivity: 'EXCLUSIVE',
      }),
    ).proposeOffer;
    // A party's own offer counts as its acceptance: the institution's acceptance completes it.
    expect(must(await deals.accept(cast.researcher, offer.id, 2)).acceptOffer.state).toBe(
      'TRIAL_ACTIVE',
    );
    testClock(api).advanceDays(30);
    await systemTransition(api, deal.id, DealAction.END_TRIAL, 3);
    const returned = must(
      await deals.transition(cast.enterprise.token, deal.id, 'RETURN', 4),
    ).transitionDeal;
    expect(returned).toMatchObject({ state: 'RETURNED', version: 5 });
    expect(returned.closedAt).not.toBeNull();
    const types = must(await deals.timeline(cast.enterprise.token, deal.id)).dealTimeline.map(
      (e) => e.toState,
    );
    expect(types).toEqual([
      'PROPOSED',
      'NEGOTIATING',
      'TRIAL_ACTIVE',
      'CONVERSION_DUE',
      'RETURNED',
    ]);
  });

  it('successful-licence-and-broker-offer: a broker’s offer needs both parties; then LICENSED', async () => {
    const deal = must(
      await deals.open(cast.broker, {
        kind: 'LICENSE',
        title: '轴承专利普通许可',
        resultId: cast.results[2]?.id,
        enterpriseId: cast.otherEnterprise.enterpriseId,
        patentIds: cast.results[2]?.patentIds,
      }),
    ).openDeal;
    const offer = must(
      await deals.propose(cast.broker, deal.id, 1, {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '8000000',
        exclusivity: 'NON_EXCLUSIVE',
      }),
    ).proposeOffer;
    expect(errorCode(await deals.accept(cast.broker, offer.id, 2))).toBe('FORBIDDEN');
    const half = must(await deals.accept(cast.otherEnterprise.token, offer.id, 2)).acceptOffer;
    expect(half).toMatchObject({ state: 'NEGOTIATING', version: 3 });
    const done = must(await deals.accept(cast.researcher, offer.id, 3)).acceptOffer;
    expect(done).toMatchObject({ state: 'LICENSED', version: 4, exclusivity: 'NON_EXCLUSIVE' });
    const timeline = must(await deals.timeline(cast.broker, deal.id)).dealTimeline;
    expect(timeline.map((e) => e.type)).toEqual([
      'OPENED',
      'OFFER_PROPOSED',
      'OFFER_ACCEPTED',
      'TERMS_AGREED',
    ]);
  });

  it('failing-illegal-transition: CONFLICT naming the state and the allowed moves', async () => {
    const deal = await openTrial(3);
    const response = await deals.transition(cast.broker, deal.id, 'CONVERT', 1);
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.extensions).toMatchObject({
      state: 'PROPOSED',
      allowedActions: ['NEGOTIATE', 'WITHDRAW'],
      allowedStates: ['NEGOTIATING', 'WITHDRAWN'],
    });
    expect(response.errors?.[0]?.message).toContain('PROPOSED');
  });

  it('failing-stale-version: CONFLICT with the current version, and nothing written', async () => {
    const deal = await openTrial(3);
    const before = await countRows(api.databaseUrl, 'deal_events');
    const stale = await deals.transition(cast.broker, deal.id, 'NEGOTIATE', 0);
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions).toMatchObject({ currentVersion: 1 });
    const staleOffer = await deals.propose(cast.broker, deal.id, 7, {
      feeModel: 'LUMP_SUM',
      lumpSumFen: '1',
      trialDays: 10,
      exclusivity: 'SOLE',
    });
    expect(errorCode(staleOffer)).toBe('CONFLICT');
    expect(await countRows(api.databaseUrl, 'deal_events')).toBe(before);
    expect(must(await deals.deal(cast.broker, deal.id)).deal).toMatchObject({
      state: 'PROPOSED',
      version: 1,
    });
  });

  it('failing-bad-terms: BAD_USER_INPUT with both languages, and nothing written', async () => {
    const deal = await openTrial(3);
    const response = await deals.propose(cast.broker, deal.id, 1, {
      feeModel: 'ROYALTY',
      exclusivity: 'SOLE',
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'input.terms.royaltyRateBp' })]),
    );
    const noTrial = await deals.propose(cast.broker, deal.id, 1, {
      feeModel: 'ROYALTY',
      royaltyRateBp: 5,
      exclusivity: 'SOLE',
    });
    expect(errorCode(noTrial)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(noTrial.errors)).toContain('TRIAL_FIRST_LICENSE deal needs trialDays');
    expect(must(await deals.deal(cast.broker, deal.id)).deal.version).toBe(1);
  });

  it('failing-append-only: the database refuses UPDATE, DELETE and TRUNCATE of deal_events', async () => {
    await openTrial(3);
    for (const sql of [
      `UPDATE deal_events SET note = 'rewritten'`,
      `DELETE FROM deal_events`,
      `TRUNCATE deal_events`,
    ]) {
      await expect(withClient(api.databaseUrl, (client) => client.query(sql))).rejects.toThrow(
        /append-only/,
      );
    }
    expect(await countRows(api.databaseUrl, 'deal_events')).toBeGreaterThan(0);
  });
});
