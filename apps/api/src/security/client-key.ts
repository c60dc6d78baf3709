import { JwtService } from '@nestjs/jwt';
import { jwtKey } from '@techmatch/common';

/**
 * Who a request counts against for rate limiting: the signed-in user when it carries a valid access
 * token (`user:<id>`), otherwise its address (`ip:<address>`). The token is verified, not just
 * decoded (an HMAC, no database), so a forged token cannot pose as many users; a revoked but
 * unexpired token still counts against its user, which the auth guard then refuses anyway.
 */
export class ClientKeys {
  private readonly tokens: JwtService;

  constructor(jwtSecret: string) {
    this.tokens = new JwtService({
      secret: jwtKey(jwtSecret),
      verifyOptions: { algorithms: ['HS256'] },
    });
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
