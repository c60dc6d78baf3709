import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { RequestContext, Role } from '@techmatch/common';
import {
  DealKind,
  DealOffersService,
  DealsService,
  DealState,
  Exclusivity,
  FeeModel,
} from '@techmatch/deals';
import { e2eSetting } from '../setup/e2e-services.js';
import { startTestApi } from '../utils/test-api.js';
import { createTestDatabase, withClient } from '../utils/test-database.js';
import { castForDeals, type DealCast, testClock } from './deal-fixtures.js';

/** The compiled API, as deployed: three of these share one database, each with its scheduler. */
const MAIN = new URL('../../dist/apps/api/src/main.js', import.meta.url).pathname;
const DAY = 86_400_000;
const T0 = new Date('2026-01-05T00:00:00Z');
/** Where the spawned processes' clocks stand: after every trial of ENDED has ended. */
const CLOCK_AT = new Date(T0.getTime() + 51 * DAY);

/**
 * The trials, by how they stand at CLOCK_AT: `days` are the trial lengths used in turn. ended:
 * 30–39 days (grace 60), over: END_TRIAL, and no reminder any more. one: 10–14 days left, only the
 * 30-day reminder is due. two: 3–6 days left, found late: the 30- and the 7-day reminders are due.
 */
const GROUPS = [
  { group: 'ended', count: 200, days: [30, 31, 32, 33, 34, 35, 36, 37, 38, 39] },
  { group: 'one', count: 10, days: [61, 62, 63, 64, 65] },
  { group: 'two', count: 10, days: [54, 55, 56, 57] },
] as const;
const ENDED = 200;
const ONE_REMINDER = 10;
const TWO_REMINDERS = 10;

interface Replica {
  name: string;
  child: ChildProcess;
  lines: string[];
  /** Resolves once it logs that it is ready; rejects if it exits or takes too long. */
  ready: Promise<void>;
}

interface SweepTotals {
  trialsEnded: number;
  remindersSent: number;
}

