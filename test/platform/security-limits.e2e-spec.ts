import { readFile } from 'node:fs/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SAMPLES } from '../programme/programme-fixtures.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';

/**
 * The security limits of README's "Security limits", each refused with its code, on an API with
 * small limits (development profile) and one with the production profile and default limits.
 * The limited API trusts X-Forwarded-For from loopback, so each request can come from an address of
 * its own: the per-address rate limit then touches only the tests that mean to reach it.
 */

const LIMITED = {
  NODE_ENV: 'development',
  TRUST_PROXY: 'loopback',
  GRAPHQL_MAX_DEPTH: '4',
  GRAPHQL_MAX_COST: '100',
  GRAPHQL_MAX_ALIASES: '3',
  GRAPHQL_MAX_DIRECTIVES: '3',
  GRAPHQL_MAX_TOKENS: '100',
  GRAPHQL_MAX_BATCH: '2',
  HTTP_BODY_LIMIT: '8kb',
  RATE_LIMIT_IP_POINTS: '5',
  RATE_LIMIT_IP_SECONDS: '60',
  RATE_LIMIT_USER_POINTS: '8',
  RATE_LIMIT_USER_SECONDS: '60',
};

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
    [key: string]: unknown;
  };
}

let lastAddress = 0;
/** A documentation address (RFC 5737) no other request of this spec has used. */
const freshAddress = (): string => `198.51.100.${++lastAddress}`;

