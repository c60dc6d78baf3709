import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { type Environment, RateLimitedError } from '@techmatch/common';
import { sendRefusal } from './refusal.js';
import { addressKey } from '@techmatch/common';
import type { ClientKeys } from './client-key.js';

type RateLimitSettings = Pick<
  Environment,
  | 'RATE_LIMIT_IP_POINTS'
  | 'RATE_LIMIT_IP_SECONDS'
  | 'RATE_LIMIT_USER_POINTS'
  | 'RATE_LIMIT_USER_SECONDS'
>;

/** Where a request was counted, so that a batch can be charged for its further operations. */
const COUNTED = Symbol('rateLimitCounter');
type CountedResponse = Response & {
  [COUNTED]?: { limiter: RateLimiterMemory; key: string } | null;
};

/**
 * The general request limits: per signed-in user, or per address for everyone else, each a
 * number of requests (points) per window from the settings; 0 points turns that limit off.
 *
 * The counters live in this process's memory, so with several replicas each one allows the full
 * rate: the limits bound what one replica gives one client, which is what protects it. (Failed
 * logins, which must add up across replicas, are counted in Postgres by libs/identity.) A request
 * over the limit gets 429, `Retry-After` in seconds and RATE_LIMITED; it is refused before its body
 * is read.
 */
export class RequestRateLimiter {
  private readonly perAddress?: RateLimiterMemory;
  private readonly perUser?: RateLimiterMemory;

  constructor(
    settings: RateLimitSettings,
    private readonly keys: ClientKeys,
  ) {
    if (settings.RATE_LIMIT_IP_POINTS > 0) {
      this.perAddress = new RateLimiterMemory({
        keyPrefix: 'ip',
        points: settings.RATE_LIMIT_IP_POINTS,
        duration: settings.RATE_LIMIT_IP_SECONDS,
      });
    }
    if (settings.RATE_LIMIT_USER_POINTS > 0) {
      this.perUser = new RateLimiterMemory({
        keyPrefix: 'user',
        points: settings.RATE_LIMIT_USER_POINTS,
        duration: settings.RATE_LIMIT_USER_SECONDS,
      });
    }
  }

  /** Counts the request as one; refuses it when its client is over the limit. */
  readonly middleware: RequestHandler = (req, res, next) => {
    this.charge(req, res as CountedResponse, 1, next);
  };

  /** Counts `points` more against whoever this request was counted against (a batch's operations). */
  chargeMore(req: Request, res: Response, points: number, next: NextFunction): void {
    this.charge(req, res as CountedResponse, points, next);
  }

  private charge(req: Request, res: CountedResponse, points: number, next: NextFunction): void {
    const counter = (res[COUNTED] ??= this.counterFor(req));
    if (!counter || points <= 0) {
      next();
      return;
    }
    counter.limiter.consume(counter.key, points).then(
      () => next(),
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) {
          next(rejection);
          return;
        }
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(retryAfterSeconds));
        sendRefusal(req, res, new RateLimitedError(retryAfterSeconds));
      },
    );
  }

  private counterFor(req: Request): { limiter: RateLimiterMemory; key: string } | null {
    const userId = this.keys.userId(req.headers.authorization);
    if (userId) return this.perUser ? { limiter: this.perUser, key: userId } : null;
    return this.perAddress ? { limiter: this.perAddress, key: addressKey(req.ip) } : null;
  }
}