/** Spawns main.js against the shared database. */
function spawnReplica(name: string, cwd: string, env: Record<string, string>): Replica {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready after 45 s:\n${lines.join('\n')}`)),
      45_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${lines.join('\n')}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (/ready at http:\/\/localhost:\d+\/graphql/.test(line)) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve();
        }
      });
    }
  });
  // Awaited in beforeAll; this keeps an early failure elsewhere from being reported as unhandled.
  ready.catch(() => undefined);
  return { name, child, lines, ready };
}

async function stopReplica(replica: Replica): Promise<void> {
  const { child } = replica;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** What a replica's scheduler says it did, summed over its sweep log lines. */
function totalsOf(replica: Replica): SweepTotals {
  const totals = { trialsEnded: 0, remindersSent: 0 };
  for (const line of replica.lines) {
    const sweep =
      /Deal scheduler sweep: (\d+) trials ended, \d+ conversions expired, (\d+) reminders sent/.exec(
        line,
      );
    if (!sweep) continue;
    totals.trialsEnded += Number(sweep[1]);
    totals.remindersSent += Number(sweep[2]);
  }
  return totals;
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/**
 * Copies of a deal the real code made, with fresh ids: the deal, its patents, offers and events,
 * ids inside the events' JSON included. The scheduler's side is what this spec is about; making all
 * 220 deals one by one through the services would take most of its minute.
 */
async function cloneDeal(url: string, templateId: string, copies: number): Promise<string[]> {
  if (copies === 0) return [];
  return withClient(url, async (client) => {
    const read = async (table: string, column: string) =>
      (await client.query(`SELECT * FROM ${table} WHERE ${column} = $1`, [templateId]))
        .rows as Array<Record<string, unknown>>;
    const deal = (await read('deals', 'id'))[0];
    const related = {
      deal_patents: await read('deal_patents', 'deal_id'),
      deal_offers: await read('deal_offers', 'deal_id'),
      deal_events: await read('deal_events', 'deal_id'),
    };
    const rows: Record<string, unknown[]> = {
      deals: [],
      deal_patents: [],
      deal_offers: [],
      deal_events: [],
    };
    const ids: string[] = [];
    for (let copy = 0; copy < copies; copy++) {
      const renames = new Map<string, string>([
        [templateId, randomUUID()],
        ...related.deal_events.map((row) => [String(row.id), randomUUID()] as [string, string]),
        ...related.deal_offers.map((row) => [String(row.id), randomUUID()] as [string, string]),
      ]);
      const renamed = (row: unknown): unknown => {
        let text = JSON.stringify(row);
        for (const [from, to] of renames) text = text.replaceAll(from, to);
        return JSON.parse(text);
      };
      ids.push(renames.get(templateId) ?? '');
      rows.deals?.push(renamed(deal));
      for (const [table, list] of Object.entries(related)) rows[table]?.push(...list.map(renamed));
    }
    await client.query('BEGIN');
    for (const [table, list] of Object.entries(rows))
      await client.query(
        `INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1)`,
        [JSON.stringify(list)],
      );
    await client.query('COMMIT');
    return ids;
  });
}

describe('deals: the scheduler in three API processes on one database', () => {
  let database: { url: string; drop(): Promise<void> };
  let home: string;
  let cast: DealCast;
  const replicas: Replica[] = [];
  /** Holds the deals table until every replica is up, so that their first sweeps start together. */
  let gate: pg.Client | undefined;
  const dealIds = { ended: [] as string[], one: [] as string[], two: [] as string[] };
  const timings: Record<string, number> = {};

  const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    withClient(database.url, async (client) => (await client.query(text, params)).rows as T[]);

  beforeAll(async () => {
    let started = Date.now();
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'techmatch-replicas-'));
    // The real API in this process (its scheduler off) migrates, loads the demo data and makes the
    // deals, at T0.
    const api = await startTestApi({}, { databaseUrl: database.url });
    try {
      // Nothing may sweep before every deal exists and every replica is up: a replica's first query
      // (due reminders) reads deal_reminders, which this transaction holds. Making deals never
      // touches that table, so the replicas boot meanwhile, and their first sweeps start together.
      gate = new pg.Client({ connectionString: database.url });
      await gate.connect();
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE deal_reminders IN ACCESS EXCLUSIVE MODE');
      const spawnedAt = Date.now();
      const env = {
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'info',
        DATA_DIR: join(home, '.data'),
        DATABASE_URL: database.url,
        MEILI_URL: e2eSetting('meiliUrl'),
        MEILI_MASTER_KEY: e2eSetting('meiliKey'),
        MEILI_INDEX_PREFIX: `e2e_${randomBytes(4).toString('hex')}`,
        JWT_SECRET: randomBytes(32).toString('hex'),
        DEMO_DATA: 'false',
        SEARCH_RELAY: 'false',
        MATCH_RELAY: 'false',
        DEAL_SCHEDULER: 'true',
        DEAL_SCHEDULER_INTERVAL_MS: '200',
        TEST_CLOCK_AT: CLOCK_AT.toISOString(),
      };
      // cwd is a scratch folder: outside production main.js writes the SDL to ./apps/api/schema.gql.
      for (const name of ['A', 'B', 'C']) replicas.push(spawnReplica(name, home, env));

      cast = await castForDeals(api);
      timings.bootApi = Date.now() - started;
      started = Date.now();
      testClock(api).set(T0);
      // Through the services, as the resolvers call them (skipping HTTP keeps the spec short).
      const [broker, researcher, enterprise] = await Promise.all(
        [
          [cast.broker, Role.BROKER],
          [cast.researcher, Role.RESEARCHER],
          [cast.enterprise.token, Role.ENTERPRISE],
        ].map(async ([token, role]) => {
          const me = await api.client.request<{ me: { id: string } }>('{ me { id } }', {}, token);
          return new RequestContext(`seed-${role}`, {
            userId: me.data?.me.id ?? '',
            role: role as Role,
          });
        }),
      );
      const dealsService = api.app.get(DealsService);
      const offers = api.app.get(DealOffersService);
      // One deal per group and trial length through the services, the rest cloned from them.
      const templates = GROUPS.flatMap(({ group, count, days }) =>
        days.map((length, index) => ({
          group,
          length,
          copies: Math.floor((count - index - 1) / days.length),
        })),
      );
      await inParallel(
        templates.map((template, index) => ({ ...template, index })),
        4,
        async ({ group, length, copies, index }) => {
          const result = cast.results[index % cast.results.length];
          const deal = await dealsService.open(broker, {
            kind: DealKind.TRIAL_FIRST_LICENSE,
            title: `多副本调度 ${group} ${length}`,
            resultId: result?.id,
            enterpriseId: cast.enterprise.enterpriseId,
            patentIds: result?.patentIds ?? [],
          });
          const offer = await offers.propose(researcher, {
            dealId: deal.id,
            version: 1,
            terms: {
              feeModel: FeeModel.LUMP_SUM,
              lumpSumFen: '1000000',
              trialDays: length,
              conversionGraceDays: 60,
              exclusivity: Exclusivity.NON_EXCLUSIVE,
            },
          });
          const trial = await offers.accept(enterprise, { offerId: offer.id, version: 2 });
          expect(trial.state).toBe(DealState.TRIAL_ACTIVE);
          dealIds[group].push(deal.id, ...(await cloneDeal(database.url, deal.id, copies)));
        },
      );
      timings.createDeals = Date.now() - started;
      await Promise.all(replicas.map((replica) => replica.ready));
      timings.startReplicas = Date.now() - spawnedAt;
    } finally {
      await api.close();
    }
  }, 90_000);

  afterAll(async () => {
    await gate?.end().catch(() => undefined);
    await Promise.all(replicas.map(stopReplica));
    await database?.drop();
    if (home) await rm(home, { recursive: true, force: true });
  }, 30_000);

  it('successful-three-replicas: 200 trials end exactly once, each reminder goes out once, sequences stay gapless', async () => {
    expect(dealIds.ended).toHaveLength(ENDED);
    const started = Date.now();
    await gate?.query('COMMIT');

    const expectedReminders = ONE_REMINDER + 2 * TWO_REMINDERS;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [progress] = await sql<{ due: number; reminders: number }>(
        `SELECT (SELECT count(*)::int FROM deals WHERE state = 'CONVERSION_DUE') AS due,
                (SELECT count(*)::int FROM deal_reminders) AS reminders`,
      );
      if (progress?.due === ENDED && progress.reminders === expectedReminders) break;
      if (Date.now() > deadline) throw new Error(`not converged: ${JSON.stringify(progress)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    timings.converge = Date.now() - started;
    // Let every replica sweep a few more times over the finished work: it must find nothing to do.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // Exactly one END_TRIAL per ended trial, by SYSTEM, as event 4 (after OPENED, OFFER, TERMS).
    const ends = await sql<{ deal_id: string; n: number; seq: number; system: boolean }>(
      `SELECT deal_id, count(*)::int AS n, min(sequence) AS seq,
              bool_and(actor_side = 'SYSTEM' AND actor_user_id IS NULL) AS system
         FROM deal_events WHERE action = 'END_TRIAL' GROUP BY deal_id`,
    );
    expect(ends).toHaveLength(ENDED);
    expect(new Set(ends.map((row) => row.deal_id))).toEqual(new Set(dealIds.ended));
    expect(ends.every((row) => row.n === 1 && row.seq === 4 && row.system)).toBe(true);
    const states = await sql<{ state: string; version: number; n: number }>(
      `SELECT state, version, count(*)::int AS n FROM deals GROUP BY state, version ORDER BY state::text`,
    );
    expect(states).toEqual([
      { state: 'CONVERSION_DUE', version: 4, n: ENDED },
      { state: 'TRIAL_ACTIVE', version: 3, n: ONE_REMINDER + TWO_REMINDERS },
    ]);
    // Conversion due 60 days after each trial's end, not after the (late) sweep.
    const [wrongDue] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM deals
        WHERE state = 'CONVERSION_DUE' AND conversion_due_by <> trial_ends_at + interval '60 days'`,
    );
    expect(wrongDue?.n).toBe(0);

    // Every timeline gapless: sequences 1..version, once each.
    const [gaps] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM deals d
        WHERE (SELECT array_agg(sequence ORDER BY sequence) FROM deal_events e WHERE e.deal_id = d.id)
              <> (SELECT array_agg(s) FROM generate_series(1, d.version) s)`,
    );
    expect(gaps?.n).toBe(0);

    // Reminders: one row per deal and day; one notification per deal, day and recipient.
    const rows = await sql<{ deal_id: string; days: number[] }>(
      `SELECT deal_id, array_agg(days_before ORDER BY days_before DESC) AS days
         FROM deal_reminders GROUP BY deal_id`,
    );
    const byDeal = new Map(rows.map((row) => [row.deal_id, row.days]));
    for (const id of dealIds.one) expect(byDeal.get(id)).toEqual([30]);
    for (const id of dealIds.two) expect(byDeal.get(id)).toEqual([30, 7]);
    for (const id of dealIds.ended) expect(byDeal.has(id)).toBe(false);
    const notes = await sql<{ n: number; copies: number; recipients: number }>(
      `SELECT count(*)::int AS n, max(copies)::int AS copies, count(DISTINCT recipient_id)::int AS recipients
         FROM (SELECT data->>'dealId' AS deal, data->>'daysBefore' AS days, recipient_id,
                      count(*) AS copies
                 FROM notifications WHERE kind = 'DEAL_TRIAL_ENDING' GROUP BY 1, 2, 3) AS sent`,
    );
    // The enterprise's user and the deal's broker, once each per reminder.
    expect(notes[0]).toEqual({ n: 2 * expectedReminders, copies: 1, recipients: 2 });
    const [recorded] = await sql<{ total: number }>(
      'SELECT sum(recipient_count)::int AS total FROM deal_reminders',
    );
    expect(recorded?.total).toBe(2 * expectedReminders);

    await Promise.all(replicas.map(stopReplica));
    const totals = replicas.map((replica) => ({ name: replica.name, ...totalsOf(replica) }));
    // Each replica's own account adds up to the work done: none counted what another did.
    expect(totals.reduce((sum, t) => sum + t.trialsEnded, 0)).toBe(ENDED);
    expect(totals.reduce((sum, t) => sum + t.remindersSent, 0)).toBe(expectedReminders);
    process.stdout.write(
      `deal scheduler replicas: ${totals
        .map((t) => `${t.name} ended ${t.trialsEnded} trials, sent ${t.remindersSent} reminders`)
        .join(
          '; ',
        )}; boot ${timings.bootApi} ms, create ${timings.createDeals} ms, replicas ready after ${timings.startReplicas} ms, ` +
        `converge ${timings.converge} ms\n`,
    );
    // They competed: the work was shared, not done by whichever started first.
    expect(totals.filter((t) => t.trialsEnded > 0).length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