async function post(
  api: TestApi,
  body: unknown,
  options: { from?: string; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${api.baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.from ?? freshAddress(),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Answer['body'],
  };
}

const query = (api: TestApi, text: string, options?: { from?: string; token?: string }) =>
  post(api, { query: text }, options);

const codes = (answer: Answer): unknown[] =>
  (answer.body.errors ?? []).map((error) => error.extensions.code);

async function login(api: TestApi, email: string, password: string): Promise<string> {
  const answer = await post(api, {
    query: 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
    variables: { input: { email, password } },
  });
  const token = (answer.body.data?.login as { accessToken?: string } | undefined)?.accessToken;
  if (!token) throw new Error(`login failed: ${JSON.stringify(answer.body)}`);
  return token;
}

const DEPTH_5 = '{ researchResults(first: 1) { edges { node { institution { nameZh } } } } }';

describe('security limits', () => {
  let limited: TestApi;
  let production: TestApi;

  beforeAll(async () => {
    [limited, production] = await Promise.all([
      startTestApi(LIMITED),
      // Its tests need no data: what they send is refused before any resolver runs.
      startTestApi({ NODE_ENV: 'production', DEMO_DATA: 'false' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([limited?.close(), production?.close()]);
  });

  it('failing-depth: a document nested deeper than GRAPHQL_MAX_DEPTH is QUERY_TOO_DEEP, 400', async () => {
    const deep = await query(limited, DEPTH_5);
    expect(deep.status).toBe(400);
    expect(deep.body.data).toBeUndefined();
    expect(deep.body.errors).toEqual([
      {
        message:
          '查询嵌套过深：最多 4 层 (5) / The query is nested too deeply: at most 4 levels (5)',
        extensions: {
          code: 'QUERY_TOO_DEEP',
          limit: 4,
          found: 5,
          messages: {
            zh: '查询嵌套过深：最多 4 层 (5)',
            en: 'The query is nested too deeply: at most 4 levels (5)',
          },
        },
      },
    ]);
    // Fragments do not make a selection deeper, and four levels are allowed.
    const allowed = await query(
      limited,
      '{ researchResults(first: 1) { ...page } } fragment page on ResearchResultConnection { edges { node { id } } }',
    );
    expect(allowed).toMatchObject({ status: 200, body: { data: { researchResults: {} } } });
  });

  it('failing-cost: a document costing more than GRAPHQL_MAX_COST is QUERY_TOO_COMPLEX; a literal page size multiplies', async () => {
    const big = await query(
      limited,
      '{ researchResults(first: 50) { edges { node { id title } } } }',
    );
    expect(big.status).toBe(400);
    expect(big.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 100,
      found: 812.5,
    });
    const small = await query(
      limited,
      '{ researchResults(first: 2) { edges { node { id title } } } }',
    );
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });

  it('failing-aliases-directives-tokens: each over its limit is refused with its own code', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: institutions { id }`).join(' ')} }`;
    expect(codes(await query(limited, aliases(4)))).toEqual(['TOO_MANY_ALIASES']);
    expect((await query(limited, aliases(3))).status).toBe(200);

    const directives = (n: number) =>
      `{ ${Array.from({ length: n }, () => '__typename @include(if: true)').join(' ')} }`;
    const manyDirectives = await query(limited, directives(4));
    expect(manyDirectives.status).toBe(400);
    expect(codes(manyDirectives)).toEqual(['TOO_MANY_DIRECTIVES']);
    expect((await query(limited, directives(3))).status).toBe(200);

    // `{`, 99 names and `}`: 101 tokens, one over; 98 names make 100.
    const tokens = (names: number) => `{ ${'__typename '.repeat(names)}}`;
    const long = await query(limited, tokens(99));
    expect(long.status).toBe(400);
    expect(long.body.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_TOKENS',
      limit: 100,
    });
    expect((await query(limited, tokens(98))).status).toBe(200);
  });

  it('failing-batch: up to GRAPHQL_MAX_BATCH operations per request; more, or any batch when batching is off, is BATCH_TOO_LARGE', async () => {
    const two = await post(limited, [{ query: '{ __typename }' }, { query: '{ a: __typename }' }]);
    expect(two.status).toBe(200);
    expect(two.body).toEqual([{ data: { __typename: 'Query' } }, { data: { a: 'Query' } }]);

    const three = await post(limited, Array(3).fill({ query: '{ __typename }' }));
    expect(three.status).toBe(400);
    expect(three.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BATCH_TOO_LARGE',
      maxBatchSize: 2,
      received: 3,
    });

    const off = await post(production, [{ query: '{ __typename }' }]);
    expect(off.status).toBe(400);
    expect(off.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BATCH_TOO_LARGE',
      maxBatchSize: 0,
      messages: { en: expect.stringContaining('does not accept batched requests') },
    });
  });

  it('failing-body-size: a JSON body over HTTP_BODY_LIMIT is 413 PAYLOAD_TOO_LARGE; unreadable JSON is 400 BAD_REQUEST', async () => {
    const oversized = await post(limited, {
      query: 'query ($q: String!) { __typename }',
      variables: { q: 'x'.repeat(9 * 1024) },
    });
    expect(oversized.status).toBe(413);
    expect(oversized.body).toEqual({
      errors: [
        {
          message: '请求体过大：最多 8192 字节 / The request body is too large: at most 8192 bytes',
          extensions: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 8192 }),
        },
      ],
    });

    const malformed = await post(limited, '{"query": "{ __typename }"');
    expect(malformed.status).toBe(400);
    expect(codes(malformed)).toEqual(['BAD_REQUEST']);
    expect(JSON.stringify(malformed.body)).not.toMatch(/at |node_modules|SyntaxError/);
  });

  it('successful-upload-own-limit: an import upload larger than HTTP_BODY_LIMIT still goes through', async () => {
    const broker = await login(limited, 'broker@demo.techmatch.cn', 'Demo-Broker-2026');
    const file = await readFile(`${SAMPLES}/results.xlsx`);
    expect(file.length).toBeGreaterThan(8 * 1024);
    const form = new FormData();
    form.append('file', new Blob([file]), 'results.xlsx');
    const response = await fetch(`${limited.baseUrl}/imports/results?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${broker}`, 'x-forwarded-for': freshAddress() },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ dryRun: true });
  });

  it('failing-rate-limit-ip: the sixth anonymous request in a minute from one address is 429 RATE_LIMITED with Retry-After', async () => {
    const address = freshAddress();
    for (let i = 0; i < 5; i += 1) {
      expect((await query(limited, '{ __typename }', { from: address })).status).toBe(200);
    }
    const refused = await query(limited, '{ __typename }', { from: address });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      errors: [
        {
          message: `请求过于频繁，请 ${retryAfter} 秒后重试 / Too many requests; try again in ${retryAfter} s`,
          extensions: {
            code: 'RATE_LIMITED',
            retryAfterSeconds: retryAfter,
            messages: {
              zh: `请求过于频繁，请 ${retryAfter} 秒后重试`,
              en: `Too many requests; try again in ${retryAfter} s`,
            },
          },
        },
      ],
    });

    // Plain HTTP routes count too, and answer in their own shape; /health is never limited.
    const download = await fetch(`${limited.baseUrl}/exports/some-token`, {
      headers: { 'x-forwarded-for': address },
    });
    expect(download.status).toBe(429);
    expect(await download.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    const health = await fetch(`${limited.baseUrl}/health`, {
      headers: { 'x-forwarded-for': address },
    });
    expect(health.status).toBe(200);

    // Another address is unaffected; a made-up token does not escape the address's limit.
    expect((await query(limited, '{ __typename }')).status).toBe(200);
    const forged = await query(limited, '{ __typename }', { from: address, token: 'e30.e30.x' });
    expect(forged.status).toBe(429);
  });

  it('failing-rate-limit-user: a signed-in user is counted as one, from whatever address', async () => {
    const enterprise = await login(limited, 'enterprise@demo.techmatch.cn', 'Demo-Enterprise-2026');
    const researcher = await login(limited, 'researcher@demo.techmatch.cn', 'Demo-Researcher-2026');
    for (let i = 0; i < 8; i += 1) {
      const answer = await query(limited, '{ me { id } }', { token: enterprise });
      expect(answer.status).toBe(200);
    }
    const refused = await query(limited, '{ me { id } }', { token: enterprise });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    const other = await query(limited, '{ me { id } }', { token: researcher });
    expect(other.status).toBe(200);
  });

  it('failing-websocket-rate-limit: operations over graphql-ws count against the caller’s HTTP budget', async () => {
    // The admin: no other test here spends its budget.
    const admin = await login(limited, 'admin@demo.techmatch.cn', 'Demo-Admin-2026');
    const client = createClient({
      url: `${limited.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${admin}` },
      retryAttempts: 0,
    });
    const operation = () =>
      new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
        let data: unknown;
        client.subscribe(
          { query: '{ me { role } }' },
          {
            next: (result) => (data = result.data),
            error: (errors) => resolve({ errors }),
            complete: () => resolve({ data }),
          },
        );
      });
    try {
      // Half the budget over HTTP, the other half over the socket: both count against the admin.
      for (let i = 0; i < 4; i += 1)
        expect((await query(limited, '{ me { role } }', { token: admin })).status).toBe(200);
      for (let i = 0; i < 4; i += 1)
        expect(await operation()).toEqual({ data: { me: { role: 'ADMIN' } } });
      expect((await operation()).errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'RATE_LIMITED' }),
        }),
      ]);
      expect((await query(limited, '{ me { role } }', { token: admin })).status).toBe(429);
    } finally {
      await client.dispose();
    }
  });

  it('failing-websocket-limits: the query limits also hold for operations over graphql-ws', async () => {
    const client = createClient({
      url: `${limited.baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: DEPTH_5 },
          { next: () => {}, error: resolve, complete: () => {} },
        );
      });
      expect(errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }),
        }),
      ]);
    } finally {
      await client.dispose();
    }
  });

  it('successful-profiles: suggestions and introspection on in development, off in production', async () => {
    const typo = '{ institutoins { id } }';
    const developmentTypo = await query(limited, typo);
    expect(developmentTypo.body.errors?.[0]?.message).toContain('Did you mean "institutions"');
    const schema = await query(limited, '{ __schema { queryType { name } } }');
    expect(schema.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });

    const productionTypo = await query(production, typo);
    expect(codes(productionTypo)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(JSON.stringify(productionTypo.body)).not.toMatch(/Did you mean|institutions"/);
    const enumTypo = await query(
      production,
      '{ researchResults(filter: { statuses: [PUBLISHD] }) { totalCount } }',
    );
    expect(enumTypo.body.errors?.[0]?.message).toContain('PUBLISHD');
    expect(JSON.stringify(enumTypo.body)).not.toContain('Did you mean');
    const introspection = await query(production, '{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]?.message).toContain('introspection is not allowed');

    // No IDE in production unless GRAPHQL_IDE says so.
    const page = await fetch(`${production.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<app-root');
    expect((await fetch(`${production.baseUrl}/graphql-ide/main.js`)).status).toBe(404);
  });

  it('successful-headers: helmet headers everywhere, a CSP that allows nothing on the API and what the IDE needs on its page', async () => {
    const api = await query(limited, '{ __typename }');
    expect(api.headers.get('content-security-policy')).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('x-powered-by')).toBeNull();

    const page = await fetch(`${limited.baseUrl}/graphql`, {
      headers: { accept: 'text/html', 'x-forwarded-for': freshAddress() },
    });
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script type="module" nonce="${nonce}">`);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|unsafe-eval/);
    const asset = await fetch(`${limited.baseUrl}/graphql-ide/main.js`);
    expect(asset.headers.get('content-security-policy')).toContain("script-src 'self'");

    // CSRF prevention stays on: a GET without a preflight-forcing header is refused.
    const get = await fetch(
      `${limited.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { 'x-forwarded-for': freshAddress() },
      },
    );
    expect(get.status).toBe(400);
  });
});
