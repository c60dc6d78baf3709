import { JwtService } from '@nestjs/jwt';
import { jwtKey } from './jwt-key.js';

describe('jwtKey', () => {
  const secret = 'x7Qp2vLm9RtK4wZc8NbH3sYd6FgJ1aUe-€';
  const claims = { sub: 'user-1', sid: 'session-1' };
  const options = { algorithm: 'HS256' as const, noTimestamp: true };

  it('successful-same-tokens: the key signs exactly what the string signed, each verifies the other', () => {
    const byString = new JwtService({ secret });
    const byKey = new JwtService({ secret: jwtKey(secret) });
    const old = byString.sign(claims, options);
    expect(byKey.sign(claims, options)).toBe(old);
    expect(byKey.verify(old, { algorithms: ['HS256'] })).toEqual(claims);
    expect(byString.verify(byKey.sign(claims, options), { algorithms: ['HS256'] })).toEqual(claims);
  });

  it('failing-other-secret: a token signed with another secret is refused', () => {
    const forged = new JwtService({ secret: jwtKey(`${secret}!`) }).sign(claims, options);
    const ours = new JwtService({ secret: jwtKey(secret) });
    expect(() => ours.verify<object>(forged, { algorithms: ['HS256'] })).toThrow(
      'invalid signature',
    );
  });

  it('failing-empty-secret: an empty secret is no key', () => {
    expect(() => jwtKey('')).toThrow('empty');
  });
});
