import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { ApiRequest, GraphQLContext } from './graphql-request.js';
import { RequestContext } from './request-context.js';

/**
 * Resolver (or HTTP controller) parameter: the caller's RequestContext, built from what the auth
 * guard put on the request.
 */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext) => {
  const req =
    execution.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(execution).getContext<GraphQLContext>().req
      : execution.switchToHttp().getRequest<ApiRequest>();
  const requestId = typeof req.id === 'object' ? JSON.stringify(req.id) : String(req.id);
  req.requestCache ??= new Map();
  return new RequestContext(requestId, req.actor ?? null, req.requestCache);
});
