import type { Actor } from '../auth/actor.js';
import { UnauthenticatedError } from '../errors/app-error.js';

/**
 * Travels as the first argument of every service method (as in Vendure): who is calling and which
 * request this is, without globals. Services read access decisions from it, never from HTTP.
 */
export class RequestContext {
  constructor(
    readonly requestId: string,
    readonly actor: Actor | null,
  ) {}

  /** For work the service does on its own behalf: seeding, scheduled jobs, the CLI. */
  static system(label = 'system'): RequestContext {
    return new RequestContext(label, null);
  }

  get isAuthenticated(): boolean {
    return this.actor !== null;
  }

  /** The caller, for code that the auth guard only lets authenticated callers reach. */
  requireActor(): Actor {
    if (!this.actor) throw new UnauthenticatedError();
    return this.actor;
  }
}
