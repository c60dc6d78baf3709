import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type Environment, type QueryLimit, QueryLimitError } from '@techmatch/common';

type QueryLimitSettings = Pick<
  Environment,
  'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_COST' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_DIRECTIVES'
>;

/**
 * The limits a document must pass before it runs: graphql-armor's depth, cost, alias and directive
 * rules, as validation rules (so a document is measured once, then cached with its validation), and
 * a token count before parsing (`tooManyTokens`, applied to HTTP requests before Apollo by
 * security/graphql-requests.ts, and to websocket operations in graphql-options.ts). A refusal is a
 * QueryLimitError: behind Apollo's validation error (HTTP 400), the error formatter reports its own
 * code and bilingual message.
 *
 * Not armor's reporting, which would give every limit the code BAD_USER_INPUT; not armor's token
 * plugin, which parses every document a second time and, like any error thrown from an Apollo
 * hook, is answered 500. Fragments are flattened, so naming a selection does not make it deeper
 * or costlier.
 */
export function queryLimitRules(settings: QueryLimitSettings): ValidationRule[] {
  const refuse = (limit: QueryLimit, max: number) => [
    (context: ValidationContext | null, error: GraphQLError) => {
      const refusal = new QueryLimitError(limit, max, foundIn(error.message));
      context?.reportError(new GraphQLError(refusal.message, { originalError: refusal }));
    },
  ];
  const armor = new ApolloArmor({
    maxDepth: {
      n: settings.GRAPHQL_MAX_DEPTH,
      flattenFragments: true,
      onReject: refuse('depth', settings.GRAPHQL_MAX_DEPTH),
      propagateOnRejection: false,
    },
    costLimit: {
      maxCost: settings.GRAPHQL_MAX_COST,
      flattenFragments: true,
      onReject: refuse('cost', settings.GRAPHQL_MAX_COST),
      propagateOnRejection: false,
    },
    maxAliases: {
      n: settings.GRAPHQL_MAX_ALIASES,
      onReject: refuse('aliases', settings.GRAPHQL_MAX_ALIASES),
      propagateOnRejection: false,
    },
    maxDirectives: {
      n: settings.GRAPHQL_MAX_DIRECTIVES,
      onReject: refuse('directives', settings.GRAPHQL_MAX_DIRECTIVES),
      propagateOnRejection: false,
    },
    maxTokens: { enabled: false },
    // Suggestions are hidden by our own plugin (hide-suggestions.ts), in production only.
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

/** armor says "… limit of 10 exceeded, found 12."; the number found is worth passing on. */
function foundIn(message: string): number | undefined {
  const found = /found (\d+(?:\.\d+)?)/.exec(message)?.[1];
  return found === undefined ? undefined : Number(found);
}

/**
 * A QueryLimitError when the document has more than `max` tokens (counting stops there), else
 * undefined. A document the lexer cannot read is left to the parser (GRAPHQL_PARSE_FAILED).
 */
export function tooManyTokens(source: string, max: number): QueryLimitError | undefined {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count += 1) {
      if (count >= max) return new QueryLimitError('tokens', max);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
