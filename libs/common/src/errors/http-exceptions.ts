import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code.js';
import type { LocalizedMessage } from './localized-message.js';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
};

/**
 * The error code of a Nest HttpException (a library pipe or guard): one mapping for GraphQL and
 * plain HTTP routes alike. Any other 4xx is the caller's input; any 5xx is ours.
 */
export const errorCodeForHttpStatus = (status: number): ErrorCode =>
  CODE_BY_STATUS[status] ??
  (status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT);

/** What a caller is told of an unexpected failure (the real error is logged under an errorId). */
export const INTERNAL_ERROR_MESSAGE: LocalizedMessage = {
  zh: '服务器内部错误，请稍后重试',
  en: 'Internal server error, please try again later',
};
