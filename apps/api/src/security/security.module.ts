import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type Environment, SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { ClientKeys } from './client-key.js';
import { RequestRateLimiter } from './rate-limit.js';

/**
 * The one rate limiter of the process, shared by the HTTP middleware (http-security.ts) and the
 * websocket's operations (graphql-options.ts), so that both count against the same budgets.
 */
@Module({
  providers: [
    {
      provide: RequestRateLimiter,
      inject: [ConfigService, SERVICE_ENDPOINTS],
      useFactory: (config: ConfigService<Environment, true>, endpoints: ServiceEndpoints) =>
        new RequestRateLimiter(
          {
            RATE_LIMIT_IP_POINTS: config.get('RATE_LIMIT_IP_POINTS', { infer: true }),
            RATE_LIMIT_IP_SECONDS: config.get('RATE_LIMIT_IP_SECONDS', { infer: true }),
            RATE_LIMIT_USER_POINTS: config.get('RATE_LIMIT_USER_POINTS', { infer: true }),
            RATE_LIMIT_USER_SECONDS: config.get('RATE_LIMIT_USER_SECONDS', { infer: true }),
          },
          new ClientKeys(endpoints.jwtSecret),
        ),
    },
  ],
  exports: [RequestRateLimiter],
})
export class SecurityModule {}
