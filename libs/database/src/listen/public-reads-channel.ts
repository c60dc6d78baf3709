/**
 * Announced (NOTIFY, delivered at commit) whenever something anonymous catalogue reads depend on
 * changes: by statement triggers on the catalogue's tables (migration PublicReadsChanged), when the
 * search relay has put a change into Meilisearch (its `indexed:*` outbox rows), and when an index
 * is rebuilt. Every API replica listens and empties its public-read cache. The payload names what
 * changed, for logs; listeners must not depend on it.
 */
export const PUBLIC_READS_CHANNEL = 'techmatch_public_reads';

/** The tables whose every write is announced on PUBLIC_READS_CHANNEL (by the migration's triggers). */
export const PUBLIC_READ_TABLES = [
  'research_results',
  'research_result_researchers',
  'researchers',
  'institutions',
  'patents',
  'tech_needs',
  'enterprises',
  'enterprise_members',
  'divisions',
  'fields',
  'industries',
] as const;

/**
 * Tables no anonymous read touches, so writes to them need not empty the cache (logins, deals and
 * payments would otherwise empty it all the time). Every table must be in one list or the other:
 * test/platform/public-cache checks it, so a new table has to be classified.
 */
export const PRIVATE_TABLES = [
  'users',
  'sessions',
  'session_refresh_tokens',
  'login_throttles',
  'matches',
  'match_status_changes',
  'notifications',
  'deals',
  'deal_events',
  'deal_instalments',
  'deal_ledger_entries',
  'deal_offers',
  'deal_patents',
  'deal_payments',
  'deal_reminders',
  'deal_sales_reports',
  'report_rollup',
  'report_rollup_state',
  // Only its `indexed:*` rows are announced (a row trigger): they mark a change now searchable.
  'outbox_events',
  'typeorm_migrations',
] as const;

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Announces a change made outside the triggered tables (e.g. a rebuilt search index). */
export async function announcePublicReadsChanged(db: Queryable, what: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [PUBLIC_READS_CHANNEL, what]);
}
