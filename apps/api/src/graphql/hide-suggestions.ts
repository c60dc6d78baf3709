import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';

// graphql-js appends ' Did you mean "a", "b", or "c"?' (or 'Did you mean the enum value "x"?') to
// validation and variable-coercion errors. armor's blocker matches only the first form.
const SUGGESTION = / Did you mean [^?]*\?/g;

/** Drops graphql-js's "Did you mean …?" from an error, so that errors cannot map a hidden schema. */
export function hideSuggestions(error: GraphQLError): GraphQLError {
  error.message = error.message.replace(SUGGESTION, '');
  return error;
}

/**
 * In production, where introspection is off, field, argument, type and enum-value suggestions would
 * reveal the schema piece by piece; this plugin removes them from every error before formatting.
 */
export function hideSuggestionsPlugin(): ApolloServerPlugin {
  const listener = {
    didEncounterErrors: ({ errors }: { errors: readonly GraphQLError[] }): Promise<void> => {
      errors.forEach(hideSuggestions);
      return Promise.resolve();
    },
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}
