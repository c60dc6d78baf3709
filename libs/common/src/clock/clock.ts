import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type Environment, NodeEnv } from '../config/environment.js';

/**
 * Where services read "now" from. Business time (a trial's end, a grace period) must come from here,
 * never from `new Date()`, so that tests can walk through a year-long trial in milliseconds.
 * Row timestamps (`created_at`) stay with Postgres: they record when a write happened, not business time.
 */
export abstract class Clock {
  abstract now(): Date;
}

export const CLOCK = Symbol('techmatch:clock');

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until a test moves it. Only ever provided when NODE_ENV is `test`. */
export class TestClock extends Clock {
  private current: Date;

  constructor(startAt: Date = new Date()) {
    super();
    this.current = new Date(startAt.getTime());
  }

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date): void {
    this.current = new Date(at.getTime());
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/**
 * The system clock everywhere but under NODE_ENV=test, where a settable TestClock takes its place
 * (`app.get(CLOCK)`). Production code cannot reach `set`: it only sees `Clock`. A test that cannot
 * reach the clock (it spawned the API as a process) sets `TEST_CLOCK_AT` instead, which the
 * configuration refuses outside NODE_ENV=test; and it is read here only under test as well.
 */
export const clockProvider: Provider = {
  provide: CLOCK,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Environment, true>): Clock => {
    if (config.get('NODE_ENV', { infer: true }) !== NodeEnv.Test) return new SystemClock();
    const startAt = config.get('TEST_CLOCK_AT', { infer: true });
    return new TestClock(startAt ? new Date(startAt) : undefined);
  },
};
