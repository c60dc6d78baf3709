import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { ResultFilter } from '@techmatch/catalogue';
import { Ctx, ParseIdPipe, RequestContext, Role, Roles } from '@techmatch/common';
import { DEAL_LEDGER_EXPORT } from './deal-ledger-export.service.js';
import { ExportLinks } from './export-links.model.js';
import { ExportLinkSigner } from './export-links.service.js';
import { RESEARCH_RESULTS_EXPORT } from './research-results-export.service.js';

const PEOPLE = [Role.ENTERPRISE, Role.RESEARCHER, Role.BROKER, Role.ADMIN];

/** Download links for exports; the file is fetched with GET on the link (see ExportsController). */
@Resolver()
export class ExportsResolver {
  constructor(private readonly links: ExportLinkSigner) {}

  @Roles(...PEOPLE)
  @Query(() => ExportLinks, {
    description:
      '导出科技成果列表 / The results list as CSV and XLSX, with the import form’s headings; each ' +
      'caller gets the results `researchResults` shows them',
  })
  researchResultsExport(
    @Ctx() ctx: RequestContext,
    // Optional, not `| null`: a union is emitted as Object, and the validation pipe skips Objects.
    @Args('filter', { type: () => ResultFilter, nullable: true }) filter?: ResultFilter,
  ): Promise<ExportLinks> {
    return this.links.create(ctx, RESEARCH_RESULTS_EXPORT, { filter: filter ?? {} });
  }

  @Roles(...PEOPLE)
  @Query(() => ExportLinks, {
    description: '导出交易台账 / A deal’s ledger as CSV and XLSX, for the deal’s sides',
  })
  dealLedgerExport(
    @Ctx() ctx: RequestContext,
    @Args('dealId', { type: () => ID }, ParseIdPipe) dealId: string,
  ): Promise<ExportLinks> {
    return this.links.create(ctx, DEAL_LEDGER_EXPORT, { dealId });
  }
}
