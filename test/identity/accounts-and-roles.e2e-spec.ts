import { randomUUID } from 'node:crypto';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

const REGISTER_RESEARCHER = `mutation ($input: RegisterResearcherInput!) {
  registerResearcher(input: $input) { accessToken user { id email role } }
}`;
const CREATE_BROKER = `mutation ($input: CreateBrokerInput!) {
  createBroker(input: $input) { id email role }
}`;

const uniqueEmail = (): string => `user-${randomUUID().slice(0, 8)}@example.cn`;

describe('accounts and roles', () => {
  let api: TestApi;
  let adminToken: string;
  let enterpriseToken: string;
  let institutionId = '';

  beforeAll(async () => {
    api = await startTestApi();
    adminToken = await api.client.login('admin@demo.techmatch.cn', 'Demo-Admin-2026');
    enterpriseToken = await api.client.login(
      'enterprise@demo.techmatch.cn',
      'Demo-Enterprise-2026',
    );
    const institutions = await api.client.request<{ institutions: Array<{ id: string }> }>(
      '{ institutions { id } }',
    );
    institutionId = institutions.data?.institutions[0]?.id ?? '';
  });

  afterAll(async () => {
    await api.close();
  });

  const countUsers = (): Promise<number> =>
    withClient(api.databaseUrl, async (client) =>
      Number((await client.query('SELECT count(*) AS n FROM users')).rows[0].n),
    );

  const researcherInput = (overrides: Record<string, unknown> = {}) => ({
    institutionId,
    title: '副教授',
    ...overrides,
    account: {
      email: uniqueEmail(),
      password: 'Research-2026-ok',
      displayName: '李研究员',
      ...((overrides.account as object) ?? {}),
    },
  });

  it('successful-register: a researcher registers at an institution and is signed in', async () => {
    const input = researcherInput();
    const result = await api.client.request<{
      registerResearcher: { accessToken: string; user: { role: string; email: string } };
    }>(REGISTER_RESEARCHER, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerResearcher.user).toMatchObject({
      role: 'RESEARCHER',
      email: input.account.email,
    });
    const me = await api.client.request(
      '{ me { role } }',
      {},
      result.data?.registerResearcher.accessToken,
    );
    expect(me.data).toEqual({ me: { role: 'RESEARCHER' } });
  });

  it('failing-register-role: self-registration has no way to choose BROKER', async () => {
    const before = await countUsers();
    const result = await api.client.request(REGISTER_RESEARCHER, {
      input: { ...researcherInput(), role: 'BROKER' },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await countUsers()).toBe(before);
  });

  it('failing-register-unknown-institution: BAD_USER_INPUT on input.institutionId, nothing written', async () => {
    const before = await countUsers();
    const result = await api.client.request(REGISTER_RESEARCHER, {
      input: researcherInput({ institutionId: randomUUID() }),
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect((result.errors?.[0]?.extensions?.fields as Array<{ path: string }>)[0]?.path).toBe(
      'input.institutionId',
    );
    expect(await countUsers()).toBe(before);
  });

  it('failing-register-weak-password: lists input.account.password and writes nothing', async () => {
    const before = await countUsers();
    const result = await api.client.request(REGISTER_RESEARCHER, {
      input: researcherInput({ account: { password: 'short' } }),
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0]?.extensions?.fields as Array<{
      path: string;
      constraints: string[];
    }>;
    expect(fields.map((field) => field.path)).toEqual(['input.account.password']);
    expect(fields[0]?.constraints).toEqual(expect.arrayContaining(['minLength', 'matches']));
    expect(await countUsers()).toBe(before);
  });

  it('failing-register-duplicate: an e-mail already registered is CONFLICT, nothing written', async () => {
    const before = await countUsers();
    const result = await api.client.request(REGISTER_RESEARCHER, {
      input: researcherInput({ account: { email: 'RESEARCHER@demo.techmatch.cn' } }),
    });
    expect(errorCode(result)).toBe('CONFLICT');
    expect(result.errors?.[0]?.extensions?.field).toBe('email');
    expect(await countUsers()).toBe(before);
  });

  it('successful-create-broker: an admin appoints a broker, who can then log in', async () => {
    const email = uniqueEmail();
    const result = await api.client.request<{ createBroker: { role: string } }>(
      CREATE_BROKER,
      { input: { email, password: 'Broker-2026-appointed', displayName: '新经纪人' } },
      adminToken,
    );
    expect(result.data?.createBroker.role).toBe('BROKER');
    await expect(api.client.login(email, 'Broker-2026-appointed')).resolves.toEqual(
      expect.any(String),
    );
  });

  it('failing-create-broker-wrong-role: an enterprise is FORBIDDEN and told who may', async () => {
    const before = await countUsers();
    const result = await api.client.request(
      CREATE_BROKER,
      { input: { email: uniqueEmail(), password: 'Broker-2026-nope', displayName: 'x' } },
      enterpriseToken,
    );
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.extensions?.requiredRoles).toEqual(['ADMIN']);
    expect(await countUsers()).toBe(before);
  });

  it('failing-create-broker-anonymous: without a token it is UNAUTHENTICATED', async () => {
    const result = await api.client.request(CREATE_BROKER, {
      input: { email: uniqueEmail(), password: 'Broker-2026-nope', displayName: 'x' },
    });
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });

  it('failing-disabled-account: a disabled account can neither log in nor use its token', async () => {
    const input = researcherInput();
    const registered = await api.client.request<{ registerResearcher: { accessToken: string } }>(
      REGISTER_RESEARCHER,
      { input },
    );
    await withClient(api.databaseUrl, (client) =>
      client.query(`UPDATE users SET status = 'DISABLED' WHERE email = $1`, [input.account.email]),
    );
    const me = await api.client.request(
      '{ me { id } }',
      {},
      registered.data?.registerResearcher.accessToken,
    );
    expect(errorCode(me)).toBe('UNAUTHENTICATED');
    await expect(api.client.login(input.account.email, 'Research-2026-ok')).rejects.toThrow(
      'INVALID_CREDENTIALS',
    );
  });
});
