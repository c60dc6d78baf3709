import { JwtService } from '@nestjs/jwt';
import { addressKey } from '@techmatch/common';
import { ClientKeys } from './client-key.js';

describe('rate-limit keys', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:85a3:12:8a2e:370:7334:1', '2001:db8:85a3:12::/64'],
    ['2001:db8:85a3:0012::9', '2001:db8:85a3:12::/64'],
    ['2001::3:4:5:6:7:8', '2001:0:3:4::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['2001:DB8::1%eth0', '2001:db8:0:0::/64'],
    [undefined, 'unknown'],
  ])('successful-address-key: %s counts as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });

  it('successful-user-id: only a token signed with our secret, unexpired, names a user', () => {
    const secret = 'a'.repeat(16) + 'b'.repeat(16);
    const keys = new ClientKeys(secret);
    const ours = new JwtService({ secret });
    const valid = ours.sign({ sub: 'user-1', sid: 's' }, { algorithm: 'HS256', expiresIn: '1m' });
    expect(keys.userId(`Bearer ${valid}`)).toBe('user-1');
    expect(keys.userId(`bearer ${valid}`)).toBe('user-1');

    const forged = new JwtService({ secret: 'c'.repeat(32) }).sign({ sub: 'user-2' });
    const expired = ours.sign({ sub: 'user-3', exp: Math.floor(Date.now() / 1000) - 10 });
    for (const header of [
      `Bearer ${forged}`,
      `Bearer ${expired}`,
      `Basic ${valid}`,
      'Bearer',
      undefined,
    ]) {
      expect(keys.userId(header)).toBeUndefined();
    }
  });
});
