/** How failed logins are counted and locked out (from the LOGIN_* settings). */
export interface LoginThrottlePolicy {
  /** Failures per e-mail address before it is locked out. */
  accountLimit: number;
  /** Failures per IP address (IPv6: per /64) before it is locked out. */
  ipLimit: number;
  /** The first lockout, doubled by each further failure up to `maxDelaySeconds`. */
  delaySeconds: number;
  maxDelaySeconds: number;
  /** Failures are forgotten once none has happened for this long. */
  windowSeconds: number;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `30s`, `15m`, `8h`, `30d` (as the configuration validates them) in seconds. */
export function durationSeconds(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new Error(`Not a duration: ${value}`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

/**
 * How long a key stays locked once `failures` attempts have been counted against it: nothing below
 * the limit, then the first delay at the limit, doubling with each failure after it, up to the cap.
 */
export function lockoutSeconds(
  failures: number,
  limit: number,
  policy: Pick<LoginThrottlePolicy, 'delaySeconds' | 'maxDelaySeconds'>,
): number | null {
  if (failures < limit) return null;
  const cap = Math.max(policy.delaySeconds, policy.maxDelaySeconds);
  // 2^30 times any delay is past every cap; the bound keeps the arithmetic finite.
  return Math.min(cap, policy.delaySeconds * 2 ** Math.min(failures - limit, 30));
}
