import { randomBytes } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { renderAltair } from 'altair-static';
import type { NextFunction, Request, Response } from 'express';
import { idePagePolicy } from './ide-content-security-policy.js';

export const ALTAIR_ASSETS_PATH = '/graphql-ide/';

const INITIAL_QUERY = `# TechMatch GraphQL API — 洛阳"市研县产"技术转移撮合平台
# Log in with a demo account, then set the header  Authorization: Bearer <accessToken>
mutation Login {
  login(input: { email: "broker@demo.techmatch.cn", password: "Demo-Broker-2026" }) {
    accessToken
    expiresAt
    user { id displayName role }
  }
}
`;

/**
 * A browser opening /graphql gets the Altair IDE, served entirely from the altair-static npm package
 * (no CDN, no account service), so it works on a machine without internet access. API clients, which
 * do not ask for text/html, go straight through to Apollo. Each page carries a fresh CSP nonce for
 * its inline start-up script, and the policy that names it.
 */
@Injectable()
export class AltairMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const wantsPage = req.method === 'GET' && req.accepts(['json', 'html']) === 'html';
    if (!wantsPage || req.query.query) {
      next();
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('Content-Security-Policy', idePagePolicy(nonce));
    res.type('html').send(
      renderAltair({
        baseURL: ALTAIR_ASSETS_PATH,
        endpointURL: '/graphql',
        initialQuery: INITIAL_QUERY,
        disableAccount: true,
        initialSettings: { language: 'zh-CN', theme: 'light', 'plugin.list': [] } as never,
        cspNonce: nonce,
      }),
    );
  }
}
