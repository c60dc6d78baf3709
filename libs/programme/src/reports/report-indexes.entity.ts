import { ResearchResult, TechNeed } from '@techmatch/catalogue';
import { Deal, DealLedgerEntry } from '@techmatch/deals';
import { Match, MatchStatusChange } from '@techmatch/matching';
import { Index } from 'typeorm';

/**
 * The indexes the reports need on the tables they read (migration ProgrammeReports creates them):
 * each lets Postgres find the records whose instant falls in a period, or the trials still running
 * at an instant, without reading every row. They are declared here, on the owning entities, with
 * `synchronize: false`, so that the schema check and `migration:generate` know them and leave them
 * alone; the owning contexts' entities stay as they are. The file is named `.entity.ts` because
 * that is how the TypeORM CLI's DataSource finds entity metadata.
 */
const REPORT_INDEXES = [
  ['ix_deals_report_created', Deal],
  ['ix_deals_report_closed', Deal],
  ['ix_deals_report_trial_started', Deal],
  ['ix_deals_report_trial_ends', Deal],
  ['ix_deal_ledger_entries_report_payments', DealLedgerEntry],
  ['ix_matches_report_created', Match],
  ['ix_match_status_changes_report_forward', MatchStatusChange],
  ['ix_tech_needs_report_published', TechNeed],
  ['ix_research_results_report_published', ResearchResult],
] as const;

for (const [name, entity] of REPORT_INDEXES) Index(name, { synchronize: false })(entity);
