import { DataSource } from 'typeorm';
import { NotificationsService } from '@techmatch/notifications';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import {
  commitNotes,
  DEMO,
  matchNote,
  rollBackNotes,
  type Session,
  signIn,
} from './notification-support.js';

const LIST = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind titleZh titleEn bodyZh bodyEn readAt createdAt
      data { needId resultId matchId score } } }
  }
}`;
const UNREAD = '{ unreadNotificationCount }';
const MARK = `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`;
const MARK_ALL = 'mutation { markAllNotificationsRead { marked unreadCount } }';

interface Listed {
  id: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  readAt: string | null;
  createdAt: string;
  data: { needId: string | null; resultId: string | null; matchId: string | null; score: number };
}
interface ListResult {
  notifications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: Listed }>;
  };
}
interface ReadResult {
  marked: number;
  unreadCount: number;
}

describe('notifications: stored, listed, counted and marked read', () => {
  let api: TestApi;
  let broker: Session;
  let enterprise: Session;

  const list = async (who: Session, variables: Record<string, unknown> = {}) => {
    const result = await api.client.request<ListResult>(LIST, variables, who.token);
    expect(result.errors).toBeUndefined();
    if (!result.data) throw new Error(`notifications failed: ${JSON.stringify(result.errors)}`);
    return result.data.notifications;
  };
  const unread = async (who: Session): Promise<number> => {
    const result = await api.client.request<{ unreadNotificationCount: number }>(
      UNREAD,
      {},
      who.token,
    );
    return result.data?.unreadNotificationCount ?? -1;
  };
  const stored = async (): Promise<number> => {
    const [row] = await api.app
      .get(DataSource)
      .query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM notifications');
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    api = await startTestApi();
    broker = await signIn(api, DEMO.broker);
    enterprise = await signIn(api, DEMO.enterprise);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-stored-per-recipient: each user lists only their own, newest first, unread', async () => {
    await commitNotes(api, [matchNote(broker.userId, 0.81), matchNote(enterprise.userId, 0.82)]);
    await commitNotes(api, [matchNote(broker.userId, 0.91)]);

    const mine = await list(broker);
    expect(mine.totalCount).toBe(2);
    expect(mine.edges.map((edge) => edge.node.data.score)).toEqual([0.91, 0.81]);
    expect(mine.edges[0]?.node).toMatchObject({
      kind: 'MATCH_SUGGESTED',
      titleZh: '新的匹配 0.91',
      titleEn: 'New match 0.91',
      readAt: null,
      data: {
        needId: '00000000-0000-4000-8000-00000000000a',
        resultId: '00000000-0000-4000-8000-00000000000b',
        matchId: '00000000-0000-4000-8000-00000000000c',
      },
    });
    const theirs = await list(enterprise);
    expect(theirs.edges.map((edge) => edge.node.data.score)).toEqual([0.82]);
    expect(await unread(broker)).toBe(2);
    expect(await unread(enterprise)).toBe(1);
  });

  it("successful-mark-read: marks the caller's own; someone else's ids change nothing", async () => {
    const [newest, older] = (await list(broker)).edges.map((edge) => edge.node.id);

    const intruder = await api.client.request<{ markNotificationsRead: ReadResult }>(
      MARK,
      { ids: [newest, older] },
      enterprise.token,
    );
    expect(intruder.data?.markNotificationsRead).toEqual({ marked: 0, unreadCount: 1 });
    expect(await unread(broker)).toBe(2);

    const first = await api.client.request<{ markNotificationsRead: ReadResult }>(
      MARK,
      { ids: [newest, '00000000-0000-4000-8000-000000000099'] },
      broker.token,
    );
    expect(first.data?.markNotificationsRead).toEqual({ marked: 1, unreadCount: 1 });
    const again = await api.client.request<{ markNotificationsRead: ReadResult }>(
      MARK,
      { ids: [newest] },
      broker.token,
    );
    expect(again.data?.markNotificationsRead).toEqual({ marked: 0, unreadCount: 1 });

    const onlyUnread = await list(broker, { unreadOnly: true });
    expect(onlyUnread.totalCount).toBe(1);
    expect(onlyUnread.edges.map((edge) => edge.node.id)).toEqual([older]);
    const all = await list(broker);
    expect(all.edges.map((edge) => [edge.node.id, edge.node.readAt !== null])).toEqual([
      [newest, true],
      [older, false],
    ]);

    const rest = await api.client.request<{ markAllNotificationsRead: ReadResult }>(
      MARK_ALL,
      {},
      broker.token,
    );
    expect(rest.data?.markAllNotificationsRead).toEqual({ marked: 1, unreadCount: 0 });
    expect((await list(broker, { unreadOnly: true })).totalCount).toBe(0);
    // The enterprise's notification was not touched by the broker's "all".
    expect(await unread(enterprise)).toBe(1);
  });

  it('successful-rolled-back: a transaction that fails after notifying stores nothing', async () => {
    const before = await stored();
    await rollBackNotes(api, [matchNote(broker.userId), matchNote(enterprise.userId)]);
    expect(await stored()).toBe(before);
    expect(await unread(broker)).toBe(0);
    expect(await unread(enterprise)).toBe(1);
  });

  it('successful-dedupe: an empty list does nothing; the same note twice is stored once', async () => {
    const before = await stored();
    await commitNotes(api, []);
    expect(await stored()).toBe(before);

    const note = matchNote(enterprise.userId, 0.5);
    await commitNotes(api, [note, { ...note, data: { score: 0.5, ...note.data } }]);
    expect(await stored()).toBe(before + 1);
    expect(await unread(enterprise)).toBe(2);
  });

  it('successful-long-title: a title longer than 200 characters is cut with an ellipsis', async () => {
    const long = matchNote(broker.userId, 0.33);
    long.title = { zh: '长'.repeat(300), en: `${'x'.repeat(198)}😀 and more` };
    await commitNotes(api, [long]);
    const [newest] = (await list(broker, { first: 1 })).edges;
    expect(newest?.node.titleZh).toBe(`${'长'.repeat(199)}…`);
    expect(newest?.node.titleEn).toBe(`${'x'.repeat(198)}😀…`);
    expect(newest?.node.data.score).toBe(0.33);
  });

  it('successful-paging: a new broker is a recipient, and pages through its notifications', async () => {
    const admin = await signIn(api, DEMO.admin);
    const created = await api.client.request<{ createBroker: { id: string } }>(
      `mutation ($input: CreateBrokerInput!) { createBroker(input: $input) { id } }`,
      {
        input: {
          email: 'second.broker@demo.techmatch.cn',
          password: 'Second-Broker-2026',
          displayName: '第二经纪人',
        },
      },
      admin.token,
    );
    expect(created.errors).toBeUndefined();
    const brokers = await api.app.get(NotificationsService).brokerUserIds();
    expect(brokers).toEqual(expect.arrayContaining([broker.userId, created.data?.createBroker.id]));
    expect(brokers).not.toContain(enterprise.userId);
    expect(brokers).not.toContain(admin.userId);

    const second = await signIn(api, {
      email: 'second.broker@demo.techmatch.cn',
      password: 'Second-Broker-2026',
    });
    for (const score of [0.1, 0.2, 0.3, 0.4, 0.5])
      await commitNotes(api, [matchNote(second.userId, score)]);
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const result = await list(second, { first: 2, after });
      expect(result.totalCount).toBe(5);
      seen.push(...result.edges.map((edge) => edge.node.data.score));
      expect(result.pageInfo.hasNextPage).toBe(page < 2);
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual([0.5, 0.4, 0.3, 0.2, 0.1]);
  });

  it('failing-anonymous: listing, counting and marking need a signed-in caller', async () => {
    expect(errorCode(await api.client.request(LIST))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.client.request(UNREAD))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.client.request(MARK_ALL))).toBe('UNAUTHENTICATED');
    expect(await unread(enterprise)).toBe(2);
  });

  it('failing-bad-ids: ids that are not uuids are BAD_USER_INPUT and mark nothing', async () => {
    const [mine] = (await list(enterprise)).edges.map((edge) => edge.node.id);
    const result = await api.client.request(MARK, { ids: [mine, 'not-a-uuid'] }, enterprise.token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: 'ids' }),
    ]);
    expect(await unread(enterprise)).toBe(2);
  });
});
