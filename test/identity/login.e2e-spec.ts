import { createHmac } from 'node:crypto';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';

const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) { accessToken tokenType expiresAt user { id email role } }
}`;
const ME = '{ me { id email role displayName } }';

/** An HS256 JWT signed with the test's secret, to make tokens the API itself would not issue. */
function signToken(secret: string, claims: Record<string, unknown>): string {
  const encode = (part: object): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('login and the caller', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-login: the demo broker gets a bearer token that `me` accepts', async () => {
    const login = await api.client.request<{
      login: { accessToken: string; tokenType: string; expiresAt: string; user: { role: string } };
    }>(LOGIN, { input: { email: ' Broker@Demo.TechMatch.cn ', password: 'Demo-Broker-2026' } });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login).toMatchObject({ tokenType: 'Bearer', user: { role: 'BROKER' } });
    expect(new Date(login.data?.login.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now());

    const me = await api.client.request<{ me: { email: string; role: string } }>(
      ME,
      {},
      login.data?.login.accessToken,
    );
    expect(me.data?.me).toMatchObject({ email: 'broker@demo.techmatch.cn', role: 'BROKER' });
  });

  it('failing-wrong-password: INVALID_CREDENTIALS, the same as for an unknown e-mail', async () => {
    const wrong = await api.client.request(LOGIN, {
      input: { email: 'broker@demo.techmatch.cn', password: 'not-the-password-1' },
    });
    const unknown = await api.client.request(LOGIN, {
      input: { email: 'nobody@demo.techmatch.cn', password: 'not-the-password-1' },
    });
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    expect(errorCode(unknown)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it('failing-anonymous: `me` without a token is UNAUTHENTICATED', async () => {
    const result = await api.client.request(ME);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toBe('请先登录 / You must be logged in');
  });

  it('failing-expired-token: a token past its expiry is TOKEN_EXPIRED', async () => {
    const broker = await api.client.request<{ login: { user: { id: string } } }>(LOGIN, {
      input: { email: 'broker@demo.techmatch.cn', password: 'Demo-Broker-2026' },
    });
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = signToken(api.env.JWT_SECRET ?? '', {
      sub: broker.data?.login.user.id,
      role: 'BROKER',
      iat: past - 60,
      exp: past,
    });
    const result = await api.client.request(ME, {}, token);
    expect(errorCode(result)).toBe('TOKEN_EXPIRED');
  });

  it('failing-forged-token: a token signed with another secret is UNAUTHENTICATED', async () => {
    const token = signToken('another secret that is at least 32 chars', {
      sub: '00000000-0000-4000-8000-000000000000',
      role: 'ADMIN',
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const result = await api.client.request(ME, {}, token);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });

  it('failing-malformed-header: a non-Bearer Authorization header is UNAUTHENTICATED', async () => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
      body: JSON.stringify({ query: ME }),
    });
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('failing-validation: a malformed e-mail is BAD_USER_INPUT listing input.email, in both languages', async () => {
    const result = await api.client.request(LOGIN, {
      input: { email: 'not-an-email', password: 'x' },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0]?.extensions?.fields as Array<{
      path: string;
      constraints: string[];
      message: { zh: string; en: string };
    }>;
    expect(fields).toEqual([
      {
        path: 'input.email',
        constraints: ['isEmail'],
        message: { zh: 'input.email 必须是有效的电子邮箱地址', en: 'email must be an email' },
      },
    ]);
    expect(result.errors?.[0]?.message).toContain('input.email');
  });
});
