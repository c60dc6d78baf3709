import type { FactoryProvider } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import {
  type Clock,
  clockProvider,
  ConfigValidationError,
  type Environment,
  SystemClock,
  TestClock,
  validateEnvironment,
} from '@techmatch/common';

const clockFor = (raw: Record<string, string>): Clock => {
  const env = validateEnvironment(raw);
  const config = {
    get: (key: keyof Environment) => env[key],
  } as unknown as ConfigService<Environment, true>;
  return (clockProvider as FactoryProvider<Clock>).useFactory(config) as Clock;
};

const refusal = (raw: Record<string, string>): string => {
  try {
    validateEnvironment(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('deal scheduler settings', () => {
  it('successful-defaults: on, every minute, reminders 30 and 7 days before the end', () => {
    const env = validateEnvironment({});
    expect(env.DEAL_SCHEDULER).toBe(true);
    expect(env.DEAL_SCHEDULER_INTERVAL_MS).toBe(60_000);
    expect(env.DEAL_TRIAL_REMINDER_DAYS).toBe('30,7');
    expect(env.TEST_CLOCK_AT).toBeUndefined();
  });

  it('successful-values: strings become a boolean and a number; reminder lists or none', () => {
    const env = validateEnvironment({
      DEAL_SCHEDULER: 'off',
      DEAL_SCHEDULER_INTERVAL_MS: '250',
      DEAL_TRIAL_REMINDER_DAYS: '60, 14,1',
    });
    expect(env).toMatchObject({
      DEAL_SCHEDULER: false,
      DEAL_SCHEDULER_INTERVAL_MS: 250,
      DEAL_TRIAL_REMINDER_DAYS: '60, 14,1',
    });
    expect(validateEnvironment({ DEAL_TRIAL_REMINDER_DAYS: 'none' }).DEAL_TRIAL_REMINDER_DAYS).toBe(
      'none',
    );
  });

  it.each([
    ['DEAL_SCHEDULER', { DEAL_SCHEDULER: 'sometimes' }],
    ['DEAL_SCHEDULER_INTERVAL_MS', { DEAL_SCHEDULER_INTERVAL_MS: '10' }],
    ['DEAL_SCHEDULER_INTERVAL_MS', { DEAL_SCHEDULER_INTERVAL_MS: 'soon' }],
    ['DEAL_TRIAL_REMINDER_DAYS', { DEAL_TRIAL_REMINDER_DAYS: '30;7' }],
    ['DEAL_TRIAL_REMINDER_DAYS', { DEAL_TRIAL_REMINDER_DAYS: '0' }],
    ['DEAL_TRIAL_REMINDER_DAYS', { DEAL_TRIAL_REMINDER_DAYS: '-7' }],
  ])('failing-%s: a bad value is refused in one line that names it', (name, raw) => {
    expect(refusal(raw)).toContain(name);
  });

  it('successful-test-clock-at: under NODE_ENV=test the TestClock starts there', () => {
    const clock = clockFor({ NODE_ENV: 'test', TEST_CLOCK_AT: '2027-01-15T08:00:00Z' });
    expect(clock).toBeInstanceOf(TestClock);
    expect(clock.now().toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(clockFor({ NODE_ENV: 'test' })).toBeInstanceOf(TestClock);
  });

  it('failing-test-clock-outside-tests: production and development cannot move business time', () => {
    for (const NODE_ENV of ['production', 'development']) {
      const message = refusal({
        NODE_ENV,
        TEST_CLOCK_AT: '2027-01-15T08:00:00Z',
        DATABASE_URL: 'postgres://u:p@db/techmatch',
        MEILI_URL: 'http://search:7700',
        MEILI_MASTER_KEY: 'a-master-key-of-some-length',
        JWT_SECRET: 'q3Vx9LmB0tR7wYzK2pHs5NcD8fGjUe4A1oIyT6rWbXk=',
      });
      expect(message).toContain('TEST_CLOCK_AT is accepted only with NODE_ENV=test');
    }
    expect(clockFor({ NODE_ENV: 'development' })).toBeInstanceOf(SystemClock);
  });

  it('failing-test-clock-not-an-instant: a date without time and zone is refused', () => {
    for (const TEST_CLOCK_AT of ['2027-01-15', 'tomorrow', '2027-13-45T00:00:00Z']) {
      expect(refusal({ NODE_ENV: 'test', TEST_CLOCK_AT })).toContain('TEST_CLOCK_AT');
    }
  });
});
