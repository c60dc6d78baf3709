import { ConfigValidationError, validateEnvironment } from './validate-environment.js';

describe('validateEnvironment', () => {
  it('successful-defaults: an empty environment gives the embedded development defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: '.data',
      JWT_EXPIRES_IN: '15m',
      REFRESH_TOKEN_EXPIRES_IN: '30d',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.demoData).toBe(true);
  });

  it('successful-conversion: strings from the environment become numbers and booleans', () => {
    const env = validateEnvironment({ PORT: '8080', MIGRATIONS_RUN: 'false', DEMO_DATA: 'no' });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATIONS_RUN).toBe(false);
    expect(env.demoData).toBe(false);
  });

  it.each(['256MiB', '1GiB', '512 MB', '0.5GiB', '268435456'])(
    'successful-indexing-memory: %s is a size Meilisearch reads',
    (size) => {
      expect(
        validateEnvironment({ MEILI_MAX_INDEXING_MEMORY: size }).MEILI_MAX_INDEXING_MEMORY,
      ).toBe(size);
    },
  );

  it('successful-empty-means-unset: PORT= is the default, not an error', () => {
    expect(validateEnvironment({ PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: 'eighty' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }],
    ['MEILI_MASTER_KEY', { MEILI_URL: 'http://127.0.0.1:7700' }],
    ['MEILI_MAX_INDEXING_MEMORY', { MEILI_MAX_INDEXING_MEMORY: 'plenty' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: 'forever' }],
    ['REFRESH_TOKEN_EXPIRES_IN', { REFRESH_TOKEN_EXPIRES_IN: '30 days' }],
    ['LOGIN_LOCKOUT_DELAY', { LOGIN_LOCKOUT_DELAY: '0s' }],
    ['LOGIN_FAILURES_PER_ACCOUNT', { LOGIN_FAILURES_PER_ACCOUNT: '0' }],
  ])('failing-%s: a bad value is refused in one line that names it', (name, raw) => {
    let error: unknown;
    try {
      validateEnvironment(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('failing-production-without-secrets: production needs real services and a JWT secret', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL.*MEILI_URL.*JWT_SECRET/,
    );
  });

  it('failing-secret-not-echoed: a rejected secret is never printed back', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'hunter2' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnvironment({ JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });

  describe('JWT_SECRET in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://techmatch:pw@db:5432/techmatch',
      MEILI_URL: 'http://meili:7700',
      MEILI_MASTER_KEY: 'a-master-key-of-16+',
    };

    it('successful-random-secret: a generated secret starts the service', () => {
      const secret = 'q3Vx9LmB0tR7wYzK2pHs5NcD8fGjUe4A1oIyT6rWbXk=';
      expect(validateEnvironment({ ...production, JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
    });

    it.each([
      ['missing', undefined],
      ['31 characters', 'q3Vx9LmB0tR7wYzK2pHs5NcD8fGjUe4'],
      ['the example in docker/README.md', 'at-least-32-characters-long-random-value'],
      ['a stand-in', 'please-change-me-before-going-live-2026'],
      ['a stand-in, spelt differently', 'CHANGEME_CHANGEME_CHANGEME_CHANGEME'],
      ['one character repeated', 'x'.repeat(64)],
      ['a short pattern repeated', 'abc123'.repeat(8)],
    ])('failing-weak-secret (%s): refused, and not echoed', (_label, secret) => {
      const raw = secret === undefined ? production : { ...production, JWT_SECRET: secret };
      let error: unknown;
      try {
        validateEnvironment(raw);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as ConfigValidationError).problems).toHaveLength(1);
      expect((error as Error).message).toContain('JWT_SECRET');
      if (secret) expect((error as Error).message).not.toContain(secret);
    });
  });

  describe('security limits', () => {
    it('successful-limit-defaults: the documented defaults; the IDE is on outside production', () => {
      const env = validateEnvironment({});
      expect(env).toMatchObject({
        GRAPHQL_MAX_DEPTH: 10,
        GRAPHQL_MAX_COST: 20_000,
        GRAPHQL_MAX_BATCH: 0,
        RATE_LIMIT_IP_POINTS: 600,
        RATE_LIMIT_USER_POINTS: 1200,
      });
      expect(env.httpBodyLimitBytes).toBe(1024 * 1024);
      expect(env.trustProxy).toBe(false);
      expect(env.graphqlIde).toBe(true);
      expect(validateEnvironment({ GRAPHQL_IDE: 'false' }).graphqlIde).toBe(false);
    });

    it.each([
      ['512', 512],
      ['64kb', 65_536],
      ['2 MB', 2_097_152],
    ])('successful-body-limit: %s is %d bytes', (value, bytes) => {
      expect(validateEnvironment({ HTTP_BODY_LIMIT: value }).httpBodyLimitBytes).toBe(bytes);
    });

    it.each([
      ['true', true],
      ['1', 1],
      ['loopback', 'loopback'],
      ['10.0.0.0/8, fd00::/8', '10.0.0.0/8, fd00::/8'],
    ])('successful-trust-proxy: %s', (value, trusted) => {
      expect(validateEnvironment({ TRUST_PROXY: value }).trustProxy).toEqual(trusted);
    });

    it.each([
      ['HTTP_BODY_LIMIT', { HTTP_BODY_LIMIT: '1gb' }],
      ['TRUST_PROXY', { TRUST_PROXY: 'everyone' }],
      ['GRAPHQL_MAX_DEPTH', { GRAPHQL_MAX_DEPTH: '0' }],
      ['GRAPHQL_MAX_BATCH', { GRAPHQL_MAX_BATCH: '-1' }],
      ['RATE_LIMIT_IP_SECONDS', { RATE_LIMIT_IP_SECONDS: '0' }],
    ])('failing-%s: refused, naming it', (name, raw) => {
      expect(() => validateEnvironment(raw)).toThrow(name);
    });
  });
});
