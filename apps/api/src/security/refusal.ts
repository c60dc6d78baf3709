import type { Request, Response } from 'express';
import { type AppError, formatAppError, httpErrorBody } from '@techmatch/common';

const GRAPHQL_PATH = /^\/graphql(?:[/?]|$)/;
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * Answers a request refused before it reached a route (rate limit, body size, batch size): on
 * /graphql as a GraphQL response (`{ errors: [...] }`, the code and both messages in `extensions`,
 * as Apollo's own refusals are), elsewhere as the plain HTTP routes' error body. The status is the
 * code's (429, 413, 400).
 */
export function sendRefusal(req: Request, res: Response, error: AppError): void {
  const body = httpErrorBody(error);
  res.status(body.statusCode);
  if (GRAPHQL_PATH.test(req.originalUrl)) {
    // Clients that accept the GraphQL media type get it, as Apollo would answer them.
    const accepts = req.headers.accept?.includes(GRAPHQL_RESPONSE) ?? false;
    res.type(accepts ? GRAPHQL_RESPONSE : 'application/json');
    res.send(JSON.stringify({ errors: [formatAppError(error)] }));
    return;
  }
  res.json(body);
}
