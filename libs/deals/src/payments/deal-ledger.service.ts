import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@techmatch/common';
import { DataSource, type EntityManager } from 'typeorm';
import { businessDate } from './business-dates.js';
import { DealLedgerEntry } from './deal-ledger-entry.entity.js';
import type { InstalmentFilter } from './dto/instalment-filter.input.js';
import { DealBalance, DealInstalmentView } from './dto/payment.models.js';
import { type InstalmentKind, InstalmentStatus, LedgerEntryKind } from './payment-enums.js';

export interface NewLedgerEntry {
  kind: LedgerEntryKind;
  instalmentId: string;
  amountFen: bigint;
  paymentId?: string | null;
}

interface InstalmentRow {
  id: string;
  deal_id: string;
  sequence: number;
  kind: InstalmentKind;
  due_on: string;
  offer_id: string | null;
  sales_report_id: string | null;
  charged: string;
  paid: string;
  outstanding: string;
  overdue: boolean;
}

/**
 * Each instalment with its ledger sums. SUM over BIGINT is NUMERIC in Postgres: no overflow, and it
 * travels as text, like every amount here. `$1` is the business date ("today", from the Clock):
 * an instalment is overdue from the day after its due date while anything of it is outstanding.
 */
const INSTALMENT_SUMS = `
  WITH sums AS (
    SELECT i.id, i.deal_id, i.sequence, i.kind, i.due_on, i.offer_id, i.sales_report_id,
           COALESCE(SUM(l.amount_fen) FILTER (WHERE l.kind = 'CHARGE'), 0) AS charged,
           COALESCE(SUM(l.amount_fen) FILTER (WHERE l.kind = 'PAYMENT'), 0) AS paid
      FROM deal_instalments i
      LEFT JOIN deal_ledger_entries l ON l.instalment_id = i.id
     WHERE %WHERE%
     GROUP BY i.id
  )
  SELECT id, deal_id, sequence, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, offer_id,
         sales_report_id, charged::text AS charged, paid::text AS paid,
         (charged - paid)::text AS outstanding,
         (due_on < $1::date AND charged > paid) AS overdue
    FROM sums`;

function view(row: InstalmentRow): DealInstalmentView {
  const paid = BigInt(row.paid);
  const outstanding = BigInt(row.outstanding);
  return {
    id: row.id,
    dealId: row.deal_id,
    sequence: row.sequence,
    kind: row.kind,
    dueOn: row.due_on,
    amountFen: row.charged,
    paidFen: row.paid,
    outstandingFen: row.outstanding,
    status:
      outstanding === 0n
        ? InstalmentStatus.PAID
        : paid === 0n
          ? InstalmentStatus.UNPAID
          : InstalmentStatus.PARTIALLY_PAID,
    overdue: row.overdue,
    offerId: row.offer_id,
    salesReportId: row.sales_report_id,
  };
}

/**
 * The ledger of deals: appending entries (inside the caller's transaction, which holds the deal's
 * row lock) and every balance, summed from the entries in SQL when asked. Nothing here stores a
 * balance.
 */
@Injectable()
export class DealLedger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today's business date (China time) by the Clock. */
  today(): string {
    return businessDate(this.clock.now());
  }

  /**
   * Appends entries numbered after the deal's last one. The caller holds the deal's row lock, so
   * no one else numbers entries of this deal meanwhile; `eventSequence` is the timeline entry the
   * caller's change is about to write (the locked version + 1, as DealChanges.commit numbers it).
   */
  async append(
    em: EntityManager,
    dealId: string,
    eventSequence: number,
    entries: NewLedgerEntry[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const [{ last }] = await em.query<[{ last: number }]>(
      'SELECT COALESCE(MAX(sequence), 0)::int AS last FROM deal_ledger_entries WHERE deal_id = $1',
      [dealId],
    );
    const occurredAt = this.clock.now();
    await em.insert(
      DealLedgerEntry,
      entries.map((entry, i) => ({
        dealId,
        sequence: last + i + 1,
        kind: entry.kind,
        amountFen: entry.amountFen.toString(),
        instalmentId: entry.instalmentId,
        paymentId: entry.paymentId ?? null,
        eventSequence,
        occurredAt,
      })),
    );
  }

  /** A deal's instalments by due date, with their sums; `em` to read inside a transaction. */
  async instalments(
    dealId: string,
    filter: InstalmentFilter | null = null,
    em?: EntityManager,
  ): Promise<DealInstalmentView[]> {
    const params: unknown[] = [this.today(), dealId];
    const where = ['i.deal_id = $2'];
    if (filter?.kinds?.length) {
      params.push(filter.kinds);
      where.push(`i.kind = ANY($${params.length}::deal_instalment_kind[])`);
    }
    let sql = INSTALMENT_SUMS.replace('%WHERE%', where.join(' AND '));
    if (filter?.overdue != null) {
      params.push(filter.overdue);
      sql += ` WHERE (due_on < $1::date AND charged > paid) = $${params.length}`;
    }
    sql += ' ORDER BY due_on, sequence';
    const rows = await (em ?? this.dataSource.manager).query<InstalmentRow[]>(sql, params);
    return rows.map(view);
  }

  async instalment(id: string, em?: EntityManager): Promise<DealInstalmentView | null> {
    const sql = INSTALMENT_SUMS.replace('%WHERE%', 'i.id = $2');
    const rows = await (em ?? this.dataSource.manager).query<InstalmentRow[]>(sql, [
      this.today(),
      id,
    ]);
    return rows[0] ? view(rows[0]) : null;
  }

  async balance(dealId: string): Promise<DealBalance> {
    const [balance] = await this.balances([dealId]);
    return balance;
  }

  /** Balances of several deals in one statement, in the order asked (a list's DataLoader). */
  async balances(dealIds: readonly string[]): Promise<DealBalance[]> {
    const asOf = this.today();
    const sql = `
      WITH per_instalment AS (${INSTALMENT_SUMS.replace('%WHERE%', 'i.deal_id = ANY($2::uuid[])')})
      SELECT deal_id,
             COALESCE(SUM(charged::numeric), 0)::text AS charged,
             COALESCE(SUM(paid::numeric), 0)::text AS paid,
             COALESCE(SUM(outstanding::numeric), 0)::text AS outstanding,
             COALESCE(SUM(outstanding::numeric) FILTER (WHERE overdue), 0)::text AS overdue
        FROM per_instalment GROUP BY deal_id`;
    const rows = await this.dataSource.query<
      Array<{
        deal_id: string;
        charged: string;
        paid: string;
        outstanding: string;
        overdue: string;
      }>
    >(sql, [asOf, [...dealIds]]);
    const byDeal = new Map(rows.map((row) => [row.deal_id, row]));
    return dealIds.map((dealId) => {
      const row = byDeal.get(dealId);
      return {
        chargedFen: row?.charged ?? '0',
        paidFen: row?.paid ?? '0',
        outstandingFen: row?.outstanding ?? '0',
        overdueFen: row?.overdue ?? '0',
        asOf,
      };
    });
  }

  entries(dealId: string): Promise<DealLedgerEntry[]> {
    return this.dataSource
      .getRepository(DealLedgerEntry)
      .find({ where: { dealId }, order: { sequence: 'ASC' } });
  }
}
