/**
 * The stable `extensions.code` values of GraphQL errors. Clients switch on these; never rename one.
 * The first six are the generic classes; the authentication failures have codes of their own so that
 * a client can tell "log in again" (TOKEN_EXPIRED) from "wrong password" (INVALID_CREDENTIALS).
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  /**
   * A request refused as a whole before any resolver ran, by a security limit (README, "Security
   * limits"); each carries its limit in `extensions`. BAD_REQUEST is a body that is not JSON at all.
   */
  BAD_REQUEST = 'BAD_REQUEST',
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS = 'TOO_MANY_TOKENS',
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Too many requests from this address or account; `retryAfterSeconds` (and Retry-After) say when. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** Too many failed logins for this e-mail or from this address; `retryAfterSeconds` says when. */
  LOGIN_LOCKED_OUT = 'LOGIN_LOCKED_OUT',
}
