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
};

/** The JSON body of a refused HTTP (non-GraphQL) request: the same code and messages as GraphQL's. */
export interface HttpErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messages: LocalizedMessage;
  [detail: string]: unknown;
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
    if (exception instanceof AppError) {
      return {
        ...exception.details,
        statusCode: STATUS_BY_CODE[exception.code],
        code: exception.code,
        message: exception.message,
        messages: exception.text,
      };
    }
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
