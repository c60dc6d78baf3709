import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AltairMiddleware } from './altair.middleware.js';

/** The Altair IDE on GET /graphql for browsers; imported only when GRAPHQL_IDE is on. */
@Module({})
export class IdeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AltairMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}
