/**
 * What the mutation fuzzer works on: the demo sign-ins, a few deals in every money state (so that
 * offers, sales reports and payments have something to act on), matches, the pools of existing
 * rows that cases name by `Ref`, and a fingerprint of the whole database to prove that a rejected
 * case wrote nothing.
 */
import { OutboxRelay } from '@techmatch/search';
import pg from 'pg';
import type { GraphQLClient } from '../../utils/graphql-client.js';
import type { TestApi } from '../../utils/test-api.js';
import { POOLS, type PoolName, Ref, type Vocabulary } from './fuzz-values.js';
import type { RoleName } from './mutation-cases.js';

export const DEMO_LOGINS: Record<Exclude<RoleName, 'anonymous'>, [string, string]> = {
  admin: ['admin@demo.techmatch.cn', 'Demo-Admin-2026'],
  broker: ['broker@demo.techmatch.cn', 'Demo-Broker-2026'],
  enterprise: ['enterprise@demo.techmatch.cn', 'Demo-Enterprise-2026'],
  researcher: ['researcher@demo.techmatch.cn', 'Demo-Researcher-2026'],
};

interface PoolRow {
  id: string;
  version: number | null;
  patent_ids: string[] | null;
  preferred: boolean;
}

const RESEARCHER_INSTITUTION = `(SELECT rs.institution_id FROM researchers rs JOIN users u ON u.id = rs.user_id
   WHERE u.email = '${DEMO_LOGINS.researcher[0]}')`;
const DEMO_ENTERPRISE = `(SELECT m.enterprise_id FROM enterprise_members m JOIN users u ON u.id = m.user_id
   WHERE u.email = '${DEMO_LOGINS.enterprise[0]}')`;

/**
 * Each pool's rows, oldest first (so that a seed picks the same rows again), with a preferred
 * subset: rows the demo enterprise or researcher own, or deals that have money to move, which
 * reach further into the services than a stranger's rows do.
 */
const POOL_SQL: Record<PoolName, string> = {
  result: `SELECT r.id, r.version, r.institution_id IN ${RESEARCHER_INSTITUTION} AS preferred,
             coalesce(array_agg(p.id ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL), '{}') AS patent_ids
           FROM research_results r LEFT JOIN patents p ON p.result_id = r.id
           GROUP BY r.id ORDER BY r.created_at, r.id`,
  need: `SELECT id, version, enterprise_id IN ${DEMO_ENTERPRISE} AS preferred FROM tech_needs
         ORDER BY created_at, id`,
  enterprise: `SELECT id, version, id IN ${DEMO_ENTERPRISE} AS preferred FROM enterprises
               ORDER BY created_at, id`,
  institution: `SELECT id, NULL AS version, id IN ${RESEARCHER_INSTITUTION} AS preferred
                FROM institutions ORDER BY created_at, id`,
  patent: `SELECT p.id, NULL AS version, r.institution_id IN ${RESEARCHER_INSTITUTION} AS preferred
           FROM patents p JOIN research_results r ON r.id = p.result_id ORDER BY p.created_at, p.id`,
  deal: `SELECT id, version, state IN ('LICENSED', 'CONVERTED') AS preferred FROM deals
         ORDER BY created_at, id`,
  offer: `SELECT o.id, d.version, o.status = 'OPEN' AS preferred
          FROM deal_offers o JOIN deals d ON d.id = o.deal_id ORDER BY o.created_at, o.id`,
  match: `SELECT id, NULL AS version, false AS preferred FROM matches ORDER BY computed_at, id`,
  instalment: `SELECT id, NULL AS version, false AS preferred FROM deal_instalments
               ORDER BY created_at, id`,
  notification: `SELECT n.id, NULL AS version, u.email LIKE '%@demo.techmatch.cn' AS preferred
                 FROM notifications n JOIN users u ON u.id = n.recipient_id ORDER BY n.created_at, n.id`,
};

/** The version a case must send to get past optimistic locking, read when the case is sent. */
const VERSION_SQL: Partial<Record<PoolName, string>> = {
  result: 'SELECT version FROM research_results WHERE id = $1',
  need: 'SELECT version FROM tech_needs WHERE id = $1',
  enterprise: 'SELECT version FROM enterprises WHERE id = $1',
  deal: 'SELECT version FROM deals WHERE id = $1',
  offer: 'SELECT d.version FROM deal_offers o JOIN deals d ON d.id = o.deal_id WHERE o.id = $1',
};

/** An account of the fuzzer's own, for the mutations that end the caller's session (logout). */
const DISPOSABLE = { email: 'fuzz-disposable@example.cn', password: 'Fuzz-Disposable-2026' };

export class FuzzWorld {
  readonly tokens = new Map<RoleName, string>();
  private disposable: string | undefined;
  private pools = new Map<PoolName, { all: PoolRow[]; preferred: PoolRow[] }>();
  private fingerprintSql = '';
  private tables: string[] = [];

