import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/role.js';
import { UnauthenticatedError } from '../errors/app-error.js';

/**
 * Travels as the first argument of every service method (as in Vendure): who is calling and which
 * request this is, without globals. Services read access decisions from it, never from HTTP.
 */
export class RequestContext {
  constructor(
    readonly requestId: string,
    readonly actor: Actor | null,
    private readonly cache: Map<unknown, unknown> = new Map(),
  ) {}

  /**
   * One value per request and key: DataLoaders, and facts about the caller (its enterprise, its
   * institution) that several resolvers of one query need. Every RequestContext of a request shares
   * the cache; a system context has its own.
   */
  memo<T>(key: unknown, create: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, create());
    return this.cache.get(key) as T;
  }

  hasRole(...roles: Role[]): boolean {
    return this.actor !== null && roles.includes(this.actor.role);
  }

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
