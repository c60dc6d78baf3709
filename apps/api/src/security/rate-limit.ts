import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import proxyAddress from 'proxy-addr';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { addressKey, type Environment, RateLimitedError } from '@techmatch/common';
import { sendRefusal } from './refusal.js';
import type { ClientKeys } from './client-key.js';

export type RateLimitSettings = Pick<
  Environment,
  | 'RATE_LIMIT_IP_POINTS'
  | 'RATE_LIMIT_IP_SECONDS'
  | 'RATE_LIMIT_USER_POINTS'
  | 'RATE_LIMIT_USER_SECONDS'
>;

/** Where a request was counted, so that a batch can be charged for its further operations. */
const COUNTED = Symbol('rateLimitCounter');
interface Counter {
  limiter: RateLimiterMemory;
  key: string;
}
type CountedResponse = Response & { [COUNTED]?: Counter | null };

/** Express's compiled `trust proxy` setting: which hops' X-Forwarded-For to believe. */
export type TrustProxy = (address: string, hop: number) => boolean;

const retryAfter = (rejection: RateLimiterRes): number =>
  Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));

/**
 * The general request limits: per signed-in user, or per address for everyone else, each a
 * number of requests (points) per window from the settings; 0 points turns that limit off.
 *
 * The counters live in this process's memory, so with several replicas each one allows the full
 * rate: the limits bound what one replica gives one client, which is what protects it. (Failed
 * logins, which must add up across replicas, are counted in Postgres by libs/identity.) A request
 * over the limit gets 429, `Retry-After` in seconds and RATE_LIMITED; it is refused before its body
 * is read. Operations started on a websocket count against the same budgets (admitSocketOperation):
 * a client gains nothing by switching protocol.
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

  /** Trusts no proxy until the app's setting is known (applyHttpSecurity passes it). */
  private trust: TrustProxy = () => false;

  trustProxies(trust: TrustProxy): void {
    this.trust = trust;
  }

  /**
   * Counts one operation started on a websocket, against the token of its connection or the address
   * of its upgrade request (behind trusted proxies, the client's). The refusal, or null.
   */
  async admitSocketOperation(
    authorization: string | undefined,
    upgrade: IncomingMessage | undefined,
  ): Promise<RateLimitedError | null> {
    const address = upgrade ? proxyAddress(upgrade, this.trust) : undefined;
    const counter = this.counter(authorization, address);
    if (!counter) return null;
    try {
      await counter.limiter.consume(counter.key, 1);
      return null;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return new RateLimitedError(retryAfter(rejection));
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
    const counter = (res[COUNTED] ??= this.counter(req.headers.authorization, req.ip));
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
        const retryAfterSeconds = retryAfter(rejection);
        res.setHeader('Retry-After', String(retryAfterSeconds));
        sendRefusal(req, res, new RateLimitedError(retryAfterSeconds));
      },
    );
  }

  private counter(authorization: string | undefined, address: string | undefined): Counter | null {
    const userId = this.keys.userId(authorization);
    if (userId) return this.perUser ? { limiter: this.perUser, key: userId } : null;
    return this.perAddress ? { limiter: this.perAddress, key: addressKey(address) } : null;
  }
}
