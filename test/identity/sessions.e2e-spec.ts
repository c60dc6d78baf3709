import { createHash, createHmac, randomUUID } from 'node:crypto';
import { errorCode, type GraphQLResponse } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

interface Pair {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  user: { id: string; email: string };
}

const PAIR = 'accessToken expiresAt refreshToken refreshExpiresAt user { id email }';
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { ${PAIR} } }`;
const REFRESH = `mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { ${PAIR} } }`;
const ME = '{ me { id email } }';

// Short enough to outwait in a test, long enough for a request right after login.
const ACCESS_SECONDS = 4;

const BROKER = ['broker@demo.techmatch.cn', 'Demo-Broker-2026'] as const;
const ENTERPRISE = ['enterprise@demo.techmatch.cn', 'Demo-Enterprise-2026'] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sessions: short access tokens, rotating refresh tokens, logout by revocation', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ JWT_EXPIRES_IN: `${ACCESS_SECONDS}s` });
  });

  afterAll(async () => {
    await api.close();
  });

  const login = async ([email, password]: readonly [string, string]): Promise<Pair> => {
    const result = await api.client.request<{ login: Pair }>(LOGIN, {
      input: { email, password },
    });
    if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login;
  };
  const refresh = (
    refreshToken: string,
    token?: string,
  ): Promise<GraphQLResponse<{ refreshSession: Pair }>> =>
    api.client.request<{ refreshSession: Pair }>(REFRESH, { input: { refreshToken } }, token);
  const me = (token: string): Promise<GraphQLResponse<{ me: { email: string } }>> =>
    api.client.request<{ me: { email: string } }>(ME, {}, token);
  const sessionOf = (accessToken: string): Promise<{ revoked_reason: string | null }> => {
    const sid = (
      JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
        sid: string;
      }
    ).sid;
    return withClient(api.databaseUrl, async (client) => {
      const { rows } = await client.query('SELECT revoked_reason FROM sessions WHERE id = $1', [
        sid,
      ]);
      return rows[0] as { revoked_reason: string | null };
    });
  };

  it('successful-login-pair: a short access token and a long refresh token, stored only as a hash', async () => {
    const pair = await login(BROKER);
    const now = Date.now();
    expect(new Date(pair.expiresAt).getTime() - now).toBeLessThanOrEqual(ACCESS_SECONDS * 1000);
    const refreshDays = (new Date(pair.refreshExpiresAt).getTime() - now) / 86_400_000;
    expect(refreshDays).toBeGreaterThan(29.9);
    expect(refreshDays).toBeLessThanOrEqual(30);
    expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await me(pair.accessToken)).data?.me.email).toBe(BROKER[0]);

    const stored = await withClient(api.databaseUrl, async (client) => {
      const hash = createHash('sha256').update(pair.refreshToken).digest();
      const byHash = await client.query(
        'SELECT count(*)::int AS n FROM session_refresh_tokens WHERE token_hash = $1',
        [hash],
      );
      const byText = await client.query(
        `SELECT count(*)::int AS n FROM session_refresh_tokens
          WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0`,
        [pair.refreshToken],
      );
      return [byHash.rows[0].n, byText.rows[0].n] as number[];
    });
    expect(stored).toEqual([1, 0]);
  });

  it('failing-expired-access-token: TOKEN_EXPIRED once it runs out; the refresh token gets a new pair', async () => {
    const pair = await login(BROKER);
    await sleep(new Date(pair.expiresAt).getTime() - Date.now() + 300);
    const expired = await me(pair.accessToken);
    expect(errorCode(expired)).toBe('TOKEN_EXPIRED');

    // The client still sends its stale token: refreshSession is public and ignores it.
    const renewed = await refresh(pair.refreshToken, pair.accessToken);
    expect(renewed.errors).toBeUndefined();
    const next = renewed.data?.refreshSession;
    expect(next?.user.email).toBe(BROKER[0]);
    expect(next?.refreshToken).not.toBe(pair.refreshToken);
    expect((await me(next?.accessToken ?? '')).data?.me.email).toBe(BROKER[0]);
  });

  it('successful-rotation: each refresh spends its token and hands out the next one', async () => {
    const first = await login(ENTERPRISE);
    const second = (await refresh(first.refreshToken)).data?.refreshSession;
    const third = (await refresh(second?.refreshToken ?? '')).data?.refreshSession;
    expect(new Set([first.refreshToken, second?.refreshToken, third?.refreshToken]).size).toBe(3);
    expect((await me(third?.accessToken ?? '')).data?.me.email).toBe(ENTERPRISE[0]);
  });

  it('failing-reuse: a spent refresh token presented again ends the whole session', async () => {
    const first = await login(ENTERPRISE);
    const second = (await refresh(first.refreshToken)).data?.refreshSession;
    expect((await me(second?.accessToken ?? '')).data?.me.email).toBe(ENTERPRISE[0]);

    const replay = await refresh(first.refreshToken);
    expect(errorCode(replay)).toBe('UNAUTHENTICATED');
    expect(replay.data).toBeNull();
    // Whoever got the second pair loses it too: we cannot tell the thief from the client.
    expect(errorCode(await me(second?.accessToken ?? ''))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(second?.refreshToken ?? ''))).toBe('UNAUTHENTICATED');
    expect((await sessionOf(first.accessToken)).revoked_reason).toBe('REFRESH_TOKEN_REUSED');
  });

  it('failing-unknown-refresh-token: refused alike, and no session is touched', async () => {
    const pair = await login(ENTERPRISE);
    const unknown = await refresh('A'.repeat(43));
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.extensions?.messages).toEqual({
      zh: '刷新令牌无效或已过期，请重新登录',
      en: 'The refresh token is invalid or has expired; please log in again',
    });
    expect(errorCode(await refresh(''))).toBe('BAD_USER_INPUT');
    expect((await me(pair.accessToken)).data?.me.email).toBe(ENTERPRISE[0]);
  });

  it('failing-expired-refresh-token: a session whose refresh token has run out cannot be renewed', async () => {
    const pair = await login(ENTERPRISE);
    await withClient(api.databaseUrl, (client) =>
      client.query(
        `UPDATE sessions SET expires_at = now() - interval '1 second'
          WHERE id = (SELECT session_id FROM session_refresh_tokens WHERE token_hash = $1)`,
        [createHash('sha256').update(pair.refreshToken).digest()],
      ),
    );
    expect(errorCode(await refresh(pair.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('successful-logout: the access token stops working at once; other sessions go on', async () => {
    const phone = await login(BROKER);
    const laptop = await login(BROKER);
    const logout = await api.client.request<{ logout: boolean }>(
      'mutation { logout }',
      {},
      phone.accessToken,
    );
    expect(logout.data?.logout).toBe(true);
    const after = await me(phone.accessToken);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0]?.extensions?.messages).toMatchObject({
      en: 'This session has ended or the account is disabled; please log in again',
    });
    expect(errorCode(await refresh(phone.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await sessionOf(phone.accessToken)).revoked_reason).toBe('LOGOUT');
    expect((await me(laptop.accessToken)).data?.me.email).toBe(BROKER[0]);
    // Logging out takes a session: anonymously there is none to end.
    expect(errorCode(await api.client.request('mutation { logout }'))).toBe('UNAUTHENTICATED');
  });

  it('successful-logout-everywhere: every session of the caller ends', async () => {
    const phone = await login(ENTERPRISE);
    const laptop = await login(ENTERPRISE);
    const broker = await login(BROKER);
    const result = await api.client.request<{ logoutEverywhere: boolean }>(
      'mutation { logoutEverywhere }',
      {},
      laptop.accessToken,
    );
    expect(result.data?.logoutEverywhere).toBe(true);
    expect(errorCode(await me(phone.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await me(laptop.accessToken))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(phone.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await me(broker.accessToken)).data?.me.email).toBe(BROKER[0]);
  });

  it('failing-concurrent-refresh: five refreshes with one token at once, exactly one new pair', async () => {
    const pair = await login(BROKER);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(pair.refreshToken)));
    const winners = results.filter((result) => result.data?.refreshSession);
    expect(winners).toHaveLength(1);
    expect(results.map(errorCode).filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(4);
    // The losers presented a spent token: that is reuse, so the session has ended for all.
    const won = winners[0]?.data?.refreshSession;
    expect(errorCode(await me(won?.accessToken ?? ''))).toBe('UNAUTHENTICATED');
    expect((await sessionOf(pair.accessToken)).revoked_reason).toBe('REFRESH_TOKEN_REUSED');
    const issued = await withClient(api.databaseUrl, async (client) => {
      const hash = createHash('sha256').update(pair.refreshToken).digest();
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM session_refresh_tokens
          WHERE session_id = (SELECT session_id FROM session_refresh_tokens WHERE token_hash = $1)`,
        [hash],
      );
      return rows[0].n as number;
    });
    expect(issued).toBe(2); // the login's token and the one winner's
  });

  it('failing-disabled-account: disabling ends the sessions of a self-registered account for good', async () => {
    const institutions = await api.client.request<{ institutions: Array<{ id: string }> }>(
      '{ institutions { id } }',
    );
    const email = `user-${randomUUID().slice(0, 8)}@example.cn`;
    const registered = await api.client.request<{ registerResearcher: Pair }>(
      `mutation ($input: RegisterResearcherInput!) { registerResearcher(input: $input) { ${PAIR} } }`,
      {
        input: {
          institutionId: institutions.data?.institutions[0]?.id,
          account: { email, password: 'Research-2026-ok', displayName: '李研究员' },
        },
      },
    );
    const pair = registered.data?.registerResearcher;
    expect(pair?.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await me(pair?.accessToken ?? '')).data?.me.email).toBe(email);

    const setStatus = (status: string): Promise<unknown> =>
      withClient(api.databaseUrl, (client) =>
        client.query('UPDATE users SET status = $1 WHERE email = $2', [status, email]),
      );
    await setStatus('DISABLED');
    expect(errorCode(await me(pair?.accessToken ?? ''))).toBe('UNAUTHENTICATED');
    expect(errorCode(await refresh(pair?.refreshToken ?? ''))).toBe('UNAUTHENTICATED');
    expect((await sessionOf(pair?.accessToken ?? '')).revoked_reason).toBe('ACCOUNT_DISABLED');
    await setStatus('ACTIVE');
    expect(errorCode(await me(pair?.accessToken ?? ''))).toBe('UNAUTHENTICATED');
  });

  it('failing-token-without-session: a validly signed token that names no session is refused', async () => {
    const broker = await login(BROKER);
    const encode = (part: object): string =>
      Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: object): string => {
      const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
      const signature = createHmac('sha256', api.env.JWT_SECRET ?? '')
        .update(body)
        .digest('base64url');
      return `${body}.${signature}`;
    };
    const base = { sub: broker.user.id, role: 'BROKER', iat: now, exp: now + 60 };
    expect(errorCode(await me(sign(base)))).toBe('UNAUTHENTICATED');
    expect(errorCode(await me(sign({ ...base, sid: randomUUID() })))).toBe('UNAUTHENTICATED');
    expect(errorCode(await me(sign({ ...base, sid: 'not-a-uuid' })))).toBe('UNAUTHENTICATED');
  });
});
