import { countRows } from '../catalogue/catalogue-fixtures.js';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';
import { castForDeals, type DealCast, dealApi, must } from './deal-fixtures.js';

describe('deals: concurrency and exclusivity', () => {
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

  /** A deal on a result's patents, in NEGOTIATING with an institution offer waiting for the enterprise. */
  const negotiating = async (
    index: number,
    enterprise: DealCast['enterprise'],
    exclusivity: string,
    territoryCodes: string[] = [],
  ) => {
    const deal = must(
      await deals.open(cast.broker, {
        kind: 'LICENSE',
        title: '排他性测试',
        resultId: cast.results[index]?.id,
        enterpriseId: enterprise.enterpriseId,
        patentIds: cast.results[index]?.patentIds,
      }),
    ).openDeal;
    const offer = must(
      await deals.propose(cast.researcher, deal.id, 1, {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '100000',
        exclusivity,
        territoryCodes,
      }),
    ).proposeOffer;
    return { dealId: deal.id, offerId: offer.id, token: enterprise.token };
  };

  it('successful-one-of-fifty: 50 concurrent moves with one version — one wins, 49 CONFLICT, sequence gapless', async () => {
    const deal = must(
      await deals.open(cast.broker, {
        kind: 'TRIAL_FIRST_LICENSE',
        title: '并发测试',
        needId: cast.needId,
        resultId: cast.results[0]?.id,
        patentIds: cast.results[0]?.patentIds,
      }),
    ).openDeal;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        deals.transition(i % 2 ? cast.broker : cast.enterprise.token, deal.id, 'NEGOTIATE', 1),
      ),
    );
    expect(responses.filter((r) => r.data?.transitionDeal).length).toBe(1);
    expect(responses.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(49);
    const sequences = await withClient(api.databaseUrl, (client) =>
      client.query('SELECT sequence FROM deal_events WHERE deal_id = $1 ORDER BY sequence', [
        deal.id,
      ]),
    );
    expect(sequences.rows.map((row: { sequence: number }) => row.sequence)).toEqual([1, 2]);
    expect(must(await deals.deal(cast.broker, deal.id)).deal).toMatchObject({
      state: 'NEGOTIATING',
      version: 2,
    });
  });

  it('failing-overlapping-exclusive: a patent under an exclusive licence cannot be licensed again', async () => {
    const first = await negotiating(1, cast.enterprise, 'EXCLUSIVE', ['410300']);
    const second = await negotiating(1, cast.otherEnterprise, 'NON_EXCLUSIVE', ['410323']);
    const elsewhere = await negotiating(1, cast.otherEnterprise, 'EXCLUSIVE', ['410100']);
    expect(must(await deals.accept(first.token, first.offerId, 2)).acceptOffer.state).toBe(
      'LICENSED',
    );
    const events = await countRows(api.databaseUrl, 'deal_events');
    const refused = await deals.accept(second.token, second.offerId, 2);
    expect(errorCode(refused)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.conflictingDealIds).toEqual([first.dealId]);
    expect(await countRows(api.databaseUrl, 'deal_events')).toBe(events);
    expect(must(await deals.deal(cast.broker, second.dealId)).deal).toMatchObject({
      state: 'NEGOTIATING',
      version: 2,
    });
    // 郑州 (4101) does not overlap 洛阳 (4103): that exclusive licence may go ahead.
    expect(must(await deals.accept(elsewhere.token, elsewhere.offerId, 2)).acceptOffer.state).toBe(
      'LICENSED',
    );
  });

  it('successful-exclusive-race: of two concurrent exclusive acceptances on one patent exactly one wins', async () => {
    for (const index of [2, 3]) {
      const a = await negotiating(index, cast.enterprise, 'EXCLUSIVE');
      const b = await negotiating(index, cast.otherEnterprise, 'SOLE');
      const results = await Promise.all([
        deals.accept(a.token, a.offerId, 2),
        deals.accept(b.token, b.offerId, 2),
      ]);
      expect(results.filter((r) => r.data?.acceptOffer?.state === 'LICENSED').length).toBe(1);
      expect(results.filter((r) => errorCode(r) === 'CONFLICT').length).toBe(1);
    }
  });
});
