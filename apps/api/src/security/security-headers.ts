import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { ALTAIR_ASSETS_PATH } from '../ide/altair.middleware.js';
import { ideAssetDirectives } from '../ide/ide-content-security-policy.js';

/**
 * helmet's headers on every response (HSTS, nosniff, frame and referrer policies, no
 * X-Powered-By …). The API itself serves JSON and file downloads, never a page, so its
 * Content-Security-Policy allows nothing at all; the IDE's assets get the policy the IDE needs,
 * and the IDE page sets its own (with a fresh nonce, in AltairMiddleware).
 */
export function securityHeaders(): RequestHandler {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'none'"],
      },
    },
  });
  // No upgrade-insecure-requests: the IDE is also opened over plain http on a developer's machine.
  const ide = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: ideAssetDirectives() },
  });
  return (req, res, next) => (req.path.startsWith(ALTAIR_ASSETS_PATH) ? ide : api)(req, res, next);
}
