import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { StringValue } from 'ms';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type Environment,
  jwtKey,
  SERVICE_ENDPOINTS,
  type ServiceEndpoints,
} from '@techmatch/common';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { AuthTokenService } from './auth/auth-token.service.js';
import { PasswordService } from './auth/password.service.js';
import { IdentityResolver } from './identity.resolver.js';
import { Session, SessionRefreshToken } from './sessions/session.entity.js';
import { SessionsService } from './sessions/sessions.service.js';
import { LoginThrottle } from './throttle/login-throttle.entity.js';
import { LoginThrottleService } from './throttle/login-throttle.service.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session, SessionRefreshToken, LoginThrottle]),
    JwtModule.registerAsync({
      inject: [SERVICE_ENDPOINTS, ConfigService],
      useFactory: (endpoints: ServiceEndpoints, config: ConfigService<Environment, true>) => ({
        // A KeyObject, not the string: see jwtKey.
        secret: jwtKey(endpoints.jwtSecret),
        signOptions: {
          algorithm: 'HS256' as const,
          expiresIn: config.get<StringValue>('JWT_EXPIRES_IN'),
        },
      }),
    }),
  ],
  providers: [
    PasswordService,
    AuthTokenService,
    SessionsService,
    LoginThrottleService,
    AuthService,
    UsersService,
    IdentityResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, AuthService, PasswordService],
})
export class IdentityModule {}
