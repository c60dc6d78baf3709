import { errorCode } from '../utils/graphql-client.js';
import { countStatements } from '../utils/sql-counter.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';

const LIST = `query ($first: Int!, $after: String, $filter: ResultFilter) {
  researchResults(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title trl modes institution { nameZh kind } patents { number } researchers { displayName } } }
  }
}`;

interface Page {
  researchResults: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        id: string;
        trl: number;
        modes: string[];
        institution: { nameZh: string; kind: string };
      };
    }>;
  };
}

describe('catalogue lists on the demo data', () => {
  let api: TestApi;

  beforeAll(async () => {
    // These count the SQL a list costs: repeated anonymous lists would come from the public-read
    // cache (test/platform/public-read-cache.e2e-spec.ts) and cost none.
    api = await startTestApi({ PUBLIC_CACHE: 'false' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-first-page: the first 20 published results come with institution and patents', async () => {
    const page = await api.client.request<Page>(LIST, { first: 20 });
    expect(page.errors).toBeUndefined();
    expect(page.data?.researchResults.edges).toHaveLength(20);
    expect(page.data?.researchResults.totalCount).toBeGreaterThan(700);
    expect(
      page.data?.researchResults.edges.every((edge) => edge.node.institution.nameZh.length > 0),
    ).toBe(true);
  });

  it('successful-paging: pages chain without gaps or repeats to the last, which says so', async () => {
    const filter = { institutionKinds: ['PILOT_BASE'], trlMin: 5 };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 50; i++) {
      const page: { data?: Page | null } = await api.client.request<Page>(LIST, {
        first: 7,
        after,
        filter,
      });
      const connection = page.data?.researchResults;
      if (!connection) throw new Error('no page');
      total = connection.totalCount;
      seen.push(...connection.edges.map((edge) => edge.node.id));
      expect(
        connection.edges.every(
          (edge) => edge.node.trl >= 5 && edge.node.institution.kind === 'PILOT_BASE',
        ),
      ).toBe(true);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it.each([
    ['first below 1', { first: 0 }, 'first'],
    ['first above 100', { first: 101 }, 'first'],
    ['a cursor not issued here', { first: 5, after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['TRL range reversed', { first: 5, filter: { trlMin: 8, trlMax: 2 } }, 'filter.trlMin'],
  ])('failing-paging-edge: %s is BAD_USER_INPUT', async (_name, variables, path) => {
    const result = await api.client.request(LIST, variables);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions?.fields as Array<{ path: string }>)[0]?.path).toBe(path);
  });

  it('successful-filters: field 08 (工学) finds results coded with its 一级学科; modes filter holds', async () => {
    const page = await api.client.request<Page>(LIST, {
      first: 50,
      filter: { fieldCodes: ['08'], modes: ['EQUITY'] },
    });
    const edges = page.data?.researchResults.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((edge) => edge.node.modes.includes('EQUITY'))).toBe(true);
  });

  it('successful-constant-queries: 5 and 50 results with institution, patents and researchers cost the same statements', async () => {
    const statementsFor = async (first: number): Promise<number> =>
      (await countStatements(api, () => api.client.request(LIST, { first }))).length;
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    process.stdout.write(`SQL statements per list request: 5 items ${five}, 50 items ${fifty}\n`);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(6);
  });

  it('successful-count-on-demand: the total is counted only for a client that selects totalCount', async () => {
    const counts = async (query: string): Promise<number> =>
      (
        await countStatements(api, async () => {
          const page = await api.client.request<Page>(query, { first: 5 });
          expect(page.errors).toBeUndefined();
        })
      ).filter((sql) => /\bCOUNT\(/i.test(sql)).length;
    expect(await counts(LIST)).toBe(1);
    expect(await counts(LIST.replace('totalCount', ''))).toBe(0);
  });
});
