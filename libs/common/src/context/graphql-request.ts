import type { Request } from 'express';
// pino-http's augmentation of the request (`req.id`), in scope in every build that uses this type.
import type {} from 'pino-http';
import type { Actor } from '../auth/actor.js';

/** The Express request as the API sees it once the auth guard has run (pino-http adds `id`). */
export interface ApiRequest extends Request {
  actor?: Actor | null;
  /** Per-request memo shared by every RequestContext of the request (see RequestContext.memo). */
  requestCache?: Map<unknown, unknown>;
}

/** What every GraphQL resolver receives as context. */
export interface GraphQLContext {
  req: ApiRequest;
}
