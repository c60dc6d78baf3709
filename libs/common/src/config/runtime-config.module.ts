import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { Environment } from './environment.js';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from './service-endpoints.js';

/**
 * The validated configuration (ConfigService) and the resolved service endpoints, global to every
 * composition root: the API and the command-line tools. Nothing reads process.env after this.
 */
@Module({})
export class RuntimeConfigModule {
  static forRoot(env: Environment, endpoints: ServiceEndpoints): DynamicModule {
    return {
      module: RuntimeConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          load: [() => env],
        }),
      ],
      providers: [{ provide: SERVICE_ENDPOINTS, useValue: endpoints }],
      exports: [SERVICE_ENDPOINTS],
    };
  }
}
