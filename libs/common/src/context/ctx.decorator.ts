import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { ApiRequest, GraphQLContext } from './graphql-request.js';
import { RequestContext } from './request-context.js';

/** The caller's RequestContext, built from what the auth guard put on the request. */
export function requestContextOf(req: ApiRequest): RequestContext {
  const requestId = typeof req.id === 'object' ? JSON.stringify(req.id) : String(req.id);
  req.requestCache ??= new Map();
  return new RequestContext(requestId, req.actor ?? null, req.requestCache);
}

/**
 * Resolver (or HTTP controller) parameter: the caller's RequestContext, built from what the auth
 * guard put on the request.
 */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext) =>
  requestContextOf(
    execution.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(execution).getContext<GraphQLContext>().req
      : execution.switchToHttp().getRequest<ApiRequest>(),
  ),
);

/**
 * The caller's RequestContext in a field resolver that takes GraphQL's own arguments,
 * `(parent, args, context)`, instead of `@Parent()` and `@Ctx()`.
 *
 * Why: a field resolver runs once per object of a page. Nest calls one without parameter
 * decorators directly; with them, every call goes through Nest's context creator and the global
 * pipe, about 60 µs each: 0.7 ms of a ten-hit search page with institutions, several milliseconds
 * of a 50-result list with institutions, patents and researchers (test/bench/README.md). Field
 * resolvers that take no `@Args()` are written this way.
 */
export const fieldContext = (context: GraphQLContext): RequestContext =>
  requestContextOf(context.req);

/** The `args` of a field resolver that declares none. */
export type NoArgs = Record<string, never>;
