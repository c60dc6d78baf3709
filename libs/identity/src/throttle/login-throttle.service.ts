import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { addressKey, type Environment } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import type { EntityManager } from 'typeorm';
import { LoginLockedOutError } from './login-locked-out.error.js';
import {
  durationSeconds,
  type LoginThrottlePolicy,
  lockoutSeconds,
} from './login-throttle-policy.js';

/** An attempt that was let through: its e-mail's counter already counts it as a failure. */
export interface AdmittedAttempt {
  accountKey: string;
  ipKey: string | null;
}

interface Counter {
  failures: number;
  stale: boolean;
  retry_after: number | null;
}

const keyOf = (kind: 'account' | 'ip', value: string): string =>
  `${kind}:${createHash('sha256').update(value).digest('hex')}`;

/**
 * Lockout-by-backoff for `login`, per e-mail address and per IP address, counted in Postgres so
 * that every replica sees the same counts. Unknown e-mail addresses are counted exactly like
 * registered ones, so a lockout says nothing about which accounts exist.
 *
 * An e-mail's attempt is counted when it starts, under the counter's row lock, and taken back by a
 * success: a burst of parallel guesses at one account (from as many addresses as you like) gets
 * exactly as many password checks as the limit allows. An IP address's failures are counted when
 * they fail, so that many people logging in at once behind one address never hold each other up;
 * only failures count there, and a success does not wash out the guesses made at other accounts.
 */
@Injectable()
export class LoginThrottleService {
  private readonly policy: LoginThrottlePolicy;

  constructor(
    private readonly tx: TransactionService,
    config: ConfigService<Environment, true>,
  ) {
    this.policy = {
      accountLimit: config.get('LOGIN_FAILURES_PER_ACCOUNT', { infer: true }),
      ipLimit: config.get('LOGIN_FAILURES_PER_IP', { infer: true }),
      delaySeconds: durationSeconds(config.get('LOGIN_LOCKOUT_DELAY', { infer: true })),
      maxDelaySeconds: durationSeconds(config.get('LOGIN_LOCKOUT_MAX_DELAY', { infer: true })),
      windowSeconds: durationSeconds(config.get('LOGIN_FAILURE_WINDOW', { infer: true })),
    };
  }

  /**
   * Counts an attempt at `email` from `ip`, or throws LOGIN_LOCKED_OUT, counting nothing, while
   * either is locked. `ip` is missing only where the transport gives none.
   */
  async admit(email: string, ip: string | undefined): Promise<AdmittedAttempt> {
    const attempt: AdmittedAttempt = {
      accountKey: keyOf('account', email),
      ipKey: ip ? keyOf('ip', addressKey(ip)) : null,
    };
    const retryAfter = await this.tx.run(async (em) => {
      const [ipLock] = attempt.ipKey
        ? await em.query<Array<{ retry_after: number }>>(
            `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS retry_after
               FROM login_throttles WHERE key = $1 AND locked_until > now()`,
            [attempt.ipKey],
          )
        : [];
      if (ipLock) return ipLock.retry_after;
      return this.count(em, attempt.accountKey, this.policy.accountLimit);
    });
    if (retryAfter !== null) throw new LoginLockedOutError(Math.max(1, retryAfter));
    // Counters nobody has failed on for a window are dead weight; any login may sweep them.
    if (Math.random() < 0.01) await this.prune();
    return attempt;
  }

  /** The password was wrong (or the account unusable): the address's failure is counted. */
  async failed(attempt: AdmittedAttempt): Promise<void> {
    const { ipKey } = attempt;
    if (ipKey) await this.tx.run((em) => this.count(em, ipKey, this.policy.ipLimit));
  }

  /** The password was right: the e-mail's failures, and this attempt, are forgotten. */
  async succeeded(attempt: AdmittedAttempt): Promise<void> {
    await this.tx.run((em) =>
      em.query(`DELETE FROM login_throttles WHERE key = $1`, [attempt.accountKey]),
    );
  }

  /** Deletes counters with no failure within the window and no lock left. */
  async prune(): Promise<void> {
    await this.tx.run((em) =>
      em.query(
        `DELETE FROM login_throttles
          WHERE last_failure_at < now() - $1 * interval '1 second'
            AND (locked_until IS NULL OR locked_until < now())`,
        [this.policy.windowSeconds],
      ),
    );
  }

  /**
   * Adds a failure to `key` under its row lock and locks it once `limit` is reached (backing off
   * from there); returns null, or the seconds left if it is locked already (then nothing changes).
   */
  private async count(em: EntityManager, key: string, limit: number): Promise<number | null> {
    await em.query(
      `INSERT INTO login_throttles (key, failures, last_failure_at) VALUES ($1, 0, now())
       ON CONFLICT (key) DO NOTHING`,
      [key],
    );
    const [counter] = await em.query<Counter[]>(
      `SELECT failures,
              last_failure_at < now() - $2 * interval '1 second' AS stale,
              CASE WHEN locked_until > now()
                   THEN ceil(extract(epoch FROM locked_until - now()))::int END AS retry_after
         FROM login_throttles WHERE key = $1
          FOR UPDATE`,
      [key, this.policy.windowSeconds],
    );
    if (!counter) throw new Error(`login_throttles row ${key} vanished under its lock`);
    if (counter.retry_after !== null) return counter.retry_after;
    const failures = counter.stale ? 1 : counter.failures + 1;
    await em.query(
      `UPDATE login_throttles
          SET failures = $2, last_failure_at = now(),
              locked_until = now() + $3::int * interval '1 second'
        WHERE key = $1`,
      [key, failures, lockoutSeconds(failures, limit, this.policy)],
    );
    return null;
  }
}
