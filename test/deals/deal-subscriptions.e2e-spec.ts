import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DealAction, DealEventFanout } from '@techmatch/deals';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import {
  castForDeals,
  type DealCast,
  dealApi,
  type EventView,
  must,
  systemTransition,
} from './deal-fixtures.js';

const DEAL_EVENT_ADDED = `subscription ($dealId: ID!) {
  dealEventAdded(dealId: $dealId) {
    sequence type action actorSide actorUserId fromState toState before after
  }
}`;

type Received = { dealEventAdded: EventView };

async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A graphql-ws client following one deal, as a browser would, recording what it is sent. */
class DealFollower {
  readonly results: Array<FormattedExecutionResult<Received, unknown>> = [];
  completed = false;
  private readonly client: Client;
  private consumed = 0;

  constructor(api: TestApi, dealId: string, token?: string) {
    this.client = createClient({
      url: `${api.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    this.client.subscribe<Received>(
      { query: DEAL_EVENT_ADDED, variables: { dealId } },
      {
        next: (result) => this.results.push(result),
        error: () => (this.completed = true),
        complete: () => (this.completed = true),
      },
    );
  }

  async next(): Promise<EventView> {
    await eventually(() => this.results.length > this.consumed, 'a live deal event');
    const result = this.results[this.consumed++];
    if (!result?.data) throw new Error(`subscription error: ${JSON.stringify(result?.errors)}`);
    return result.data.dealEventAdded;
  }

  get pending(): number {
    return this.results.length - this.consumed;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

describe('deals: live events over graphql-ws', () => {
  let api: TestApi;
  let replica: TestApi | undefined;
  let cast: DealCast;
  let deals: ReturnType<typeof dealApi>;
  const followers: DealFollower[] = [];

  const follow = (dealId: string, token: string | undefined, on: TestApi = api) => {
    const follower = new DealFollower(on, dealId, token);
    followers.push(follower);
    return follower;
  };

  const followed = (on: TestApi, dealId: string, count: number) =>
    eventually(
      () => on.app.get(DealEventFanout).followerCount(dealId) === count,
      `${count} follower(s)`,
    );

  const openDeal = async (resultIndex: number) =>
    must(
      await deals.open(cast.broker, {
        kind: 'TRIAL_FIRST_LICENSE',
        title: '实时事件测试',
        resultId: cast.results[resultIndex]?.id,
        enterpriseId: cast.enterprise.enterpriseId,
        patentIds: cast.results[resultIndex]?.patentIds,
      }),
    ).openDeal;

  beforeAll(async () => {
    api = await startTestApi();
    cast = await castForDeals(api);
    deals = dealApi(api);
  });

  afterEach(async () => {
    await Promise.all(followers.splice(0).map((follower) => follower.close()));
  });

  afterAll(async () => {
    await replica?.close();
    await api.close();
  });

  it('successful-party-live: a party receives each new event as it is committed, in order, and nothing else', async () => {
    const deal = await openDeal(0);
    const other = await openDeal(1);
    const enterprise = follow(deal.id, cast.enterprise.token);
    const researcher = follow(deal.id, cast.researcher);
    await followed(api, deal.id, 2);

    const offer = must(
      await deals.propose(cast.researcher, deal.id, 1, {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '5000000',
        trialDays: 60,
        exclusivity: 'NON_EXCLUSIVE',
      }),
    ).proposeOffer;
    // Another deal's events go to that deal's followers only.
    must(await deals.transition(cast.broker, other.id, 'NEGOTIATE', 1));

    const proposed = await enterprise.next();
    expect(proposed).toMatchObject({
      sequence: 2,
      type: 'OFFER_PROPOSED',
      actorSide: 'INSTITUTION',
      fromState: 'PROPOSED',
      toState: 'NEGOTIATING',
    });
    expect(JSON.parse(proposed.after)).toMatchObject({ currentOfferId: offer.id, revision: 1 });

    must(await deals.accept(cast.enterprise.token, offer.id, 2));
    expect(await enterprise.next()).toMatchObject({
      sequence: 3,
      type: 'TERMS_AGREED',
      action: 'START_TRIAL',
      toState: 'TRIAL_ACTIVE',
    });
    // The scheduler's move (SYSTEM) is announced like anyone's.
    await systemTransition(api, deal.id, DealAction.END_TRIAL, 3);
    expect(await enterprise.next()).toMatchObject({
      sequence: 4,
      action: 'END_TRIAL',
      actorSide: 'SYSTEM',
      actorUserId: null,
    });
    expect([await researcher.next(), await researcher.next(), await researcher.next()]).toEqual([
      expect.objectContaining({ sequence: 2 }),
      expect.objectContaining({ sequence: 3 }),
      expect.objectContaining({ sequence: 4 }),
    ]);
    expect(enterprise.pending).toBe(0);
    expect(researcher.pending).toBe(0);

    // Leaving unregisters the follower on the server.
    await enterprise.close();
    await researcher.close();
    await followed(api, deal.id, 0);
  });

  it('failing-non-party: outsiders get NOT_FOUND, anonymous callers UNAUTHENTICATED, and follow nothing', async () => {
    const deal = await openDeal(2);
    const refusals = [
      [follow(deal.id, cast.otherEnterprise.token), 'NOT_FOUND'],
      [follow(deal.id, cast.outsideResearcher), 'NOT_FOUND'],
      [follow('7a0f8e4c-1d2b-4c3a-9e8f-000000000001', cast.broker), 'NOT_FOUND'],
      [follow(deal.id, undefined), 'UNAUTHENTICATED'],
    ] as const;
    for (const [refused, code] of refusals) {
      await eventually(() => refused.completed, 'the refusal');
      expect(refused.results).toHaveLength(1);
      expect(refused.results[0]?.data ?? null).toBeNull();
      expect(refused.results[0]?.errors?.[0]).toMatchObject({
        path: ['dealEventAdded'],
        extensions: { code, messages: { zh: expect.any(String), en: expect.any(String) } },
      });
    }
    // The broker, who is a party to every deal, follows; the refused never did.
    const broker = follow(deal.id, cast.broker);
    await followed(api, deal.id, 1);
    must(await deals.transition(cast.enterprise.token, deal.id, 'NEGOTIATE', 1));
    expect(await broker.next()).toMatchObject({ sequence: 2, action: 'NEGOTIATE' });
    for (const [refused] of refusals) expect(refused.results).toHaveLength(1);
  });

  it('successful-cross-replica: a replica holding the websocket delivers what another replica commits', async () => {
    replica = await startTestApi({}, { databaseUrl: api.databaseUrl });
    const deal = await openDeal(3);
    const token = await replica.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    const onReplica = follow(deal.id, token, replica);
    await followed(replica, deal.id, 1);
    expect(api.app.get(DealEventFanout).followerCount(deal.id)).toBe(0);

    must(await deals.transition(cast.enterprise.token, deal.id, 'NEGOTIATE', 1));
    must(await deals.transition(cast.broker, deal.id, 'WITHDRAW', 2, '企业转向其他方案'));

    expect(await onReplica.next()).toMatchObject({ sequence: 2, toState: 'NEGOTIATING' });
    expect(await onReplica.next()).toMatchObject({
      sequence: 3,
      action: 'WITHDRAW',
      toState: 'WITHDRAWN',
    });
    expect(onReplica.pending).toBe(0);
  }, 120_000);
});
