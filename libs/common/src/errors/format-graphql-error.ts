import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';
import { joinMessage, type LocalizedMessage } from './localized-message.js';
import { errorCodeForHttpStatus, INTERNAL_ERROR_MESSAGE } from './http-exceptions.js';

/**
 * Errors raised by GraphQL itself before any resolver runs (parse, validation, variable coercion).
 * Their English text is safe and useful ("Cannot query field ..."), so it is kept, with a Chinese
 * headline beside it.
 */
const REQUEST_ERROR_HEADLINES: Record<string, LocalizedMessage> = {
  GRAPHQL_PARSE_FAILED: { zh: 'GraphQL 语法错误', en: 'GraphQL syntax error' },
  GRAPHQL_VALIDATION_FAILED: {
    zh: 'GraphQL 查询不符合模式',
    en: 'Query does not match the schema',
  },
  BAD_USER_INPUT: { zh: '输入参数无效', en: 'Invalid input' },
  OPERATION_RESOLUTION_FAILURE: {
    zh: '无法确定要执行的操作',
    en: 'Could not resolve the operation',
  },
  BAD_REQUEST: { zh: '请求无效', en: 'Bad request' },
  PERSISTED_QUERY_NOT_FOUND: { zh: '持久化查询不存在', en: 'Persisted query not found' },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    zh: '不支持持久化查询',
    en: 'Persisted queries are not supported',
  },
};

export type InternalErrorReporter = (errorId: string, error: unknown) => void;

/** The GraphQL form of an AppError: its message, code, both texts and its details. */
export function formatAppError(
  error: AppError,
  base: Pick<GraphQLFormattedError, 'locations' | 'path'> = {},
): GraphQLFormattedError {
  return {
    ...base,
    message: error.message,
    extensions: { ...error.details, code: error.code, messages: error.text },
  };
}

/**
 * Builds Apollo's `formatError`: AppErrors keep their code and bilingual message, GraphQL's own request
 * errors keep their text, and everything else becomes INTERNAL_SERVER_ERROR with an `errorId` that is
 * logged (through `report`) next to the real error. No stack trace, SQL or driver message ever leaves.
 */
export function createGraphQLErrorFormatter(report: InternalErrorReporter) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = refusedRequest(error) ?? unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };

    if (original instanceof AppError) return formatAppError(original, base);

    // Nest's own HTTP exceptions (from a library pipe or guard) are deliberate, so they keep their text.
    if (original instanceof HttpException) {
      const code = errorCodeForHttpStatus(original.getStatus());
      return {
        ...base,
        message: original.message,
        extensions: { code, messages: { zh: original.message, en: original.message } },
      };
    }

    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code in REQUEST_ERROR_HEADLINES && !isResolverFailure(error)) {
      const headline = REQUEST_ERROR_HEADLINES[code];
      return {
        ...base,
        message: `${joinMessage(headline)}: ${formatted.message}`,
        extensions: { code, messages: { zh: headline.zh, en: formatted.message } },
      };
    }

    const errorId = randomUUID();
    report(errorId, original);
    return {
      ...base,
      message: joinMessage(INTERNAL_ERROR_MESSAGE),
      extensions: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        messages: INTERNAL_ERROR_MESSAGE,
        errorId,
      },
    };
  };
}

/**
 * A request refused before execution (a query limit in validation, a plugin) arrives as Apollo's
 * own GraphQLError, which replaces the code with GRAPHQL_VALIDATION_FAILED and has no path; the
 * AppError that says why is its original error.
 */
function refusedRequest(error: unknown): AppError | undefined {
  return error instanceof GraphQLError && !error.path && error.originalError instanceof AppError
    ? error.originalError
    : undefined;
}

/**
 * A resolver that throws an error carrying a GraphQL-looking code (some libraries do) must not pass
 * its text through as if GraphQL had produced it: only errors without an original cause qualify.
 */
function isResolverFailure(error: unknown): boolean {
  return unwrapResolverError(error) !== error;
}
