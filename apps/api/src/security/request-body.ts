import type { ErrorRequestHandler } from 'express';
import { MalformedRequestError, PayloadTooLargeError } from '@techmatch/common';
import { sendRefusal } from './refusal.js';

/** What body-parser (raw-body) attaches to the errors it raises. */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as Partial<BodyParserError>).type === 'string' &&
  typeof (error as Partial<BodyParserError>).status === 'number';

/**
 * Turns the body parsers' refusals into ours: a body over HTTP_BODY_LIMIT is 413
 * PAYLOAD_TOO_LARGE, one that cannot be read (not JSON, an unknown charset) 400 BAD_REQUEST, in
 * GraphQL's shape on /graphql. Express would otherwise answer with an HTML page carrying a stack.
 */
export function bodyParserErrors(limitBytes: number): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!isBodyParserError(error) || error.status >= 500) {
      next(error);
      return;
    }
    sendRefusal(
      req,
      res,
      error.status === 413
        ? new PayloadTooLargeError(error.limit ?? limitBytes)
        : new MalformedRequestError(),
    );
  };
}
