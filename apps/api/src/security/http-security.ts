import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Environment } from '@techmatch/common';
import { RequestRateLimiter, type TrustProxy } from './rate-limit.js';
import { graphqlRequestLimits } from './graphql-requests.js';
import { bodyParserErrors } from './request-body.js';
import { securityHeaders } from './security-headers.js';

/** The routes the rate limit counts: GraphQL over HTTP, uploads and downloads; not /health. */
const RATE_LIMITED_PATHS = ['/graphql', '/imports', '/exports'];

/**
 * The HTTP-level protections, in the order a request meets them, all before any route and before
 * Nest's own body parsers (which then see a parsed body and step aside): security headers, the
 * rate limit (before the body is read), the body parsers with HTTP_BODY_LIMIT and their refusals,
 * then the batch size and token count of GraphQL requests. Call before the app is initialised.
 */
export function applyHttpSecurity(app: NestExpressApplication, env: Environment): void {
  app.set('trust proxy', env.trustProxy);
  app.use(securityHeaders());
  const rateLimiter = app.get(RequestRateLimiter);
  // Express compiles the setting; websockets, which bypass Express, use the same function.
  rateLimiter.trustProxies(app.getHttpAdapter().getInstance().get('trust proxy fn') as TrustProxy);
  app.use(RATE_LIMITED_PATHS, rateLimiter.middleware);
  // Uploads (POST /imports/:kind) are multipart: multer reads them, with its own limit.
  app.useBodyParser('json', { limit: env.httpBodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: env.httpBodyLimitBytes, extended: true });
  app.use(bodyParserErrors(env.httpBodyLimitBytes));
  app.use(
    '/graphql',
    graphqlRequestLimits(
      { maxBatchSize: env.GRAPHQL_MAX_BATCH, maxTokens: env.GRAPHQL_MAX_TOKENS },
      rateLimiter,
    ),
  );
}
