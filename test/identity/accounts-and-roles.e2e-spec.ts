import { randomUUID } from 'node:crypto';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

const REGISTER = `mutation ($input: RegisterInput!) {
  register(input: $input) { accessToken user { id email role } }
}`;
const CREATE_BROKER = `mutation ($input: CreateBrokerInput!) {
  createBroker(input: $input) { id email role }
}`;

const uniqueEmail = (): string => `user-${randomUUID().slice(0, 8)}@example.cn`;

describe('accounts and roles', () => {
  let api: TestApi;
  let adminToken: string;
  let enterpriseToken: string;

  beforeAll(async () => {
    api = await startTestApi();
    adminToken = await api.client.login('admin@demo.techmatch.cn', 'Demo-Admin-2026');
    enterpriseToken = await api.client.login(
      'enterprise@demo.techmatch.cn',
      'Demo-Enterprise-2026',
    );
  });

  afterAll(async () => {
    await api.close();
  });

  const countUsers = (): Promise<number> =>
    withClient(api.databaseUrl, async (client) =>
      Number((await client.query('SELECT count(*) AS n FROM users')).rows[0].n),
    );

  it('successful-register: an enterprise registers itself and is signed in', async () => {
    const email = uniqueEmail();
    const result = await api.client.request<{
      register: { accessToken: string; user: { role: string } };
    }>(REGISTER, {
      input: {
        email,
        password: 'Factory-2026-Yichuan',
        displayName: '伊川 某企业',
        role: 'ENTERPRISE',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.register.user).toMatchObject({ email, role: 'ENTERPRISE' });
    const me = await api.client.request('{ me { email } }', {}, result.data?.register.accessToken);
    expect(me.data).toEqual({ me: { email } });
  });

  it('failing-register-broker: self-registration cannot choose BROKER', async () => {
    const before = await countUsers();
    const result = await api.client.request(REGISTER, {
      input: {
        email: uniqueEmail(),
        password: 'Broker-2026-self',
        displayName: 'x',
        role: 'BROKER',
      },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await countUsers()).toBe(before);
  });

  it('failing-register-weak-password: lists input.password and writes nothing', async () => {
    const before = await countUsers();
    const result = await api.client.request(REGISTER, {
      input: { email: uniqueEmail(), password: 'short', displayName: '张三', role: 'RESEARCHER' },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0]?.extensions?.fields as Array<{
      path: string;
      constraints: string[];
    }>;
    expect(fields.map((field) => field.path)).toEqual(['input.password']);
    expect(fields[0]?.constraints).toEqual(expect.arrayContaining(['minLength', 'matches']));
    expect(await countUsers()).toBe(before);
  });

  it('failing-register-unknown-field: an unexpected input field is refused by the schema', async () => {
    const result = await api.client.request(REGISTER, {
      input: {
        email: uniqueEmail(),
        password: 'Research-2026-ok',
        displayName: '李四',
        role: 'RESEARCHER',
        isAdmin: true,
      },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });

  it('failing-register-duplicate: an e-mail already registered is CONFLICT', async () => {
    const result = await api.client.request(REGISTER, {
      input: {
        email: 'RESEARCHER@demo.techmatch.cn',
        password: 'Research-2026-ok',
        displayName: '重复',
        role: 'RESEARCHER',
      },
    });
    expect(errorCode(result)).toBe('CONFLICT');
    expect(result.errors?.[0]?.extensions?.field).toBe('email');
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
    const email = uniqueEmail();
    const registered = await api.client.request<{ register: { accessToken: string } }>(REGISTER, {
      input: { email, password: 'Disabled-2026-soon', displayName: '停用', role: 'RESEARCHER' },
    });
    await withClient(api.databaseUrl, (client) =>
      client.query(`UPDATE users SET status = 'DISABLED' WHERE email = $1`, [email]),
    );
    const me = await api.client.request('{ me { id } }', {}, registered.data?.register.accessToken);
    expect(errorCode(me)).toBe('UNAUTHENTICATED');
    await expect(api.client.login(email, 'Disabled-2026-soon')).rejects.toThrow(
      'INVALID_CREDENTIALS',
    );
  });
});
