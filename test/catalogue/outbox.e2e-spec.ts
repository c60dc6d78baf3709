import { OutboxService } from '@techmatch/database';
import { SEARCH_TOPICS } from '@techmatch/search';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';
import { researcherAt } from './catalogue-fixtures.js';

const CREATE = `mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id } }`;
const input = (overrides: Record<string, unknown> = {}) => ({
  title: '工业机器人关节减速器精度保持技术',
  summary: '面向工业机器人 RV 减速器的精度保持与寿命提升方法，已在中试线验证。',
  fieldCodes: ['0802'],
  trl: 6,
  stage: 'PILOT',
  modes: ['TRIAL_FIRST_LICENSE'],
  ...overrides,
});

describe('the transactional outbox', () => {
  let api: TestApi;
  let researcher: string;

  beforeAll(async () => {
    // The relay is off (the test API's default): these tests drive the outbox themselves.
    api = await startTestApi({ DEMO_DATA: 'false' });
    // Without demo data there is no institution yet; a researcher needs one to register at.
    await withClient(api.databaseUrl, (client) =>
      client.query(
        `INSERT INTO institutions (name_zh, kind, division_code) VALUES ('河南科技大学', 'UNIVERSITY', '410311')`,
      ),
    );
    researcher = await researcherAt(api.client, '河南科技大学');
  });

  afterAll(async () => {
    await api.close();
  });

  const events = (aggregateId?: string): Promise<number> =>
    withClient(api.databaseUrl, async (client) => {
      const { rows } = await client.query<{ n: number }>(
        aggregateId
          ? 'SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1'
          : 'SELECT count(*)::int AS n FROM outbox_events',
        aggregateId ? [aggregateId] : [],
      );
      return rows[0]?.n ?? 0;
    });

  it('successful-same-transaction: each committed change of a result leaves one event for it', async () => {
    const created = await api.client.request<{ createResearchResult: { id: string } }>(
      CREATE,
      { input: input() },
      researcher,
    );
    const id = created.data?.createResearchResult.id ?? '';
    expect(await events(id)).toBe(1);
    await api.client.request(
      `mutation ($id: ID!) { publishResearchResult(id: $id) { id } }`,
      { id },
      researcher,
    );
    expect(await events(id)).toBe(2);
  });

  it('failing-rolled-back: a write that fails leaves no event and no row', async () => {
    const patent = {
      number: '202310123456.6',
      title: '专利',
      kind: 'INVENTION',
      legalStatus: 'PENDING',
    };
    await api.client.request(CREATE, { input: input({ patents: [patent] }) }, researcher);
    const before = await events();
    const again = await api.client.request(
      CREATE,
      { input: input({ patents: [patent] }) },
      researcher,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await events()).toBe(before);
  });

  it('successful-skip-locked: two relays working at once never claim the same event', async () => {
    const outbox = api.app.get(OutboxService);
    const claimed: string[][] = [[], []];
    const relay = (n: number) =>
      outbox.processBatch(
        { topics: SEARCH_TOPICS, batchSize: 2, maxAttempts: 3, backoffMs: () => 0 },
        async (batch) => {
          claimed[n]?.push(...batch.map((event) => event.id));
          await new Promise((resolve) => setTimeout(resolve, 200)); // hold the claim while the other runs
          return batch.map((event) => ({ id: event.id, ok: true as const }));
        },
      );
    while ((await Promise.all([relay(0), relay(1)])).some((count) => count > 0));
    const [first = [], second = []] = claimed;
    expect(first.filter((id) => second.includes(id))).toEqual([]);
    expect(first.length + second.length).toBe(await events());
    expect((await outbox.stats(SEARCH_TOPICS)).pending).toBe(0);
  });

  it('failing-poison-event: retried with backoff, then parked with its error, without blocking others', async () => {
    const outbox = api.app.get(OutboxService);
    await api.client.request(CREATE, { input: input({ title: '毒性事件测试成果' }) }, researcher);
    await api.client.request(CREATE, { input: input({ title: '正常事件测试成果' }) }, researcher);
    const pending = await withClient(
      api.databaseUrl,
      async (client) =>
        (
          await client.query<{ id: string }>(
            'SELECT id FROM outbox_events WHERE processed_at IS NULL ORDER BY id',
          )
        ).rows,
    );
    const poison = pending[0]?.id;
    const options = { topics: SEARCH_TOPICS, batchSize: 10, maxAttempts: 2, backoffMs: () => 0 };
    const handler = (batch: Array<{ id: string }>) =>
      Promise.resolve(
        batch.map((event) =>
          event.id === poison
            ? { id: event.id, ok: false as const, error: 'document rejected' }
            : { id: event.id, ok: true as const },
        ),
      );
    await outbox.processBatch(options, handler);
    expect((await outbox.stats(SEARCH_TOPICS)).pending).toBe(1); // the poison one, to be retried
    await outbox.processBatch(options, handler);
    const stats = await outbox.stats(SEARCH_TOPICS);
    expect(stats).toMatchObject({ pending: 0, parked: 1 });
    const parked = await withClient(
      api.databaseUrl,
      async (client) =>
        (
          await client.query<{ last_error: string; attempts: number }>(
            'SELECT last_error, attempts FROM outbox_events WHERE parked_at IS NOT NULL',
          )
        ).rows,
    );
    expect(parked).toEqual([{ last_error: 'document rejected', attempts: 2 }]);
  });
});
