import { isIPv4, isIPv6 } from 'node:net';
import { JwtService } from '@nestjs/jwt';

/**
 * Who a request counts against for rate limiting: the signed-in user when it carries a valid access
 * token (`user:<id>`), otherwise its address (`ip:<address>`). The token is verified, not just
 * decoded (an HMAC, no database), so a forged token cannot pose as many users; a revoked but
 * unexpired token still counts against its user, which the auth guard then refuses anyway.
 */
export class ClientKeys {
  private readonly tokens: JwtService;

  constructor(jwtSecret: string) {
    this.tokens = new JwtService({ secret: jwtSecret, verifyOptions: { algorithms: ['HS256'] } });
  }

  userId(authorization: string | undefined): string | undefined {
    const [scheme, token] = authorization?.split(' ') ?? [];
    if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
    try {
      const { sub } = this.tokens.verify<{ sub?: unknown }>(token);
      return typeof sub === 'string' ? sub : undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * The part of a client's address that one client controls: the IPv4 address (also when mapped into
 * IPv6), or the /64 prefix of an IPv6 address, since one subscriber is routinely given a whole /64.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.split('%')[0] ?? ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mapped) return mapped;
  if (isIPv4(address) || !isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of a valid IPv6 address, without leading zeros ("::" and a.b.c.d expanded). */
function ipv6Groups(address: string): string[] {
  const groups = (part: string): string[] =>
    part
      .split(':')
      .filter((group) => group !== '')
      .flatMap((group) => {
        if (!group.includes('.')) return [group];
        const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
        return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
      });
  const [head = '', tail] = address.split('::');
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
