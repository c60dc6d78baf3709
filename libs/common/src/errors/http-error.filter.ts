import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';
import { joinMessage, type LocalizedMessage } from './localized-message.js';
import { errorCodeForHttpStatus, INTERNAL_ERROR_MESSAGE } from './http-exceptions.js';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TOKEN_EXPIRED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.INTERNAL_SERVER_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
  [ErrorCode.BAD_REQUEST]: HttpStatus.BAD_REQUEST,
  [ErrorCode.QUERY_TOO_DEEP]: HttpStatus.BAD_REQUEST,
  [ErrorCode.QUERY_TOO_COMPLEX]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TOO_MANY_ALIASES]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TOO_MANY_DIRECTIVES]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TOO_MANY_TOKENS]: HttpStatus.BAD_REQUEST,
  [ErrorCode.BATCH_TOO_LARGE]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.LOGIN_LOCKED_OUT]: HttpStatus.TOO_MANY_REQUESTS,
};

/** The HTTP status that goes with an error code, wherever a request is refused over plain HTTP. */
export const httpStatusForCode = (code: ErrorCode): number => STATUS_BY_CODE[code];

/** The JSON body of a refused HTTP (non-GraphQL) request: the same code and messages as GraphQL's. */
export interface HttpErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messages: LocalizedMessage;
  [detail: string]: unknown;
}

/** The body of a plain HTTP route's refusal for an AppError (its code, messages and details). */
export function httpErrorBody(error: AppError): HttpErrorBody {
  return {
    ...error.details,
    statusCode: STATUS_BY_CODE[error.code],
    code: error.code,
    message: error.message,
    messages: error.text,
  };
}

/**
 * Plain HTTP routes (uploads, downloads) answer errors the way GraphQL does: an AppError keeps its
 * code, bilingual message and details, with the matching HTTP status (403 for FORBIDDEN, 401 for
 * UNAUTHENTICATED …); anything unexpected is a 500 with an `errorId` that is logged beside the real
 * error. Put it on a controller with `@UseFilters(HttpErrorFilter)`; it also catches what the
 * global auth guard throws for that controller's routes.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.body(exception);
    if (response.headersSent) {
      // A download that failed half way: the client sees a cut stream, not a JSON error.
      response.destroy();
      return;
    }
    response.status(body.statusCode).json(body);
  }

  private body(exception: unknown): HttpErrorBody {
    if (exception instanceof AppError) return httpErrorBody(exception);
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const code = errorCodeForHttpStatus(statusCode);
      return {
        statusCode,
        code,
        message: exception.message,
        messages: { zh: exception.message, en: exception.message },
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      `Unexpected error while serving an HTTP request (errorId ${errorId})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: joinMessage(INTERNAL_ERROR_MESSAGE),
      messages: INTERNAL_ERROR_MESSAGE,
      errorId,
    };
  }
}
