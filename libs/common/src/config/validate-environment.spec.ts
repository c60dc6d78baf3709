import { ConfigValidationError, validateEnvironment } from './validate-environment.js';

describe('validateEnvironment', () => {
  it('successful-defaults: an empty environment gives the embedded development defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: '.data',
      JWT_EXPIRES_IN: '8h',
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

  it('successful-empty-means-unset: PORT= is the default, not an error', () => {
    expect(validateEnvironment({ PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: 'eighty' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }],
    ['MEILI_MASTER_KEY', { MEILI_URL: 'http://127.0.0.1:7700' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_EXPIRES_IN', { JWT_EXPIRES_IN: 'forever' }],
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
});
