import type { Request, RequestHandler } from 'express';
import { BatchTooLargeError } from '@techmatch/common';
import { tooManyTokens } from '../graphql/query-limits.js';
import type { RequestRateLimiter } from './rate-limit.js';
import { sendRefusal } from './refusal.js';

/** The documents of a GraphQL HTTP request: the `query` of each operation of the body, or of GET. */
function documents(req: Request, operations: unknown[]): string[] {
  const fromGet = req.method === 'GET' ? [req.query.query] : [];
  return [
    ...operations.map((operation) => (operation as { query?: unknown })?.query),
    ...fromGet,
  ].filter((query): query is string => typeof query === 'string');
}

/**
 * What Apollo cannot refuse cleanly, checked on /graphql before it: the batch size (a JSON array
 * of operations is refused when GRAPHQL_MAX_BATCH is 0 or the array is longer, 400
 * BATCH_TOO_LARGE; an accepted batch counts against the rate limit once per operation) and the
 * token count of each document (400 TOO_MANY_TOKENS, before anything parses it; Apollo answers an
 * error thrown from its own hooks with 500).
 */
export function graphqlRequestLimits(
  settings: { maxBatchSize: number; maxTokens: number },
  rateLimiter: RequestRateLimiter,
): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const batch = req.method === 'POST' && Array.isArray(body) ? (body as unknown[]) : undefined;
    if (batch && (settings.maxBatchSize === 0 || batch.length > settings.maxBatchSize)) {
      sendRefusal(req, res, new BatchTooLargeError(settings.maxBatchSize, batch.length));
      return;
    }
    for (const document of documents(req, batch ?? [body])) {
      const refusal = tooManyTokens(document, settings.maxTokens);
      if (refusal) {
        sendRefusal(req, res, refusal);
        return;
      }
    }
    rateLimiter.chargeMore(req, res, (batch?.length ?? 1) - 1, next);
  };
}
