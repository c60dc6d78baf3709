import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DealEventFanout } from '@techmatch/deals';
import { NotificationFanout } from '@techmatch/notifications';
import { commitNotes, eventually, matchNote } from '../../notifications/notification-support.js';
import { type Cast, ROLES, type Role } from './cast.js';
import { ok } from './inputs.js';
import type { Outcome } from './rows.js';

/**
 * The subscriptions, opened over graphql-ws by every role at once. A refused one ends with the
 * error's code. An allowed one counts as OK once it has been sent what it follows, and it must be
 * sent nothing else: another party's deal events or notifications would be a leak.
 */
export interface SubscriptionRow {
  operation: string;
  note: string;
  expected: Record<Role, Outcome>;
  /** What each role got: OK, the refusal's code, or what went wrong. */
  run(cast: Cast): Promise<Record<Role, string>>;
}

const byRole = (outcomes: Outcome[]): Record<Role, Outcome> =>
  Object.fromEntries(ROLES.map((role, i) => [role, outcomes[i] ?? 'OK'])) as Record<Role, Outcome>;

/** One role's subscription, recording what it is sent. */
class Subscriber<T> {
  readonly results: Array<FormattedExecutionResult<T, unknown>> = [];
  ended = false;
  private readonly client: Client;

  constructor(cast: Cast, token: string | undefined, query: string, variables = {}) {
    this.client = createClient({
      url: `${cast.api.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    this.client.subscribe<T>(
      { query, variables },
      {
        next: (result) => this.results.push(result),
        error: () => (this.ended = true),
        complete: () => (this.ended = true),
      },
    );
  }

  get refusal(): string | undefined {
    const code = this.results[0]?.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** OK when every result was data and `accepts` each of them; otherwise what was wrong. */
function outcomeOf<T>(subscriber: Subscriber<T>, accepts: (data: T) => boolean): string {
  if (subscriber.refusal) return subscriber.refusal;
  if (subscriber.results.length === 0) return subscriber.ended ? 'ENDED' : 'NOTHING RECEIVED';
  const foreign = subscriber.results.filter((r) => !r.data || !accepts(r.data));
  return foreign.length === 0 ? 'OK' : `LEAK: ${JSON.stringify(foreign)}`;
}

async function openAll<T>(
  cast: Cast,
  query: string,
  variables: Record<string, unknown>,
  registered: () => number,
): Promise<Array<[Role, Subscriber<T>]>> {
  const subscribers = ROLES.map(
    (role) => [role, new Subscriber<T>(cast, cast.tokens[role], query, variables)] as const,
  );
  // Every subscription is either refused or registered on the server before anything is sent.
  await eventually(
    () => subscribers.filter(([, s]) => s.refusal).length + registered() >= ROLES.length,
    'every subscription to be refused or registered',
  );
  return subscribers.map(([role, s]) => [role, s]);
}

interface DealEvent {
  dealEventAdded: { dealId: string; sequence: number };
}
interface Notification {
  notificationReceived: { id: string; titleEn: string };
}

export const SUBSCRIPTION_ROWS: SubscriptionRow[] = [
  {
    operation: 'dealEventAdded',
    note: 'a fresh deal of A and Y: its parties follow it, others are told it is not there',
    //            anon               entA  entB         res   oRes         brok  admin
    expected: byRole(['UNAUTHENTICATED', 'OK', 'NOT_FOUND', 'OK', 'NOT_FOUND', 'OK', 'OK']),
    run: async (cast) => {
      const dealId = await cast.fresh.proposedDeal();
      const fanout = cast.api.app.get(DealEventFanout);
      const subscribers = await openAll<DealEvent>(
        cast,
        'subscription ($dealId: ID!) { dealEventAdded(dealId: $dealId) { dealId sequence } }',
        { dealId },
        () => fanout.followerCount(dealId),
      );
      try {
        // The broker's offer is the deal's second event.
        ok(
          await cast.api.client.request<{ proposeOffer: { id: string } }>(
            'mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id } }',
            {
              input: {
                dealId,
                version: 1,
                terms: { feeModel: 'ROYALTY', royaltyRateBp: 100, exclusivity: 'NON_EXCLUSIVE' },
              },
            },
            cast.tokens.broker,
          ),
          'proposeOffer',
        );
        await eventually(
          () => subscribers.every(([, s]) => s.refusal || s.results.length > 0),
          'the offer event at every follower',
        );
        return Object.fromEntries(
          subscribers.map(([role, s]) => [
            role,
            outcomeOf(s, (data) => data.dealEventAdded.dealId === dealId),
          ]),
        ) as Record<Role, string>;
      } finally {
        await Promise.all(subscribers.map(([, s]) => s.close()));
      }
    },
  },
  {
    operation: 'notificationReceived',
    note: 'each signed-in caller gets its own notification, and no one else’s',
    expected: byRole(['UNAUTHENTICATED', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK']),
    run: async (cast) => {
      const fanout = cast.api.app.get(NotificationFanout);
      const people = ROLES.flatMap((role) => {
        const userId = cast.userIds[role];
        return userId ? [{ role, userId }] : [];
      });
      const subscribers = await openAll<Notification>(
        cast,
        'subscription { notificationReceived { id titleEn } }',
        {},
        () => people.filter((p) => fanout.subscriberCount(p.userId) > 0).length,
      );
      try {
        // One note per person, in one transaction: each must arrive at its recipient only.
        const notes = people.map((p) => ({
          ...matchNote(p.userId),
          title: { zh: `矩阵测试通知 ${p.role}`, en: `matrix note for ${p.role}` },
        }));
        await commitNotes(cast.api, notes);
        await eventually(
          () => subscribers.every(([, s]) => s.refusal || s.results.length > 0),
          'a notification at every subscriber',
        );
        // Anything misdirected would have been published with the rest; give it a moment.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return Object.fromEntries(
          subscribers.map(([role, s]) => [
            role,
            outcomeOf(s, (data) => data.notificationReceived.titleEn === `matrix note for ${role}`),
          ]),
        ) as Record<Role, string>;
      } finally {
        await Promise.all(subscribers.map(([, s]) => s.close()));
      }
    },
  },
];
