import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { ConfigService } from '@nestjs/config';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createGraphQLErrorFormatter,
  type Environment,
  type GraphQLContext,
  NodeEnv,
} from '@techmatch/common';
import type { PinoLogger } from 'nestjs-pino';

export interface GraphQLOptionsInput {
  config: ConfigService<Environment, true>;
  logger: PinoLogger;
  /** Where to write the SDL; `true` keeps it in memory (production, and tests that compare it). */
  schemaFile: string | true;
}

/**
 * Apollo Server 5 behind Nest, code-first. The landing page is off: `/graphql` in a browser is served
 * the bundled Altair IDE instead (see ide/), which needs no internet. CSRF prevention is Apollo's
 * default and stays on. Errors go through one formatter, so no stack or SQL ever leaves.
 */
export function graphqlOptions({
  config,
  logger,
  schemaFile,
}: GraphQLOptionsInput): ApolloDriverConfig {
  const production = config.get('NODE_ENV', { infer: true }) === NodeEnv.Production;
  return {
    path: '/graphql',
    autoSchemaFile: schemaFile,
    sortSchema: true,
    graphiql: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // Resolvers throw coded AppErrors; Nest's HttpException remapping would hide the original.
    autoTransformHttpErrors: false,
    context: ({ req }: GraphQLContext): GraphQLContext => ({ req }),
    formatError: createGraphQLErrorFormatter((errorId, error) => {
      logger.error({ err: error, errorId }, 'Unexpected error while serving a GraphQL request');
    }),
  };
}
