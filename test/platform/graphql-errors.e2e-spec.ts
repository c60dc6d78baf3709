import { randomUUID } from 'node:crypto';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

describe('GraphQL errors', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  const expectNothingInternal = (errors: unknown): void => {
    const text = JSON.stringify(errors);
    expect(text).not.toMatch(
      /stacktrace|at .*\.(js|ts):\d+|SELECT|INSERT|relation "|QueryFailedError/i,
    );
  };

  it('failing-syntax: a parse error is GRAPHQL_PARSE_FAILED with a bilingual message', async () => {
    const result = await api.client.request('{ me { id }');
    expect(errorCode(result)).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.extensions?.messages).toEqual(
      expect.objectContaining({ zh: 'GraphQL 语法错误' }),
    );
    expectNothingInternal(result.errors);
  });

  it('failing-unknown-field: a field the schema lacks is GRAPHQL_VALIDATION_FAILED', async () => {
    const result = await api.client.request('{ institutions { id nonsense } }');
    expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toContain('nonsense');
  });

  it('failing-bad-id: a malformed id is BAD_USER_INPUT naming the argument', async () => {
    const result = await api.client.request('{ institution(id: "42; DROP TABLE users") { id } }');
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ path: 'id', constraints: ['isUUID'] }),
    ]);
  });

  it('failing-missing: an unknown id is NOT_FOUND', async () => {
    const id = randomUUID();
    const result = await api.client.request(`{ institution(id: "${id}") { id } }`);
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.extensions?.id).toBe(id);
  });

  it('successful-public: institutions from the demo data are public', async () => {
    const result = await api.client.request<{
      institutions: Array<{ nameZh: string; kind: string }>;
    }>('{ institutions { nameZh kind divisionCode } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.institutions.map((i) => i.nameZh)).toEqual(
      expect.arrayContaining(['龙门实验室', '中科（洛阳）机器人与智能装备研究院']),
    );
  });

  // Found by the mutation fuzzer: PostgreSQL cannot store U+0000, and the INSERT failed as a 500.
  it('failing-nul-character: U+0000 in any text field is BAD_USER_INPUT naming it, nothing written', async () => {
    const admin = await api.client.login('admin@demo.techmatch.cn', 'Demo-Admin-2026');
    const count = async (): Promise<number> =>
      withClient(api.databaseUrl, async (client) =>
        Number((await client.query('SELECT count(*) AS n FROM institutions')).rows[0]?.n),
      );
    const before = await count();
    const result = await api.client.request(
      'mutation ($input: InstitutionInput!) { createInstitution(input: $input) { id } }',
      {
        input: {
          nameZh: '空字符\u0000研究院',
          contactName: 'a\u0000',
          kind: 'UNIVERSITY',
          divisionCode: '410311',
        },
      },
      admin,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0]?.extensions?.fields as Array<{
      path: string;
      constraints: string[];
    }>;
    expect(fields.map((field) => [field.path, field.constraints]).sort()).toEqual([
      ['input.contactName', ['noNulCharacter']],
      ['input.nameZh', ['noNulCharacter']],
    ]);
    expect(await count()).toBe(before);
  });

  it('failing-database: a broken database gives INTERNAL_SERVER_ERROR with an errorId and no SQL', async () => {
    await withClient(api.databaseUrl, (client) =>
      client.query('ALTER TABLE institutions RENAME TO gone'),
    );
    try {
      const result = await api.client.request('{ institutions { id } }');
      expect(errorCode(result)).toBe('INTERNAL_SERVER_ERROR');
      expect(result.errors?.[0]?.extensions?.errorId).toEqual(expect.any(String));
      expectNothingInternal(result.errors);
    } finally {
      await withClient(api.databaseUrl, (client) =>
        client.query('ALTER TABLE gone RENAME TO institutions'),
      );
    }
  });
});
