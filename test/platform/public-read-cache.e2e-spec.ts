import { DataSource } from 'typeorm';
import { PRIVATE_TABLES, PUBLIC_READ_TABLES } from '@techmatch/database';
import { PublicReadsGeneration } from '../../apps/api/src/graphql/public-cache/public-reads-generation.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';

/**
 * The public-read cache (apps/api/src/graphql/public-cache): anonymous catalogue reads are answered
 * from memory (Apollo's response cache says so with an `age` header), and never after a change is
 * known: a mutation on the same replica, a write on another replica, a write in plain SQL, a change
 * reaching the search index. Callers with a token, and anything not purely public, are always
 * answered fresh.
 */

const LIST = '{ researchResults(first: 5) { edges { node { id title institution { nameZh } } } } }';
const ONE = 'query ($id: ID!) { researchResult(id: $id) { id title version } }';
const UPDATE = `mutation ($input: UpdateResultInput!) {
  updateResearchResult(input: $input) { id title version } }`;

interface Answer<T> {
  cached: boolean;
  body: { data?: T; errors?: Array<{ extensions?: { code?: string } }> };
}

/** A GraphQL POST that also says whether the answer came from the cache. */
async function ask<T = Record<string, unknown>>(
  api: TestApi,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer<T>> {
  const response = await fetch(`${api.baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer<T>['body'];
  return { cached: response.headers.has('age'), body };
}

/** Asks until `done` holds (a change is heard asynchronously), or fails saying what it waited for. */
async function askUntil<T>(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  done: (answer: Answer<T>) => boolean,
  what: string,
): Promise<Answer<T>> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const answer = await ask<T>(api, query, variables);
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

type Results = { researchResults: { edges: Array<{ node: { id: string; title: string } }> } };
type One = { researchResult: { id: string; title: string; version: number } };

describe('Public-read cache', () => {
  let api: TestApi;
  let replica: TestApi | undefined;
  let researcher: string;
  let db: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
    researcher = await api.client.login('researcher@demo.techmatch.cn', 'Demo-Researcher-2026');
  }, 120_000);

  afterAll(async () => {
    await replica?.close();
    await api?.close();
  });

  /** Renames a result through the API as its researcher; returns the new title. */
  async function rename(target: TestApi, id: string): Promise<string> {
    const before = await ask<One>(target, ONE, { id }, researcher);
    const title = `缓存测试 ${Math.random().toString(36).slice(2, 8)}`;
    const version = before.body.data?.researchResult.version;
    const updated = await ask(target, UPDATE, { input: { id, version, title } }, researcher);
    expect(updated.body.errors).toBeUndefined();
    return title;
  }

  it('successful-hit: an anonymous catalogue read is answered from the cache the second time, identically', async () => {
    const first = await ask<Results>(api, LIST);
    const second = await ask<Results>(api, LIST);
    expect(first.body.data?.researchResults.edges.length).toBeGreaterThan(0);
    expect(second.cached).toBe(true);
    expect(second.body).toEqual(first.body);
    // The cache is keyed by variables too.
    const id = first.body.data?.researchResults.edges[0]?.node.id;
    const other = first.body.data?.researchResults.edges[1]?.node.id;
    await ask(api, ONE, { id });
    expect((await ask<One>(api, ONE, { id })).cached).toBe(true);
    const fresh = await ask<One>(api, ONE, { id: other });
    expect(fresh.cached).toBe(false);
    expect(fresh.body.data?.researchResult.id).toBe(other);
  });

  it('successful-fresh: callers with a token, private root fields, mutations and errors are never cached', async () => {
    await ask(api, LIST, {}, researcher);
    expect((await ask(api, LIST, {}, researcher)).cached).toBe(false);
    // A bad token too: the caller may be about to sign in, and gets what the guard decides.
    expect((await ask(api, LIST, {}, 'not-a-token')).cached).toBe(false);
    // A liveness probe is cheaper to answer than to look up.
    await ask(api, '{ __typename }');
    expect((await ask(api, '{ __typename }')).cached).toBe(false);
    // Only plain cacheable root fields: a root-level fragment could hide anything.
    const fragment = `{ ... on Query { researchResults(first: 1) { edges { node { id } } } } }`;
    expect((await ask(api, fragment)).body.errors).toBeUndefined();
    expect((await ask(api, fragment)).cached).toBe(false);
    // An answer with errors is not kept: NOT_FOUND is asked for again.
    const missing = { id: '00000000-0000-4000-8000-000000000000' };
    expect((await ask(api, ONE, missing)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const again = await ask(api, ONE, missing);
    expect(again.cached).toBe(false);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('successful-own-write: after a mutation, the same replica answers with the change at once', async () => {
    const listed = await ask<Results>(api, LIST);
    const id = listed.body.data?.researchResults.edges[0]?.node.id ?? '';
    await ask(api, ONE, { id });
    expect((await ask(api, ONE, { id })).cached).toBe(true);

    const title = await rename(api, id);

    // No waiting: the mutation moved the generation on before its answer left.
    const after = await ask<One>(api, ONE, { id });
    expect(after.body.data?.researchResult.title).toBe(title);
    expect(after.cached).toBe(false);
  });

  it('successful-other-replica: a change committed through another replica is heard, and the cache emptied', async () => {
    replica = await startTestApi({}, { databaseUrl: api.databaseUrl });
    const listed = await ask<Results>(replica, LIST);
    const id = listed.body.data?.researchResults.edges[0]?.node.id ?? '';
    expect((await ask(replica, LIST)).cached).toBe(true);

    const title = await rename(api, id);

    const seen = await askUntil<Results>(
      replica,
      LIST,
      {},
      (answer) => answer.body.data?.researchResults.edges[0]?.node.title === title,
      'the replica to answer with the new title',
    );
    expect(seen.cached).toBe(false);
  }, 120_000);

  it('successful-sql-write: a write that bypasses the API (plain SQL) empties the cache too', async () => {
    const institutions = '{ institutions { id nameZh } }';
    type Institutions = { institutions: Array<{ id: string; nameZh: string }> };
    const before = await ask<Institutions>(api, institutions);
    expect((await ask(api, institutions)).cached).toBe(true);
    const target = before.body.data?.institutions[0];
    const renamed = `${target?.nameZh ?? ''}（测试）`;

    await db.query(`UPDATE institutions SET name_zh = $1 WHERE id = $2`, [renamed, target?.id]);

    await askUntil<Institutions>(
      api,
      institutions,
      {},
      (answer) => answer.body.data?.institutions.some((i) => i.nameZh === renamed) ?? false,
      'the renamed institution',
    );
    await db.query(`UPDATE institutions SET name_zh = $1 WHERE id = $2`, [
      target?.nameZh,
      target?.id,
    ]);
  });

  it('successful-search-indexed: the relay marking a change searchable empties the cache; private writes do not', async () => {
    await ask(api, LIST);
    expect((await ask(api, LIST)).cached).toBe(true);

    // A sign-in writes sessions, throttles and users: nothing anonymous reads. (On another
    // replica: a mutation here empties this replica's cache whatever it wrote.)
    replica ??= await startTestApi({}, { databaseUrl: api.databaseUrl });
    await replica.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await ask(api, LIST)).cached).toBe(true);

    // What the relay writes once Meilisearch has a change (see OutboxRelay): searches may differ.
    await db.query(
      `INSERT INTO outbox_events (topic, aggregate_id, processed_at) VALUES ('indexed:result', $1, now())`,
      ['00000000-0000-4000-8000-000000000001'],
    );
    await askUntil(api, LIST, {}, (answer) => !answer.cached, 'a miss after indexed:result');
  });

  it('successful-listener-down: while announcements cannot be heard nothing is cached, and caching resumes after', async () => {
    const generation = api.app.get(PublicReadsGeneration);
    await ask(api, LIST);
    expect((await ask(api, LIST)).cached).toBe(true);

    const [killed] = await db.query<Array<{ ok: boolean }>>(
      `SELECT bool_and(pg_terminate_backend(pid, 10000)) AS ok FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'techmatch-public-reads'`,
    );
    expect(killed?.ok).toBe(true);
    const deadline = Date.now() + 10_000;
    while (generation.current !== null && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(generation.current).toBeNull();
    expect((await ask(api, LIST)).cached).toBe(false);
    expect((await ask(api, LIST)).cached).toBe(false);

    await askUntil(
      api,
      LIST,
      {},
      (answer) => answer.cached,
      'caching to resume after reconnecting',
    );
  }, 30_000);

  it('successful-classified: every table is either announced to the cache (with its trigger) or listed as private', async () => {
    const tables = await db.query<Array<{ name: string; announced: boolean }>>(
      `SELECT c.relname AS name,
              EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid
                       AND t.tgname = 'public_reads_announce') AS announced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const classified = tables.map(({ name, announced }) => ({
      name,
      announced,
      listed: (PUBLIC_READ_TABLES as readonly string[]).includes(name)
        ? 'public'
        : (PRIVATE_TABLES as readonly string[]).includes(name)
          ? 'private'
          : 'unclassified',
    }));
    expect(classified.filter((t) => t.listed === 'unclassified')).toEqual([]);
    expect(classified.filter((t) => t.listed === 'public' && !t.announced)).toEqual([]);
    expect(tables.length).toBe(PUBLIC_READ_TABLES.length + PRIVATE_TABLES.length);
  });
});
