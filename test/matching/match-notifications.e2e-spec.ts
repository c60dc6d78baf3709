import { enterpriseIn, researcherAt } from '../catalogue/catalogue-fixtures.js';
import { DEMO, LiveSubscriber, signIn, subscribed } from '../notifications/notification-support.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import {
  createPublishedNeed,
  createPublishedResult,
  settle,
  skipDemoMatching,
} from './matching-fixtures.js';

describe('matching notifications', () => {
  let api: TestApi;
  let needId = '';

  beforeAll(async () => {
    api = await startTestApi({ MATCH_NOTIFY_SCORE: '0.5' });
    await skipDemoMatching(api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-live-notification: a strong new match reaches a subscribed broker and the enterprise inbox', async () => {
    const broker = await signIn(api, DEMO.broker);
    const live = new LiveSubscriber(api, broker.token);
    await subscribed(api, broker.userId);

    const researcher = await researcherAt(api.client, '河南科技大学');
    const enterprise = await enterpriseIn(api.client, '410327'); // 宜阳县
    await createPublishedResult(api.client, researcher, {
      title: '钼钨合金粉末冶金烧结致密化技术',
      summary:
        '针对钼钨合金烧结密度低的问题，开发活化烧结与热等静压致密化工艺，适用于县域钼深加工企业。',
      fieldCodes: ['0805'],
      keywords: ['钼钨合金', '粉末冶金', '烧结'],
      trl: 7,
      stage: 'INDUSTRIALISATION',
      modes: ['LICENSE'],
    });
    needId = await createPublishedNeed(api.client, enterprise.token, {
      title: '钼钨合金粉末冶金烧结致密化',
      description: '企业生产钼钨合金制品，需要提高粉末冶金烧结致密度。',
      problem: '烧结密度低，热等静压成本高。',
      fieldCodes: ['0805'],
      keywords: ['钼钨合金', '粉末冶金', '烧结'],
      modes: ['LICENSE'],
    });
    await settle(api);

    const pushed = await live.next();
    expect(pushed.kind).toBe('MATCH_SUGGESTED');
    expect(pushed.data.needId).toBe(needId);
    expect(pushed.data.score).toBeGreaterThanOrEqual(0.5);
    await live.close();

    const inbox = await api.client.request<{
      notifications: {
        edges: Array<{ node: { readAt: string | null; data: { needId: string } } }>;
      };
      unreadNotificationCount: number;
    }>(
      '{ notifications(first: 10) { edges { node { readAt data { needId } } } } unreadNotificationCount }',
      {},
      enterprise.token,
    );
    expect(inbox.data?.notifications.edges.map((edge) => edge.node.data.needId)).toContain(needId);
    expect(inbox.data?.unreadNotificationCount).toBeGreaterThan(0);
  });

  it('failing-below-threshold: re-scoring an existing pair notifies nobody again', async () => {
    const broker = await signIn(api, DEMO.broker);
    const before = await api.client.request<{ unreadNotificationCount: number }>(
      '{ unreadNotificationCount }',
      {},
      broker.token,
    );
    expect(needId).not.toBe('');
    const rematched = await api.client.request(
      'mutation ($needId: ID!) { rematchNeed(needId: $needId) { id } }',
      { needId },
      broker.token,
    );
    expect(rematched.errors).toBeUndefined();
    const after = await api.client.request<{ unreadNotificationCount: number }>(
      '{ unreadNotificationCount }',
      {},
      broker.token,
    );
    expect(after.data?.unreadNotificationCount).toBe(before.data?.unreadNotificationCount);
  });
});