  private constructor(
    readonly api: TestApi,
    readonly db: pg.Client,
    readonly vocabulary: Vocabulary,
  ) {}

  static async open(api: TestApi): Promise<FuzzWorld> {
    const db = new pg.Client({ connectionString: api.databaseUrl });
    await db.connect();
    const codes = async (sql: string): Promise<string[]> =>
      (await db.query<{ code: string }>(sql)).rows.map((row) => row.code.trim());
    const vocabulary: Vocabulary = {
      // Luoyang's divisions first among few others: what the programme's users enter.
      divisionCodes: await codes(
        `SELECT code FROM divisions WHERE code LIKE '4103%' OR code IN ('410000', '110101') ORDER BY code`,
      ),
      industryCodes: await codes(`SELECT code FROM industries ORDER BY code LIMIT 60`),
      fieldCodes: await codes(`SELECT code FROM fields ORDER BY code LIMIT 80`),
      logins: Object.values(DEMO_LOGINS).map(([email, password]) => ({ email, password })),
    };
    const world = new FuzzWorld(api, db, vocabulary);
    for (const [role, [email, password]] of Object.entries(DEMO_LOGINS))
      world.tokens.set(role as RoleName, await api.client.login(email, password));
    await world.prepareFingerprint();
    return world;
  }

  async close(): Promise<void> {
    await this.db.end();
  }

  /**
   * Deals in the states money moves in (licensed with a schedule, licensed on royalties), one being
   * negotiated with an open offer, one just proposed; and the matches of a few demo needs.
   */
  async stage(): Promise<void> {
    const client = this.api.client;
    const token = (role: RoleName): string => this.tokens.get(role) ?? '';
    const results = (
      await this.db.query<{ id: string; patent_ids: string[] }>(
        `SELECT r.id, array_agg(p.id ORDER BY p.id) AS patent_ids
           FROM research_results r JOIN patents p ON p.result_id = r.id
          WHERE r.institution_id IN ${RESEARCHER_INSTITUTION} AND r.status = 'PUBLISHED'
          GROUP BY r.id ORDER BY r.id LIMIT 4`,
      )
    ).rows;
    const enterpriseId = (await this.db.query<{ id: string }>(`SELECT ${DEMO_ENTERPRISE} AS id`))
      .rows[0]?.id;
    if (results.length < 4 || !enterpriseId)
      throw new Error('the demo data lacks results with patents or the demo enterprise');
    const terms = [
      {
        feeModel: 'LUMP_SUM',
        lumpSumFen: '10000000',
        exclusivity: 'NON_EXCLUSIVE',
        paymentSchedule: [
          { dueInDays: 0, amountFen: '4000000' },
          { dueInDays: 30, amountFen: '6000000' },
        ],
      },
      { feeModel: 'ROYALTY', royaltyRateBp: 500, exclusivity: 'NON_EXCLUSIVE' },
      {
        feeModel: 'ENTRY_PLUS_ROYALTY',
        entryFeeFen: '2000000',
        royaltyRateBp: 300,
        exclusivity: 'NON_EXCLUSIVE',
      },
      { feeModel: 'LUMP_SUM', lumpSumFen: '500000', exclusivity: 'NON_EXCLUSIVE' },
    ];
    for (const [i, result] of results.entries()) {
      const opened = await must(
        client,
        `mutation ($input: OpenDealInput!) { openDeal(input: $input) { id version } }`,
        {
          input: {
            kind: 'LICENSE',
            title: `模糊测试许可 ${i}`,
            resultId: result.id,
            enterpriseId,
            patentIds: result.patent_ids,
          },
        },
        token('broker'),
      );
      const dealId = (opened.openDeal as { id: string }).id;
      if (i === 3) continue; // stays PROPOSED
      const offer = await must(
        client,
        `mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id } }`,
        { input: { dealId, version: 1, terms: terms[i] } },
        token('researcher'),
      );
      if (i === 2) continue; // NEGOTIATING, with an open offer
      await must(
        client,
        `mutation ($input: AcceptOfferInput!) { acceptOffer(input: $input) { state } }`,
        { input: { offerId: (offer.proposeOffer as { id: string }).id, version: 2 } },
        token('enterprise'),
      );
    }
    const institutionId = (
      await this.db.query<{ id: string }>(`SELECT ${RESEARCHER_INSTITUTION} AS id`)
    ).rows[0]?.id;
    await must(
      client,
      `mutation ($input: RegisterResearcherInput!) { registerResearcher(input: $input) { __typename } }`,
      { input: { institutionId, account: { ...DISPOSABLE, displayName: '模糊测试账户' } } },
      '',
    );
    // Matches need the results index. The relay (off in tests) indexes only the demo researcher's
    // institution's results: enough candidates, for a fraction of indexing the whole catalogue.
    await this.db.query(
      `UPDATE outbox_events SET processed_at = now()
        WHERE processed_at IS NULL AND NOT (topic = 'result' AND aggregate_id IN (
          SELECT id FROM research_results WHERE institution_id IN ${RESEARCHER_INSTITUTION}))`,
    );
    await this.api.app.get(OutboxRelay).drain();
    const needs = (
      await this.db.query<{ id: string }>(
        `SELECT id FROM tech_needs WHERE status = 'OPEN' ORDER BY created_at, id LIMIT 3`,
      )
    ).rows;
    for (const need of needs)
      await must(
        client,
        `mutation ($id: ID!) { rematchNeed(needId: $id) { id } }`,
        { id: need.id },
        token('broker'),
      );
    await this.refreshPools();
  }

