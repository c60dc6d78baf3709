import { Module } from '@nestjs/common';
import { CatalogueModule } from '@techmatch/catalogue';
import { ImportService } from './import.service.js';

/** Spreadsheet imports without HTTP: what the CLI composes; ProgrammeModule adds the upload. */
@Module({
  imports: [CatalogueModule],
  providers: [ImportService],
  exports: [ImportService],
})
export class ProgrammeImportModule {}
