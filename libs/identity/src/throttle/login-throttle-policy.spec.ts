import { addressKey } from '@techmatch/common';
import { durationSeconds, lockoutSeconds } from './login-throttle-policy.js';

describe('login throttle policy', () => {
  const policy = { delaySeconds: 30, maxDelaySeconds: 900 };

  it('successful-durations: settings become seconds', () => {
    expect(durationSeconds('30s')).toBe(30);
    expect(durationSeconds('15m')).toBe(900);
    expect(durationSeconds('8h')).toBe(28_800);
    expect(durationSeconds('30d')).toBe(2_592_000);
    expect(() => durationSeconds('forever')).toThrow('forever');
  });

  it('successful-backoff: no lock below the limit, then doubling from the first delay to the cap', () => {
    expect([1, 4].map((failures) => lockoutSeconds(failures, 5, policy))).toEqual([null, null]);
    expect([5, 6, 7, 8, 9, 10, 11].map((failures) => lockoutSeconds(failures, 5, policy))).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
    expect(lockoutSeconds(1_000_000, 5, policy)).toBe(900);
  });

  it('successful-cap-below-delay: a cap set below the first delay does not shorten it', () => {
    expect(lockoutSeconds(3, 1, { delaySeconds: 60, maxDelaySeconds: 10 })).toBe(60);
  });

  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:85a3:12:8a2e:370:7334:1', '2001:db8:85a3:12::/64'],
    ['2001:db8:85a3:0012::9', '2001:db8:85a3:12::/64'],
    ['2001:DB8::1%eth0', '2001:db8:0:0::/64'],
  ])('successful-ip-bucket: %s counts as %s', (ip, bucket) => {
    expect(addressKey(ip)).toBe(bucket);
  });
});
