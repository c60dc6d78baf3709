import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@techmatch/catalogue';
import { DealsModule } from '@techmatch/deals';
import { ProgrammeModule } from '../programme.module.js';
// Declares the reports' indexes on the tables they read, before the DataSource is built.
import './report-indexes.entity.js';
import { ReportExports } from './report-exports.service.js';
import { ReportFilters } from './report-filters.service.js';
import { ReportsResolver } from './reports.resolver.js';
import { ReportsService } from './reports.service.js';
import { ReportRollupRow, ReportRollupState } from './rollup/report-rollup.entity.js';
import { ReportRollup } from './rollup/report-rollup.service.js';

/**
 * The 市研县产 reports. Imports ProgrammeModule for its export registry and link signer (the
 * reports register their CSV/XLSX exports there), so ProgrammeModule must not import this module;
 * the composition root imports both. DealsModule brings the Clock every report's "now" comes from.
 */
@Module({
  imports: [
    CatalogueModule,
    DealsModule,
    ProgrammeModule,
    TypeOrmModule.forFeature([ReportRollupRow, ReportRollupState]),
  ],
  providers: [ReportFilters, ReportsService, ReportExports, ReportsResolver, ReportRollup],
  exports: [ReportsService, ReportRollup],
})
export class ReportsModule {}
