import { ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BadUserInputError, NotFoundError } from './app-error.js';
import { QueryLimitError } from './request-limit-errors.js';
import { createGraphQLErrorFormatter } from './format-graphql-error.js';

/** What graphql-js produces when a resolver throws: a GraphQLError wrapping the original. */
const fromResolver = (original: Error): GraphQLError =>
  new GraphQLError(original.message, { path: ['field'], originalError: original });

describe('createGraphQLErrorFormatter', () => {
  const reported: Array<[string, unknown]> = [];
  const format = createGraphQLErrorFormatter((errorId, error) => reported.push([errorId, error]));

  beforeEach(() => {
    reported.length = 0;
  });

  it('successful-app-error: keeps the code, both messages and the details', () => {
    const error = fromResolver(new NotFoundError({ zh: '机构', en: 'institution' }, 'abc'));
    const formatted = format({ message: error.message, path: ['field'] }, error);
    expect(formatted).toEqual({
      message: '未找到机构: abc / No institution with id abc',
      path: ['field'],
      locations: undefined,
      extensions: {
        code: 'NOT_FOUND',
        id: 'abc',
        messages: { zh: '未找到机构: abc', en: 'No institution with id abc' },
      },
    });
    expect(reported).toHaveLength(0);
  });

  it('successful-input-fields: BAD_USER_INPUT lists the fields', () => {
    const fields = [{ path: 'input.x', constraints: ['min'], message: { zh: 'x', en: 'x' } }];
    const error = fromResolver(new BadUserInputError({ zh: '无效', en: 'invalid' }, fields));
    expect(format({ message: '' }, error).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields,
    });
  });

  it('successful-refused-request: a limit behind the validation error of Apollo keeps its own code', () => {
    const limit = new QueryLimitError('depth', 10, 12);
    // Apollo wraps a validation rule's error and replaces its code; the AppError is its cause.
    const apollo = new GraphQLError(limit.message, {
      originalError: limit,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = format(apollo.toJSON(), apollo);
    expect(formatted.extensions).toEqual({
      code: 'QUERY_TOO_DEEP',
      limit: 10,
      found: 12,
      messages: limit.text,
    });
    expect(reported).toHaveLength(0);
  });

  it('failing-unexpected: hides the text of any other error and reports it under an id', () => {
    const leak = new Error(
      'duplicate key value violates unique constraint "users_pkey" SELECT * FROM users',
    );
    const formatted = format(
      { message: leak.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } },
      fromResolver(leak),
    );
    expect(formatted.message).toBe(
      '服务器内部错误，请稍后重试 / Internal server error, please try again later',
    );
    expect(JSON.stringify(formatted)).not.toMatch(/users_pkey|SELECT|stacktrace/);
    expect(formatted.extensions?.errorId).toBe(reported[0]?.[0]);
    expect(reported[0]?.[1]).toBe(leak);
  });

  it('failing-resolver-claims-graphql-code: a thrown error posing as a request error is still hidden', () => {
    const sneaky = Object.assign(new Error('connection string postgres://u:p@h/db'), {
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const formatted = format(
      { message: sneaky.message, extensions: { code: 'BAD_USER_INPUT' } },
      fromResolver(sneaky),
    );
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(formatted.message).not.toContain('postgres://');
  });

  it('successful-request-error: GraphQL validation errors keep their text with a Chinese headline', () => {
    const validation = new GraphQLError('Cannot query field "x" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = format(
      { message: validation.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      validation,
    );
    expect(formatted.message).toContain('Cannot query field "x"');
    expect(formatted.message).toContain('GraphQL 查询不符合模式');
  });

  it('successful-http-exception: a Nest HttpException maps to its code', () => {
    const formatted = format({ message: '' }, fromResolver(new ForbiddenException('no')));
    expect(formatted.extensions?.code).toBe('FORBIDDEN');
  });
});
