import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the 市研县产 reports (libs/programme/src/reports): each figure places records in a
 * period by one instant, and these let Postgres read only the records of a period (or the trials
 * still running at an instant) instead of whole tables. Declared with `synchronize: false` in
 * libs/programme/src/reports/report-indexes.entity.ts, so the schema check leaves them alone.
 */
const INDEXES: Array<[name: string, definition: string]> = [
  ['ix_deals_report_created', `"deals" ("created_at")`],
  ['ix_deals_report_closed', `"deals" ("closed_at") WHERE closed_at IS NOT NULL`],
  [
    'ix_deals_report_trial_started',
    `"deals" ("trial_started_at") WHERE trial_started_at IS NOT NULL`,
  ],
  ['ix_deals_report_trial_ends', `"deals" ("trial_ends_at") WHERE trial_started_at IS NOT NULL`],
  [
    'ix_deal_ledger_entries_report_payments',
    `"deal_ledger_entries" ("occurred_at") INCLUDE ("deal_id", "amount_fen") WHERE kind = 'PAYMENT'`,
  ],
  ['ix_matches_report_created', `"matches" ("created_at")`],
  [
    'ix_match_status_changes_report_forward',
    `"match_status_changes" ("match_id", "created_at") WHERE to_status IN ('SHORTLISTED', 'CONTACTED', 'IN_DEAL')`,
  ],
  [
    'ix_tech_needs_report_published',
    `"tech_needs" ("published_at") WHERE published_at IS NOT NULL`,
  ],
  [
    'ix_research_results_report_published',
    `"research_results" ("published_at") WHERE published_at IS NOT NULL`,
  ],
];

export class ProgrammeReports1795791936293 implements MigrationInterface {
  name = 'ProgrammeReports1795791936293';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES)
      await queryRunner.query(`CREATE INDEX "${name}" ON ${definition}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse())
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
  }
}
