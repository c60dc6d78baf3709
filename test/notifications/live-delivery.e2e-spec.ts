import { DataSource } from 'typeorm';
import { NotificationFanout } from '@techmatch/notifications';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import {
  commitNotes,
  DEMO,
  eventually,
  LiveSubscriber,
  matchNote,
  rollBackNotes,
  type Session,
  signIn,
  subscribed,
} from './notification-support.js';

describe('notifications: live delivery over graphql-ws', () => {
  let api: TestApi;
  let replica: TestApi | undefined;
  let broker: Session;
  let enterprise: Session;
  const subscribers: LiveSubscriber[] = [];

  /** A subscriber on `on` (default: the first API); closed after the spec whatever happens. */
  const subscribe = (token: string | undefined, on: TestApi = api): LiveSubscriber => {
    const subscriber = new LiveSubscriber(on, token);
    subscribers.push(subscriber);
    return subscriber;
  };

  beforeAll(async () => {
    api = await startTestApi();
    broker = await signIn(api, DEMO.broker);
    enterprise = await signIn(api, DEMO.enterprise);
  });

  afterEach(async () => {
    await Promise.all(subscribers.splice(0).map((subscriber) => subscriber.close()));
  });

  afterAll(async () => {
    await replica?.close();
    await api.close();
  });

  it('successful-own-only: a broker and an enterprise each receive only their own notifications', async () => {
    const brokerLive = subscribe(broker.token);
    const enterpriseLive = subscribe(enterprise.token);
    await subscribed(api, broker.userId);
    await subscribed(api, enterprise.userId);

    await commitNotes(api, [matchNote(enterprise.userId, 0.71)]);
    await commitNotes(api, [matchNote(broker.userId, 0.72)]);

    // Deliveries keep their commit order, so the enterprise's note would have come first.
    expect(await brokerLive.next()).toMatchObject({
      kind: 'MATCH_SUGGESTED',
      titleZh: '新的匹配 0.72',
      titleEn: 'New match 0.72',
      readAt: null,
      data: { needId: '00000000-0000-4000-8000-00000000000a', score: 0.72 },
    });
    expect((await enterpriseLive.next()).data.score).toBe(0.71);

    await commitNotes(api, [matchNote(broker.userId, 0.73), matchNote(enterprise.userId, 0.74)]);
    expect((await brokerLive.next()).data.score).toBe(0.73);
    expect((await enterpriseLive.next()).data.score).toBe(0.74);
    expect(brokerLive.pending).toBe(0);
    expect(enterpriseLive.pending).toBe(0);
  });

  it('successful-rolled-back: a notification whose transaction rolls back is never pushed', async () => {
    const brokerLive = subscribe(broker.token);
    await subscribed(api, broker.userId);

    await rollBackNotes(api, [matchNote(broker.userId, 0.61)]);
    await commitNotes(api, [matchNote(broker.userId, 0.62)]);

    expect((await brokerLive.next()).data.score).toBe(0.62);
    expect(brokerLive.pending).toBe(0);
  });

  it('failing-unauthenticated: a subscription without a valid token is refused', async () => {
    const anonymous = subscribe(undefined);
    const forged = subscribe('not-a-jwt');
    for (const refused of [anonymous, forged]) {
      await eventually(() => refused.completed, 'the refusal');
      expect(refused.results).toHaveLength(1);
      expect(refused.results[0]?.data ?? null).toBeNull();
      expect(refused.results[0]?.errors?.[0]).toMatchObject({
        path: ['notificationReceived'],
        extensions: { code: 'UNAUTHENTICATED', messages: { zh: expect.any(String) } },
      });
    }
    const fanout = api.app.get(NotificationFanout);
    expect(fanout.subscriberCount(broker.userId)).toBe(0);
  });

  it('successful-reconnect: after the listening connection is killed, a note committed meanwhile still arrives, once', async () => {
    const brokerLive = subscribe(broker.token);
    await subscribed(api, broker.userId);
    const fanout = api.app.get(NotificationFanout);
    expect(fanout.listening).toBe(true);

    // Kill the listener and wait until its backend is gone: nobody hears the NOTIFY of the next
    // commit, so only the replay after reconnecting can deliver it.
    const [killed] = await api.app.get(DataSource).query<Array<{ ok: boolean }>>(
      `SELECT bool_and(pg_terminate_backend(pid, 10000)) AS ok FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'techmatch-notifications'`,
    );
    expect(killed?.ok).toBe(true);
    await commitNotes(api, [matchNote(broker.userId, 0.51)]);

    expect((await brokerLive.next(30_000)).data.score).toBe(0.51);
    await eventually(() => fanout.listening, 'the listener to reconnect', 30_000);
    await commitNotes(api, [matchNote(broker.userId, 0.52)]);
    expect((await brokerLive.next()).data.score).toBe(0.52);
    expect(brokerLive.pending).toBe(0);
  }, 90_000);

  it('successful-cross-replica: a replica holding the websocket delivers what another replica commits', async () => {
    replica = await startTestApi({}, { databaseUrl: api.databaseUrl });
    const onReplica = await signIn(replica, DEMO.broker);
    const brokerLive = subscribe(onReplica.token, replica);
    await subscribed(replica, broker.userId);
    expect(api.app.get(NotificationFanout).subscriberCount(broker.userId)).toBe(0);

    await commitNotes(api, [matchNote(enterprise.userId, 0.41), matchNote(broker.userId, 0.42)]);

    expect((await brokerLive.next()).data.score).toBe(0.42);
    expect(brokerLive.pending).toBe(0);
  }, 180_000);

  it('successful-close: closing an API closes its websockets, and close() does not hang', async () => {
    const target = replica ?? (await startTestApi({}, { databaseUrl: api.databaseUrl }));
    replica = undefined;
    const session = await signIn(target, DEMO.broker);
    const brokerLive = subscribe(session.token, target);
    await subscribed(target, session.userId);

    await target.close();
    await eventually(() => brokerLive.socketClosed, 'the socket to close');
    expect(brokerLive.pending).toBe(0);
  }, 180_000);
});
