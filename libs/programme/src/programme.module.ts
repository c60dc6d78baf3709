import { Module } from '@nestjs/common';
import { CatalogueModule } from '@techmatch/catalogue';
import { DealsModule } from '@techmatch/deals';
import { IdentityModule } from '@techmatch/identity';
import { DealLedgerExport } from './export/deal-ledger-export.service.js';
import { ExportDownloads } from './export/export-downloads.service.js';
import { ExportLinkSigner } from './export/export-links.service.js';
import { ExportSources } from './export/export-sources.service.js';
import { ExportsController } from './export/exports.controller.js';
import { ExportsResolver } from './export/exports.resolver.js';
import { ResearchResultsExport } from './export/research-results-export.service.js';
import { ImportUploads } from './import/import-uploads.service.js';
import { ImportsController } from './import/imports.controller.js';
import { ProgrammeImportModule } from './import/programme-import.module.js';

/**
 * The 市研县产 programme's tools for the bureau: spreadsheet imports (CLI and upload) and exports
 * (signed download links in CSV and XLSX). Reports will register their exports in ExportSources.
 */
@Module({
  imports: [IdentityModule, CatalogueModule, DealsModule, ProgrammeImportModule],
  controllers: [ImportsController, ExportsController],
  providers: [
    ImportUploads,
    ExportSources,
    ExportLinkSigner,
    ExportDownloads,
    ExportsResolver,
    ResearchResultsExport,
    DealLedgerExport,
  ],
  exports: [ExportSources, ExportLinkSigner],
})
export class ProgrammeModule {}
