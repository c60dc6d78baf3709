/**
 * After the mixed load: is the money right, is the audit trail whole, and does the search index
 * say what Postgres says? Each check returns its figures and whether it holds.
 */
import { execFile } from 'node:child_process';
import type pg from 'pg';
import type { MixedTally } from './scenarios.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The number a one-row, one-column query returns. */
async function scalar(db: pg.Client, sql: string, params: unknown[] = []): Promise<string> {
  const row = (await db.query<{ value: string }>(sql, params)).rows[0];
  return String(row?.value ?? '');
}

interface DealBalanceView {
  id: string;
  balance: { chargedFen: string; paidFen: string; outstandingFen: string };
  instalments: Array<{ id: string; amountFen: string; paidFen: string; outstandingFen: string }>;
}

/**
 * The ledger: every deal's balance (as the API reports it) is the sum of its ledger entries, every
 * instalment's paid amount the sum of its payments; payments and PAYMENT entries pair one to one
 * with equal amounts; the payments and counter-offers the load was told succeeded are exactly
 * those stored; and every deal's events run 1…version without a gap.
 */
export async function ledgerChecks(
  db: pg.Client,
  graphql: (query: string, variables: Record<string, unknown>) => Promise<unknown>,
  dealIds: string[],
  tally: MixedTally,
  runId: string,
  offersBefore: number,
  inFlight: number,
): Promise<Check[]> {
  const checks: Check[] = [];
  let balanceMismatches = 0;
  let instalmentMismatches = 0;
  for (const id of dealIds) {
    const data = (await graphql(
      `
        query ($id: ID!) {
          deal(id: $id) {
            id
            balance {
              chargedFen
              paidFen
              outstandingFen
            }
            instalments {
              id
              amountFen
              paidFen
              outstandingFen
            }
          }
        }
      `,
      { id },
    )) as { deal: DealBalanceView };
    const sums = (
      await db.query<{ charged: string; paid: string }>(
        `SELECT coalesce(sum(amount_fen) FILTER (WHERE kind = 'CHARGE'), 0)::text AS charged,
                coalesce(sum(amount_fen) FILTER (WHERE kind = 'PAYMENT'), 0)::text AS paid
           FROM deal_ledger_entries WHERE deal_id = $1`,
        [id],
      )
    ).rows[0];
    const { balance } = data.deal;
    if (
      balance.chargedFen !== sums?.charged ||
      balance.paidFen !== sums.paid ||
      BigInt(balance.outstandingFen) !== BigInt(sums.charged) - BigInt(sums.paid)
    )
      balanceMismatches++;
    for (const instalment of data.deal.instalments) {
      const paid = await scalar(
        db,
        `SELECT coalesce(sum(amount_fen), 0)::text AS value FROM deal_payments WHERE instalment_id = $1`,
        [instalment.id],
      );
      if (
        instalment.paidFen !== paid ||
        BigInt(instalment.outstandingFen) !== BigInt(instalment.amountFen) - BigInt(paid)
      )
        instalmentMismatches++;
    }
  }
  checks.push({
    name: 'balances = ledger sums',
    ok: balanceMismatches === 0 && instalmentMismatches === 0,
    detail: `${dealIds.length} licensed deals: ${balanceMismatches} balances and ${instalmentMismatches} instalments differ from the sums`,
  });

  const unpairedPayments = await scalar(
    db,
    `SELECT count(*) AS value FROM deal_payments p
      WHERE (SELECT count(*) FROM deal_ledger_entries l
              WHERE l.payment_id = p.id AND l.kind = 'PAYMENT' AND l.amount_fen = p.amount_fen
                AND l.instalment_id = p.instalment_id AND l.deal_id = p.deal_id) <> 1`,
  );
  const orphanEntries = await scalar(
    db,
    `SELECT count(*) AS value FROM deal_ledger_entries l
      WHERE l.kind = 'PAYMENT' AND NOT EXISTS (SELECT 1 FROM deal_payments p WHERE p.id = l.payment_id)`,
  );
  const overpaid = await scalar(
    db,
    `SELECT count(*) AS value FROM (
       SELECT instalment_id FROM deal_ledger_entries GROUP BY instalment_id
       HAVING sum(amount_fen) FILTER (WHERE kind = 'PAYMENT') > sum(amount_fen) FILTER (WHERE kind = 'CHARGE')) o`,
  );
  checks.push({
    name: 'payments ↔ ledger entries, one to one',
    ok: unpairedPayments === '0' && orphanEntries === '0' && overpaid === '0',
    detail: `${unpairedPayments} payments without exactly one matching entry, ${orphanEntries} PAYMENT entries without a payment, ${overpaid} instalments overpaid`,
  });

  // Every payment the load was told of is stored with the amount it was told; a few more may be,
  // committed for requests still in flight when the run stopped (at most one per connection).
  const told = await scalar(
    db,
    `SELECT count(*) AS value FROM deal_payments WHERE id = ANY($1::uuid[])`,
    [tally.payments],
  );
  const stored = (
    await db.query<{ n: string; fen: string }>(
      `SELECT count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen FROM deal_payments
        WHERE idempotency_key LIKE $1`,
      [`load-${runId}-%`],
    )
  ).rows[0];
  const extraPayments = Number(stored?.n) - tally.payments.length;
  const extraOffers =
    Number(await scalar(db, 'SELECT count(*) AS value FROM deal_offers')) -
    offersBefore -
    tally.offers;
  checks.push({
    name: 'what the load was told = what is stored',
    ok:
      told === String(tally.payments.length) &&
      extraPayments >= 0 &&
      extraPayments <= inFlight &&
      BigInt(stored?.fen ?? '0') === tally.paymentFen + BigInt(extraPayments) &&
      extraOffers >= 0 &&
      extraOffers <= inFlight,
    detail:
      `${tally.payments.length} payments (${tally.paymentFen} fen) answered, all ${told} stored, ` +
      `+${extraPayments} in flight at the stop; ${tally.offers} counter-offers answered, ` +
      `+${extraOffers} in flight (at most ${inFlight}, one per connection)`,
  });

  const gaps = await scalar(
    db,
    `SELECT count(*) AS value FROM deals d
      WHERE d.version <> (SELECT count(*) FROM deal_events e WHERE e.deal_id = d.id)
         OR d.version <> (SELECT coalesce(max(sequence), 0) FROM deal_events e WHERE e.deal_id = d.id)`,
  );
  const deals = await scalar(db, 'SELECT count(*) AS value FROM deals');
  checks.push({
    name: 'deal events gapless (1…version)',
    ok: gaps === '0',
    detail: `${deals} deals, ${gaps} with a gap or an extra event`,
  });
  return checks;
}

/** `search:verify` (the operator's command) against the running service's embedded servers. */
export function searchVerify(cli: string, dataDir: string, cwd: string): Promise<Check> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, 'search:verify'],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
        timeout: 180_000,
      },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim().split('\n').join(' | ');
        resolve({ name: 'search index = Postgres (search:verify)', ok: !error, detail: output });
      },
    );
  });
}
