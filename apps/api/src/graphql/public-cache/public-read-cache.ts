import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Kind, OperationTypeNode } from 'graphql';
import type { GraphQLContext } from '@techmatch/common';
import type { PublicReadsGeneration } from './public-reads-generation.js';

/**
 * Root fields whose anonymous answer depends only on the catalogue tables and the search indexes
 * (everything announced on PUBLIC_READS_CHANNEL), never on the caller, the clock or a private table.
 * A query is cached only when every root field it asks for is one of these.
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'divisions',
  'fields',
  'industries',
  'institutions',
  'institution',
  'enterprise',
  'techNeed',
  'techNeeds',
  'researchResult',
  'researchResults',
  'patent',
  'patentByNumber',
  'searchNeeds',
  'searchResults',
]);

export interface PublicReadCacheOptions {
  generation: PublicReadsGeneration;
  maxAgeSeconds: number;
  maxBytes: number;
}

type RequestContext = GraphQLRequestContext<GraphQLContext>;

/**
 * An anonymous query of the public catalogue: no Authorization header at all (a caller with a token,
 * even a bad one, is answered fresh), and only cacheable root fields.
 */
export function isPublicRead(requestContext: RequestContext): boolean {
  const { operation, contextValue } = requestContext;
  if (operation?.operation !== OperationTypeNode.QUERY) return false;
  if (contextValue.req.headers.authorization !== undefined) return false;
  const { selections } = operation.selectionSet;
  return (
    selections.every(
      (selection) =>
        selection.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value),
    ) &&
    // `{ __typename }` alone (a liveness probe) costs less to answer than to look up.
    selections.some(
      (selection) => selection.kind === Kind.FIELD && selection.name.value !== '__typename',
    )
  );
}

/**
 * The public-read cache: anonymous catalogue reads, the bulk of a public site's traffic, are answered
 * from memory, keyed by the query text, its variables and the PublicReadsGeneration. Apollo's
 * response-cache plugin does the caching; this decides, once per request when its operation is
 * known, whether it is a public read and under which generation. Only such requests get a cache
 * policy, and Apollo's plugin stores nothing without one (nor any answer with errors). An answer is
 * stored under the generation seen before it was computed, so one computed while a change committed
 * is never served after the change is heard. Nothing is sent as HTTP Cache-Control: browsers and
 * proxies, which hear no announcements, must not keep answers.
 */
export function publicReadCachePlugins({
  generation,
  maxAgeSeconds,
  maxBytes,
}: PublicReadCacheOptions): ApolloServerPlugin<GraphQLContext>[] {
  // Public reads, by request, with the generation they started under. While the listener is down
  // (no generation) a request is not one: it is neither looked up nor stored.
  const startedUnder = new WeakMap<object, number>();
  const policy: ApolloServerPlugin<GraphQLContext> = {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (requestContext) => {
          const current = generation.current;
          if (current !== null && isPublicRead(requestContext)) {
            startedUnder.set(requestContext.request, current);
            requestContext.overallCachePolicy.replace({ maxAge: maxAgeSeconds, scope: 'PUBLIC' });
          }
          return Promise.resolve();
        },
        // Before the answer leaves: the caller's next read here sees what it has just written.
        willSendResponse: (requestContext) => {
          if (requestContext.operation?.operation === OperationTypeNode.MUTATION)
            generation.advance();
          return Promise.resolve();
        },
      }),
  };
  const cache = responseCachePlugin<GraphQLContext>({
    cache: new InMemoryLRUCache<string>({
      maxSize: maxBytes,
      sizeCalculation: (item: string) => InMemoryLRUCache.sizeCalculation(item),
    }),
    sessionId: () => Promise.resolve(null),
    extraCacheKeyData: (requestContext) =>
      Promise.resolve(startedUnder.get(requestContext.request) ?? null),
    shouldReadFromCache: (requestContext) =>
      Promise.resolve(startedUnder.has(requestContext.request)),
  });
  return [policy, cache];
}
