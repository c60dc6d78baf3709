import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { ConfigService } from '@nestjs/config';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, NoSchemaIntrospectionCustomRule, specifiedRules, validate } from 'graphql';
import type { ServerOptions, Context as WebSocketContext } from 'graphql-ws';
import {
  type ApiRequest,
  createGraphQLErrorFormatter,
  type Environment,
  type GraphQLContext,
  NodeEnv,
} from '@techmatch/common';
import type { PinoLogger } from 'nestjs-pino';
import { hideSuggestions, hideSuggestionsPlugin } from './hide-suggestions.js';
import { publicReadCachePlugins } from './public-cache/public-read-cache.js';
import type { PublicReadsGeneration } from './public-cache/public-reads-generation.js';
import type { RequestRateLimiter } from '../security/rate-limit.js';
import { queryLimitRules, tooManyTokens } from './query-limits.js';

export interface GraphQLOptionsInput {
  config: ConfigService<Environment, true>;
  logger: PinoLogger;
  publicReads: PublicReadsGeneration;
  /** The HTTP rate limits' budgets, which operations on a websocket are counted against too. */
  rateLimiter: RequestRateLimiter;
  /** Where to write the SDL; `true` keeps it in memory (production, and tests that compare it). */
  schemaFile: string | true;
}

/**
 * Apollo Server 5 behind Nest, code-first. The landing page is off: `/graphql` in a browser is served
 * the bundled Altair IDE instead (see ide/), which needs no internet. CSRF prevention is Apollo's
 * default and stays on. Errors go through one formatter, so no stack or SQL ever leaves.
 *
 * Every document, over HTTP or a websocket, passes the query limits (query-limits.ts; over HTTP the
 * token count and the batch size are checked before Apollo, in security/graphql-requests.ts).
 * Production answers no introspection and no "Did you mean …?" suggestions. HTTP batching (a JSON
 * array of operations) is on only when GRAPHQL_MAX_BATCH > 0.
 *
 * Anonymous reads of the public catalogue are answered from the public-read cache (public-cache/)
 * unless PUBLIC_CACHE=false.
 *
 * Subscriptions use graphql-ws on the same path; the driver closes the websocket server when the app
 * closes. A socket carries its token as `connectionParams: { authorization: 'Bearer <jwt>' }`, and
 * each operation on it is checked by the global auth guard exactly as an HTTP request is, and counted
 * by the rate limits against the same budget as the caller's HTTP requests.
 */
export function graphqlOptions({
  config,
  logger,
  publicReads,
  rateLimiter,
  schemaFile,
}: GraphQLOptionsInput): ApolloDriverConfig {
  const production = config.get('NODE_ENV', { infer: true }) === NodeEnv.Production;
  const formatError = createGraphQLErrorFormatter((errorId, error) => {
    logger.error({ err: error, errorId }, 'Unexpected error while serving a GraphQL request');
  });
  const limitRules = queryLimitRules({
    GRAPHQL_MAX_DEPTH: config.get('GRAPHQL_MAX_DEPTH', { infer: true }),
    GRAPHQL_MAX_COST: config.get('GRAPHQL_MAX_COST', { infer: true }),
    GRAPHQL_MAX_ALIASES: config.get('GRAPHQL_MAX_ALIASES', { infer: true }),
    GRAPHQL_MAX_DIRECTIVES: config.get('GRAPHQL_MAX_DIRECTIVES', { infer: true }),
  });
  const maxTokens = config.get('GRAPHQL_MAX_TOKENS', { infer: true });
  // Apollo adds its own introspection rule; graphql-ws validates with these alone.
  const websocketRules = [
    ...specifiedRules,
    ...limitRules,
    ...(production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
  const formatForClient = (error: GraphQLError) =>
    formatError(error.toJSON(), production ? hideSuggestions(error) : error);
  // Nest's type names a few graphql-ws options, but Nest passes them all to graphql-ws.
  const websocket: Partial<ServerOptions> = {
    // Errors on a socket get the same codes and bilingual messages as over HTTP, ...
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: result.errors.map(formatForClient) } : undefined,
    // ... refusals before execution (limits, validation) too.
    onError: (_ctx, _id, _payload, errors) => errors.map(formatForClient),
    onSubscribe: async (ctx, _id, payload) => {
      const refusal =
        tooManyTokens(payload.query, maxTokens) ??
        (await rateLimiter.admitSocketOperation(
          connectionAuthorization(ctx),
          (ctx.extra as { request?: IncomingMessage } | undefined)?.request,
        ));
      return refusal ? [new GraphQLError(refusal.message, { originalError: refusal })] : undefined;
    },
    validate: (schema, document) => validate(schema, document, websocketRules),
  };
  return {
    path: '/graphql',
    autoSchemaFile: schemaFile,
    sortSchema: true,
    graphiql: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No field sets cache hints, and its per-field bookkeeping cost 1.9 ms of a 20-result list.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [hideSuggestionsPlugin()] : []),
      ...(config.get('PUBLIC_CACHE', { infer: true })
        ? publicReadCachePlugins({
            generation: publicReads,
            maxAgeSeconds: config.get('PUBLIC_CACHE_MAX_AGE_S', { infer: true }),
            maxBytes: config.get('PUBLIC_CACHE_MAX_MB', { infer: true }) * 1024 * 1024,
          })
        : []),
    ],
    validationRules: limitRules,
    allowBatchedHttpRequests: config.get('GRAPHQL_MAX_BATCH', { infer: true }) > 0,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // Resolvers throw coded AppErrors; Nest's HttpException remapping would hide the original.
    autoTransformHttpErrors: false,
    context: (source: GraphQLContext | WebSocketContext): GraphQLContext =>
      'req' in source ? { req: source.req } : { req: websocketRequest(source) },
    formatError,
    subscriptions: { 'graphql-ws': websocket },
  };
}

/**
 * What the auth guard and `@Ctx()` read from a request (its id and Authorization header), for one
 * operation on a websocket. A fresh one per operation: the guard authenticates each subscription
 * when it starts, so an expired token or a disabled account cannot open new ones.
 */
function websocketRequest(ctx: WebSocketContext): ApiRequest {
  const authorization = connectionAuthorization(ctx);
  const request: Pick<ApiRequest, 'id' | 'headers'> = {
    id: `ws-${randomUUID()}`,
    headers: authorization === undefined ? {} : { authorization },
  };
  return request as ApiRequest;
}

/** The `Authorization` a websocket's client sent in its connectionParams, if any. */
function connectionAuthorization({ connectionParams }: WebSocketContext): string | undefined {
  const authorization = connectionParams?.authorization ?? connectionParams?.Authorization;
  return typeof authorization === 'string' ? authorization : undefined;
}
