import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogueModule } from '@techmatch/catalogue';
import { type Environment, RuntimeConfigModule, type ServiceEndpoints } from '@techmatch/common';
import { DatabaseModule } from '@techmatch/database';
import { ProgrammeImportModule } from '@techmatch/programme';
import { SearchModule } from '@techmatch/search';

/** The command-line tools' composition root: the API's services, without HTTP or GraphQL. */
@Module({})
export class CliModule {
  static register(env: Environment, endpoints: ServiceEndpoints): DynamicModule {
    return {
      module: CliModule,
      imports: [
        RuntimeConfigModule.forRoot(env, endpoints),
        DatabaseModule.forRoot(),
        CatalogueModule,
        SearchModule,
        ProgrammeImportModule,
      ],
    };
  }
}