  /** A live session of the disposable account: a new one after the last was ended. */
  async disposableToken(): Promise<string> {
    this.disposable ??= await this.api.client.login(DISPOSABLE.email, DISPOSABLE.password);
    return this.disposable;
  }

  disposableSpent(): void {
    this.disposable = undefined;
  }

  async refreshPools(): Promise<void> {
    for (const pool of POOLS) {
      const rows = (await this.db.query<PoolRow>(POOL_SQL[pool])).rows;
      this.pools.set(pool, { all: rows, preferred: rows.filter((row) => row.preferred) });
    }
  }

  poolSizes(): Record<PoolName, number> {
    return Object.fromEntries(
      POOLS.map((pool) => [pool, this.pools.get(pool)?.all.length ?? 0]),
    ) as Record<PoolName, number>;
  }

  /** Replaces every Ref in a case's arguments by what it names now. */
  async resolve(value: unknown, anchor: number): Promise<unknown> {
    if (value instanceof Ref) return this.resolveRef(value, anchor);
    if (Array.isArray(value)) {
      // Indexes only: a hostile case may have hung other keys on the array.
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) items.push(await this.resolve(value[i], anchor));
      return items;
    }
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(copy, key, {
        value: await this.resolve(item, anchor),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  }

  private async resolveRef(ref: Ref, anchor: number): Promise<unknown> {
    const pick = ref.pick === 'anchor' ? anchor : ref.pick;
    const pool = this.pools.get(ref.pool);
    // Odd picks prefer the rows the demo accounts own; even ones take any row.
    const rows = pick % 2 === 1 && pool?.preferred.length ? pool.preferred : pool?.all;
    const row = rows?.[Math.floor(pick / 2) % rows.length];
    if (!row) return ref.attr === 'patentIds' ? [] : ref.attr === 'version' ? 1 : '';
    if (ref.attr === 'patentIds') return row.patent_ids ?? [];
    if (ref.attr === 'id') return row.id;
    const sql = VERSION_SQL[ref.pool];
    if (!sql) return 1;
    const fresh = await this.db.query<{ version: number }>(sql, [row.id]);
    return fresh.rows[0]?.version ?? 1;
  }

  /** The cluster's next transaction id (as text): where the next window of commitsSince starts. */
  async nextXid(): Promise<string> {
    return (await this.commitsSince(null)).xid;
  }

  /**
   * The transactions that committed since `xid` (from nextXid or an earlier call), and the new
   * starting point. Data changes only by a committed transaction, and every transaction that
   * writes (or locks a row) gets an id; when none of the ids handed out since `xid` committed, no
   * table changed. A rejected case that locked a row and rolled back commits nothing.
   */
  async commitsSince(xid: string | null): Promise<{ xid: string; committed: number }> {
    const result = await this.db.query<{ xid: string; committed: number }>(
      `WITH now AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next)
       SELECT next::text AS xid,
              (SELECT count(*) FROM generate_series(coalesce($1::bigint, next), next - 1) AS id
                WHERE pg_xact_status(id::text::xid8) = 'committed')::int AS committed
         FROM now`,
      [xid],
    );
    const row = result.rows[0];
    if (!row) throw new Error('no transaction id');
    return row;
  }

  /**
   * Per table: its row count and the highest transaction id among its rows (xmin). An insert or
   * update leaves a row version with a newer xmin than any before it, and a delete lowers the
   * count, so any committed change to a table changes its entry. One statement over every table.
   */
  async fingerprint(): Promise<Map<string, string>> {
    const result = await this.db.query<{ sums: string[] }>(this.fingerprintSql);
    const sums = result.rows[0]?.sums ?? [];
    return new Map(this.tables.map((table, i) => [table, sums[i] ?? '']));
  }

  private async prepareFingerprint(): Promise<void> {
    this.tables = (
      await this.db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).rows.map((row) => row.table_name);
    const parts = this.tables.map(
      (table) => `(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM "${table}")`,
    );
    this.fingerprintSql = `SELECT ARRAY[${parts.join(', ')}]::text[] AS sums`;
  }
}

async function must(
  client: GraphQLClient,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<Record<string, unknown>> {
  const response = await client.request(query, variables, token);
  if (!response.data || response.errors)
    throw new Error(`fuzz set-up failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}
