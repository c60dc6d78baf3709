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
}
