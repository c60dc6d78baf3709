import { randomUUID } from 'node:crypto';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { ConfigService } from '@nestjs/config';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Context as WebSocketContext } from 'graphql-ws';
import {
  type ApiRequest,
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
 *
 * Subscriptions use graphql-ws on the same path; the driver closes the websocket server when the app
 * closes. A socket carries its token as `connectionParams: { authorization: 'Bearer <jwt>' }`, and
 * each operation on it is checked by the global auth guard exactly as an HTTP request is.
 */
export function graphqlOptions({
  config,
  logger,
  schemaFile,
}: GraphQLOptionsInput): ApolloDriverConfig {
  const production = config.get('NODE_ENV', { infer: true }) === NodeEnv.Production;
  const formatError = createGraphQLErrorFormatter((errorId, error) => {
    logger.error({ err: error, errorId }, 'Unexpected error while serving a GraphQL request');
  });
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
    context: (source: GraphQLContext | WebSocketContext): GraphQLContext =>
      'req' in source ? { req: source.req } : { req: websocketRequest(source) },
    formatError,
    subscriptions: {
      'graphql-ws': {
        // Errors on a socket get the same codes and bilingual messages as over HTTP.
        onNext: (_ctx, _id, _payload, _args, result) =>
          result.errors
            ? {
                ...result,
                errors: result.errors.map((error) => formatError(error.toJSON(), error)),
              }
            : undefined,
      },
    },
  };
}

/**
 * What the auth guard and `@Ctx()` read from a request (its id and Authorization header), for one
 * operation on a websocket. A fresh one per operation: the guard authenticates each subscription
 * when it starts, so an expired token or a disabled account cannot open new ones.
 */
function websocketRequest({ connectionParams }: WebSocketContext): ApiRequest {
  const authorization = connectionParams?.authorization ?? connectionParams?.Authorization;
  const request: Pick<ApiRequest, 'id' | 'headers'> = {
    id: `ws-${randomUUID()}`,
    headers: typeof authorization === 'string' ? { authorization } : {},
  };
  return request as ApiRequest;
}
