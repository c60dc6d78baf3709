import { ErrorCode } from './error-code.js';
import { joinMessage, type LocalizedMessage } from './localized-message.js';

/**
 * An error the API reports to its caller on purpose: it carries a stable code, a message in Chinese
 * and English, and optional details for `extensions`. Anything thrown that is not an AppError is
 * treated as a bug and reported as INTERNAL_SERVER_ERROR without its text.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalizedMessage,
    readonly details: Record<string, unknown> = {},
  ) {
    super(joinMessage(text));
    this.name = new.target.name;
  }
}

/** One rejected input field: its path from the argument (`input.email`) and what is wrong with it. */
export interface FieldProblem {
  path: string;
  constraints: string[];
  message: LocalizedMessage;
}

export class BadUserInputError extends AppError {
  constructor(
    text: LocalizedMessage,
    readonly fields: FieldProblem[] = [],
  ) {
    super(ErrorCode.BAD_USER_INPUT, text, { fields });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(
    text: LocalizedMessage = { zh: '请先登录', en: 'You must be logged in' },
    code:
      | ErrorCode.UNAUTHENTICATED
      | ErrorCode.INVALID_CREDENTIALS
      | ErrorCode.TOKEN_EXPIRED = ErrorCode.UNAUTHENTICATED,
  ) {
    super(code, text);
  }
}

export class ForbiddenError extends AppError {
  constructor(
    text: LocalizedMessage = { zh: '无权执行此操作', en: 'You are not allowed to do this' },
    details: Record<string, unknown> = {},
  ) {
    super(ErrorCode.FORBIDDEN, text, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what: LocalizedMessage, id: string) {
    super(
      ErrorCode.NOT_FOUND,
      { zh: `未找到${what.zh}: ${id}`, en: `No ${what.en} with id ${id}` },
      { id },
    );
  }
}

export class ConflictError extends AppError {
  constructor(text: LocalizedMessage, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, text, details);
  }
}
