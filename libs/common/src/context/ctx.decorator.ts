import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLContext } from './graphql-request.js';
import { RequestContext } from './request-context.js';

/** Resolver parameter: the caller's RequestContext, built from what the auth guard put on the request. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext) => {
  const { req } = GqlExecutionContext.create(execution).getContext<GraphQLContext>();
  const requestId = typeof req.id === 'object' ? JSON.stringify(req.id) : String(req.id);
  req.requestCache ??= new Map();
  return new RequestContext(requestId, req.actor ?? null, req.requestCache);
});
