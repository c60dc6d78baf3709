import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TransactionService } from '@techmatch/database';
import {
  type NewNotification,
  NotificationFanout,
  NotificationKind,
  NotificationsService,
} from '@techmatch/notifications';
import type { TestApi } from '../utils/test-api.js';

export const DEMO = {
  broker: { email: 'broker@demo.techmatch.cn', password: 'Demo-Broker-2026' },
  enterprise: { email: 'enterprise@demo.techmatch.cn', password: 'Demo-Enterprise-2026' },
  admin: { email: 'admin@demo.techmatch.cn', password: 'Demo-Admin-2026' },
} as const;

export interface Session {
  token: string;
  userId: string;
}

export async function signIn(
  api: TestApi,
  account: { email: string; password: string },
): Promise<Session> {
  const token = await api.client.login(account.email, account.password);
  const me = await api.client.request<{ me: { id: string } }>('{ me { id } }', {}, token);
  if (!me.data?.me) throw new Error(`me failed: ${JSON.stringify(me.errors)}`);
  return { token, userId: me.data.me.id };
}

let sequence = 0;

/** A match suggestion for `recipientId`, with a score that tells notes of one spec apart. */
export function matchNote(
  recipientId: string,
  score = (++sequence % 1000) / 1000,
): NewNotification {
  return {
    recipientId,
    kind: NotificationKind.MATCH_SUGGESTED,
    title: { zh: `新的匹配 ${score}`, en: `New match ${score}` },
    body: { zh: '有一项科技成果与您的需求匹配', en: 'A research result matches your need' },
    data: {
      needId: '00000000-0000-4000-8000-00000000000a',
      resultId: '00000000-0000-4000-8000-00000000000b',
      matchId: '00000000-0000-4000-8000-00000000000c',
      score,
    },
  };
}

/** Commits these notifications in one transaction of the API's own, as another context would. */
export async function commitNotes(api: TestApi, notes: NewNotification[]): Promise<void> {
  const notifications = api.app.get(NotificationsService);
  await api.app.get(TransactionService).run((em) => notifications.notify(em, notes));
}

/** Writes the notifications in a transaction that then fails; resolves once it rolled back. */
export async function rollBackNotes(api: TestApi, notes: NewNotification[]): Promise<void> {
  const notifications = api.app.get(NotificationsService);
  const failure = new Error('the caller failed after notifying');
  await expect(
    api.app.get(TransactionService).run(async (em) => {
      await notifications.notify(em, notes);
      throw failure;
    }),
  ).rejects.toBe(failure);
}

export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until `userId` has `count` live subscriptions on this API (the socket is not enough). */
export async function subscribed(api: TestApi, userId: string, count = 1): Promise<void> {
  const fanout = api.app.get(NotificationFanout);
  await eventually(() => fanout.subscriberCount(userId) >= count, `${count} subscription(s)`);
}

export const NOTIFICATION_RECEIVED = `subscription {
  notificationReceived {
    id kind titleZh titleEn bodyZh bodyEn readAt createdAt
    data { needId resultId matchId score }
  }
}`;

export interface ReceivedNotification {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  data: { needId: string | null; score: number | null };
  readAt: string | null;
}

type Received = { notificationReceived: ReceivedNotification };

/** A graphql-ws client, as a browser would use one, that records what one subscription yields. */
export class LiveSubscriber {
  readonly results: Array<FormattedExecutionResult<Received, unknown>> = [];
  readonly failures: unknown[] = [];
  completed = false;
  socketClosed = false;
  private readonly client: Client;
  private consumed = 0;

  constructor(api: TestApi, token?: string) {
    this.client = createClient({
      url: `${api.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
      on: { closed: () => (this.socketClosed = true) },
    });
    this.client.subscribe<Received>(
      { query: NOTIFICATION_RECEIVED },
      {
        next: (result) => this.results.push(result),
        error: (error) => this.failures.push(error),
        complete: () => (this.completed = true),
      },
    );
  }

  /** The next notification pushed to this subscriber (fails on an error result). */
  async next(timeoutMs = 15_000): Promise<ReceivedNotification> {
    await eventually(() => this.results.length > this.consumed, 'a live notification', timeoutMs);
    const result = this.results[this.consumed++];
    if (!result?.data) throw new Error(`subscription error: ${JSON.stringify(result?.errors)}`);
    return result.data.notificationReceived;
  }

  /** Nothing was pushed beyond what has been read with next(). */
  get pending(): number {
    return this.results.length - this.consumed;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
