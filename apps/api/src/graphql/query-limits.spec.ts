import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { AppError } from '@techmatch/common';
import { hideSuggestions } from './hide-suggestions.js';
import { queryLimitRules, tooManyTokens } from './query-limits.js';

const schema = buildSchema(`
  type Query { a: A, n: Int }
  type A { b: B, n: Int }
  type B { c: A, n: Int }
`);
const rules = queryLimitRules({
  GRAPHQL_MAX_DEPTH: 3,
  GRAPHQL_MAX_COST: 1000,
  GRAPHQL_MAX_ALIASES: 2,
  GRAPHQL_MAX_DIRECTIVES: 2,
});
const refusals = (query: string) =>
  validate(schema, parse(query), rules).map((error) => {
    const cause = error.originalError;
    return cause instanceof AppError ? [cause.code, cause.details] : [error.message];
  });

describe('query limits', () => {
  it('failing-depth: deeper than the limit is QUERY_TOO_DEEP with the depth found', () => {
    expect(refusals('{ a { b { n } } }')).toEqual([]);
    expect(refusals('{ a { b { c { n } } } }')).toEqual([
      ['QUERY_TOO_DEEP', { limit: 3, found: 4 }],
    ]);
  });

  it('successful-fragments: a fragment adds no depth of its own', () => {
    expect(refusals('{ a { ...F } } fragment F on A { b { n } }')).toEqual([]);
  });

  it('failing-aliases-directives: over the limit, each with its code', () => {
    expect(refusals('{ x: n y: n z: n }')).toEqual([['TOO_MANY_ALIASES', { limit: 2, found: 3 }]]);
    expect(refusals('{ n @skip(if: false) n @skip(if: false) n @skip(if: false) }')).toEqual([
      ['TOO_MANY_DIRECTIVES', { limit: 2, found: 3 }],
    ]);
  });

  it('failing-tokens: a document over the token limit is refused; at the limit it is not', () => {
    expect(tooManyTokens('{ n n n }', 5)).toBeUndefined();
    expect(tooManyTokens('{ n n n n }', 5)?.details).toEqual({ limit: 5 });
    // Unreadable documents are the parser's to report.
    expect(tooManyTokens('{ n n n n ~ }', 100)).toBeUndefined();
  });
});

describe('hideSuggestions', () => {
  it.each([
    'Cannot query field "institutoins" on type "Query". Did you mean "institutions" or "institution"?',
    'Value "PUBLISHD" does not exist in "ResultStatus" enum. Did you mean the enum value "PUBLISHED"?',
    'Unknown argument "frist" on field "Query.deals". Did you mean "first"?',
    'Field "emial" is not defined by type "LoginInput". Did you mean "email"?',
  ])('successful-hidden: %s', (message) => {
    const hidden = hideSuggestions(new GraphQLError(message)).message;
    expect(hidden).not.toContain('Did you mean');
    expect(hidden).toBe(message.slice(0, message.indexOf(' Did you mean')));
  });
});
