import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { castForDeals, type DealCast, dealApi, must } from './deal-fixtures.js';

/**
 * Who is refused what. Each row: a caller, what they try, in which state, and the code they get.
 * A deal in the wrong state for the move is CONFLICT; the wrong side for a legal move is FORBIDDEN;
 * someone with no part in the deal is NOT_FOUND (other people's deals do not leak).
 */
describe('deals: each role is refused what it may not do', () => {
  let api: TestApi;
  let cast: DealCast;
  let deals: ReturnType<typeof dealApi>;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi();
    cast = await castForDeals(api);
    deals = dealApi(api);
    tokens = {
      broker: cast.broker,
      enterprise: cast.enterprise.token,
      otherEnterprise: cast.otherEnterprise.token,
      researcher: cast.researcher,
      outsideResearcher: cast.outsideResearcher,
    };
  });

  afterAll(async () => {
    await api.close();
  });

  /** A fresh trial-first deal moved to the given state (through the API, by the right people). */
  const dealIn = async (state: 'PROPOSED' | 'NEGOTIATING' | 'TRIAL_ACTIVE', index = 0) => {
    const deal = must(
      await deals.open(cast.broker, {
        kind: 'TRIAL_FIRST_LICENSE',
        title: '角色测试交易',
        needId: cast.needId,
        resultId: cast.results[index]?.id,
        patentIds: cast.results[index]?.patentIds,
      }),
    ).openDeal;
    if (state === 'PROPOSED') return { id: deal.id, version: 1, offerId: '' };
    const offer = must(
      await deals.propose(cast.researcher, deal.id, 1, {
        feeModel: 'ROYALTY',
        royaltyRateBp: 100,
        trialDays: 60,
        exclusivity: 'NON_EXCLUSIVE',
      }),
    ).proposeOffer;
    if (state === 'NEGOTIATING') return { id: deal.id, version: 2, offerId: offer.id };
    must(await deals.accept(cast.enterprise.token, offer.id, 2));
    return { id: deal.id, version: 3, offerId: offer.id };
  };

  it.each([
    ['enterprise', 'TRIAL_ACTIVE', 'END_TRIAL', 'FORBIDDEN'],
    ['broker', 'TRIAL_ACTIVE', 'END_TRIAL', 'FORBIDDEN'],
    ['researcher', 'TRIAL_ACTIVE', 'END_TRIAL', 'FORBIDDEN'],
    ['broker', 'TRIAL_ACTIVE', 'EXPIRE', 'CONFLICT'],
    ['researcher', 'TRIAL_ACTIVE', 'CONVERT', 'CONFLICT'],
    ['otherEnterprise', 'PROPOSED', 'NEGOTIATE', 'NOT_FOUND'],
    ['outsideResearcher', 'PROPOSED', 'WITHDRAW', 'NOT_FOUND'],
    ['otherEnterprise', 'TRIAL_ACTIVE', 'WITHDRAW', 'NOT_FOUND'],
  ] as const)('%s trying %s → %s: %s', async (who, state, action, code) => {
    const deal = await dealIn(state);
    expect(
      errorCode(await deals.transition(tokens[who] ?? '', deal.id, action, deal.version)),
    ).toBe(code);
  });

  it('failing-accept-by-broker-or-outsider: brokers propose but never accept; outsiders see nothing', async () => {
    const deal = await dealIn('NEGOTIATING');
    expect(errorCode(await deals.accept(cast.broker, deal.offerId, deal.version))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await deals.accept(cast.otherEnterprise.token, deal.offerId, deal.version)),
    ).toBe('NOT_FOUND');
    expect(errorCode(await deals.accept(cast.outsideResearcher, deal.offerId, deal.version))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await deals.deal(cast.otherEnterprise.token, deal.id))).toBe('NOT_FOUND');
    expect(errorCode(await deals.timeline(cast.outsideResearcher, deal.id))).toBe('NOT_FOUND');
  });

  it('failing-open-deal: researchers cannot open deals; an enterprise only on its own need', async () => {
    const input = {
      kind: 'LICENSE',
      title: '越权交易',
      needId: cast.needId,
      resultId: cast.results[0]?.id,
      patentIds: cast.results[0]?.patentIds,
    };
    expect(errorCode(await deals.open(cast.researcher, input))).toBe('FORBIDDEN');
    expect(errorCode(await deals.open(cast.otherEnterprise.token, input))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await deals.open(cast.enterprise.token, {
          ...input,
          patentIds: [cast.results[1]?.patentIds[0]],
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('successful-lists: brokers see all, each party only its own', async () => {
    await dealIn('PROPOSED');
    const list = (token: string) =>
      api.client.request<{ deals: { totalCount: number } }>(
        '{ deals(first: 50, filter: { kinds: [TRIAL_FIRST_LICENSE], divisionCode: "410323" }) { totalCount } }',
        {},
        token,
      );
    const all = (await list(cast.broker)).data?.deals.totalCount ?? 0;
    expect(all).toBeGreaterThan(0);
    expect((await list(cast.enterprise.token)).data?.deals.totalCount).toBe(all);
    expect((await list(cast.researcher)).data?.deals.totalCount).toBe(all);
    expect((await list(cast.otherEnterprise.token)).data?.deals.totalCount).toBe(0);
    expect((await list(cast.outsideResearcher)).data?.deals.totalCount).toBe(0);
  });
});
