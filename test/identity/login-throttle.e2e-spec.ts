import { randomUUID } from 'node:crypto';
import { errorCode, type GraphQLResponse } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;

const BROKER = ['broker@demo.techmatch.cn', 'Demo-Broker-2026'] as const;
const ENTERPRISE = ['enterprise@demo.techmatch.cn', 'Demo-Enterprise-2026'] as const;
const ADMIN = ['admin@demo.techmatch.cn', 'Demo-Admin-2026'] as const;
const RESEARCHER = ['researcher@demo.techmatch.cn', 'Demo-Researcher-2026'] as const;

// Small numbers so that the backoff can be watched in seconds.
const SETTINGS = {
  LOGIN_FAILURES_PER_ACCOUNT: '3',
  LOGIN_FAILURES_PER_IP: '8',
  LOGIN_LOCKOUT_DELAY: '2s',
  LOGIN_LOCKOUT_MAX_DELAY: '4s',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nobody = (): string => `nobody-${randomUUID().slice(0, 8)}@example.cn`;
const retryAfter = (result: GraphQLResponse<unknown>): number =>
  result.errors?.[0]?.extensions?.retryAfterSeconds as number;
/** What a client is told, with the figures taken out: the same for any two addresses. */
const answer = (result: GraphQLResponse<unknown>): unknown => [
  errorCode(result),
  result.errors?.[0]?.message.replace(/\d+/g, 'N'),
  result.data,
];

describe('login throttling: lockout by backoff per e-mail and per IP address', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(SETTINGS);
  });

  afterAll(async () => {
    await api.close();
  });

  // Every scenario starts with no failures counted (they all come from 127.0.0.1).
  beforeEach(async () => {
    await withClient(api.databaseUrl, (client) => client.query('DELETE FROM login_throttles'));
  });

  const login = (email: string, password: string): Promise<GraphQLResponse<unknown>> =>
    api.client.request(LOGIN, { input: { email, password } });

  it('failing-account-lockout: after 3 failures even the right password is refused, the same for unknown e-mails', async () => {
    const attempts = async (email: string, rightPassword: string): Promise<unknown[]> => {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(answer(await login(email, `Wrong-password-${i}`)));
      const locked = await login(email, rightPassword);
      expect(retryAfter(locked)).toBeGreaterThanOrEqual(1);
      expect(retryAfter(locked)).toBeLessThanOrEqual(2);
      answers.push(answer(locked));
      return answers;
    };
    const registered = await attempts(...BROKER);
    const unknown = await attempts(nobody(), 'Any-password-1');
    expect(registered).toEqual([
      ...Array(3).fill(['INVALID_CREDENTIALS', '邮箱或密码错误 / Wrong e-mail or password', null]),
      [
        'LOGIN_LOCKED_OUT',
        '登录失败次数过多，请 N 秒后再试 / Too many failed logins; try again in N seconds',
        null,
      ],
    ]);
    expect(unknown).toEqual(registered);

    // Another account from the same address is not affected.
    expect(errorCode(await login(...ENTERPRISE))).toBeUndefined();
    // The counters hold hashes, never the addresses typed.
    const keys = await withClient(api.databaseUrl, async (client) =>
      (await client.query<{ key: string }>('SELECT key FROM login_throttles')).rows.map(
        (row) => row.key,
      ),
    );
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) expect(key).toMatch(/^(account|ip):[0-9a-f]{64}$/);
  });

  it('successful-backoff-and-reset: each failure after a lockout doubles it; a success starts the count over', async () => {
    const [email, password] = RESEARCHER;
    for (let i = 0; i < 3; i++)
      expect(errorCode(await login(email, 'Wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    const first = await login(email, 'Wrong-password-1');
    expect(errorCode(first)).toBe('LOGIN_LOCKED_OUT');

    await sleep(retryAfter(first) * 1000 + 250);
    // Once the lockout has passed, one attempt is looked at; failing, it locks for twice as long.
    expect(errorCode(await login(email, 'Wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    const second = await login(email, password);
    expect(errorCode(second)).toBe('LOGIN_LOCKED_OUT');
    expect(retryAfter(second)).toBeGreaterThan(retryAfter(first));
    expect(retryAfter(second)).toBeLessThanOrEqual(4);

    await sleep(retryAfter(second) * 1000 + 250);
    expect(errorCode(await login(email, password))).toBeUndefined();
    // Counting starts again from zero: two failures lock nothing, the right password gets in.
    expect(errorCode(await login(email, 'Wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    expect(errorCode(await login(email, 'Wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    expect(errorCode(await login(email, password))).toBeUndefined();
  });

  it('failing-ip-lockout: 8 failures from one address lock it out for every e-mail; successes never count', async () => {
    for (let i = 0; i < 7; i++)
      expect(errorCode(await login(nobody(), 'Wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    // Successful logins, more than the account limit, count for neither the e-mail nor the address.
    for (const [email, password] of [BROKER, BROKER, BROKER, BROKER, ENTERPRISE])
      expect(errorCode(await login(email, password))).toBeUndefined();

    expect(errorCode(await login(nobody(), 'Wrong-password-1'))).toBe('INVALID_CREDENTIALS');
    const known = await login(...ADMIN);
    const unknown = await login(nobody(), 'Any-password-1');
    expect(errorCode(known)).toBe('LOGIN_LOCKED_OUT');
    expect(retryAfter(known)).toBeGreaterThanOrEqual(1);
    expect(answer(unknown)).toEqual(answer(known));

    await sleep(retryAfter(known) * 1000 + 250);
    expect(errorCode(await login(...ADMIN))).toBeUndefined();
  });
});
