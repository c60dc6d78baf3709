import type { Role } from './role.js';

/**
 * The authenticated caller, as resolved once per request from its bearer token. The role is read
 * from the database on each request, so a changed or disabled account takes effect at once.
 */
export interface Actor {
  userId: string;
  role: Role;
  /** The session the access token belongs to (what `logout` ends). */
  sessionId?: string;
}
