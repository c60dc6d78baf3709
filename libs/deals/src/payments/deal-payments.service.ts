import DataLoader from 'dataloader';
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  type Environment,
  type FieldProblem,
  ForbiddenError,
  invalidFields,
  NotFoundError,
  type RequestContext,
} from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { DataSource, type EntityManager } from 'typeorm';
import { Deal } from '../entities/deal.entity.js';
import { DealEventType, DealSide } from '../entities/deal-enums.js';
import { DealOffer } from '../entities/deal-offer.entity.js';
import { DEAL, DealAccess } from '../services/deal-access.service.js';
import { DealChanges, type LockedDeal } from '../services/deal-changes.service.js';
import { DealNotifier } from '../services/deal-notifier.service.js';
import { addDays, businessDate } from './business-dates.js';
import { DealInstalment } from './deal-instalment.entity.js';
import { DealLedger } from './deal-ledger.service.js';
import { DealLedgerEntry } from './deal-ledger-entry.entity.js';
import { DealPayment } from './deal-payment.entity.js';
import { DealSalesReport } from './deal-sales-report.entity.js';
import type { InstalmentFilter } from './dto/instalment-filter.input.js';
import type { DealBalance, DealInstalmentView } from './dto/payment.models.js';
import type { RecordPaymentInput } from './dto/record-payment.input.js';
import type { ReportSalesInput } from './dto/report-sales.input.js';
import { nextInstalmentSequence, PAYING_STATES } from './instalment-schedules.service.js';
import { InstalmentKind, LedgerEntryKind } from './payment-enums.js';
import { royaltyFen } from './royalty-rules.js';

const INSTALMENT = { zh: '分期款', en: 'instalment' };

const invalid = (path: string, constraint: string, zh: string, en: string): FieldProblem => ({
  path: `input.${path}`,
  constraints: [constraint],
  message: { zh, en },
});

/** What makes two requests with one idempotency key "the same payment". */
function requestHash(input: RecordPaymentInput): string {
  const content = [
    input.instalmentId.toLowerCase(),
    input.amountFen,
    input.paidOn ?? null,
    input.reference ?? null,
    input.note ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Sales reports and payments of licensed deals, and what the parties read about their money.
 *
 * Who: sales are reported by the enterprise (its own figures) or by the broker on its behalf.
 * Payments are recorded by brokers and admins (the BROKER side) only: the transfer centre confirms
 * money against its bank records. The enterprise is the payer and the researchers are not the
 * institution's finance office, so neither may mark an amount as received (FORBIDDEN); anyone
 * else sees no deal at all (NOT_FOUND). Every party reads instalments, balances and the ledger.
 *
 * Versions: unlike lifecycle moves and offers, payments and sales reports do not carry the deal
 * version. They are facts about the world (money arrived, these were the sales), not decisions taken
 * on a picture of the deal that may be stale: a payment's retry is made safe by its idempotency key,
 * a report's by its period (at most one report per period); and what they depend on, the amount
 * still owed, is checked under the deal's row lock. Requiring the version would turn every payment
 * recorded meanwhile (or a scheduler move) into a CONFLICT to reload and resend for nothing. They
 * still go through DealChanges: row lock, version bump, one timeline event, same transaction.
 */
@Injectable()
export class DealPaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: DealAccess,
    private readonly changes: DealChanges,
    private readonly notifier: DealNotifier,
    private readonly ledger: DealLedger,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async reportSales(ctx: RequestContext, input: ReportSalesInput): Promise<DealSalesReport> {
    const userId = ctx.requireActor().userId;
    const deal = await this.changes.prepare(ctx, input.dealId);
    const side = await this.access.requireSide(ctx, deal);
    if (side !== DealSide.ENTERPRISE && side !== DealSide.BROKER)
      throw new ForbiddenError({
        zh: '销售额由企业报告（或由技术经纪人代为登记）',
        en: 'Sales are reported by the enterprise, or by a broker on its behalf',
      });
    const today = this.ledger.today();
    const problems: FieldProblem[] = [];
    if (input.periodStart > input.periodEnd)
      problems.push(
        invalid(
          'periodEnd',
          'periodOrder',
          '报告期结束日不能早于开始日',
          'periodEnd must not be before periodStart',
        ),
      );
    if (input.periodEnd >= today)
      problems.push(
        invalid(
          'periodEnd',
          'periodEnded',
          `报告期须已结束（结束日须早于今天 ${today}）`,
          `The period must have ended (periodEnd before today, ${today})`,
        ),
      );
    if (problems.length > 0) throw invalidFields(problems);
    const audience = await this.notifier.audience(deal);

    return this.tx.run(async (em) => {
      const locked = await this.lockCurrent(em, ctx, deal.id);
      const current = locked.deal;
      this.assertPaying(current);
      const offer = current.agreedOfferId
        ? await em.findOneBy(DealOffer, { id: current.agreedOfferId })
        : null;
      const rateBp = offer?.royaltyRateBp ?? null;
      if (!offer || rateBp == null)
        throw new ConflictError(
          {
            zh: `约定的付费方式为 ${offer?.feeModel ?? '无'}，没有销售提成，无需报告销售额`,
            en: `The agreed fee model is ${offer?.feeModel ?? 'none'}: no royalty, so no sales to report`,
          },
          { feeModel: offer?.feeModel ?? null },
        );
      const licensedOn = businessDate(current.closedAt ?? this.changes.now());
      if (input.periodStart < licensedOn)
        throw invalidFields([
          invalid(
            'periodStart',
            'beforeLicence',
            `报告期不能早于许可生效日 ${licensedOn}（试用期内不计提成）`,
            `The period must not start before the licence did, ${licensedOn} (a trial owes no royalty)`,
          ),
        ]);
      const overlapping = await em.query<
        Array<{ id: string; periodStart: string; periodEnd: string }>
      >(
        `SELECT id, period_start::text AS "periodStart", period_end::text AS "periodEnd"
           FROM deal_sales_reports
          WHERE deal_id = $1 AND period_start <= $3::date AND period_end >= $2::date
          LIMIT 1`,
        [current.id, input.periodStart, input.periodEnd],
      );
      const clash = overlapping[0];
      if (clash)
        throw new ConflictError(
          {
            zh: `${clash.periodStart} 至 ${clash.periodEnd} 的销售额已报告，每个报告期只能报告一次`,
            en: `Sales for ${clash.periodStart} to ${clash.periodEnd} were already reported; each period is reported once`,
          },
          { salesReportId: clash.id, periodStart: clash.periodStart, periodEnd: clash.periodEnd },
        );

      const netSales = BigInt(input.netSalesFen);
      const royalty = royaltyFen(netSales, rateBp);
      const report = await em.save(
        em.create(DealSalesReport, {
          dealId: current.id,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          netSalesFen: netSales.toString(),
          royaltyRateBp: rateBp,
          royaltyFen: royalty.toString(),
          reportedBySide: side,
          reportedByUserId: userId,
          reportedAt: this.changes.now(),
          note: input.note ?? null,
        }),
      );
      // A royalty of 0 fen (no sales, or less than half a fen) owes nothing: no instalment.
      let instalment: DealInstalment | null = null;
      if (royalty > 0n) {
        instalment = await em.save(
          em.create(DealInstalment, {
            dealId: current.id,
            sequence: await nextInstalmentSequence(em, current.id),
            kind: InstalmentKind.ROYALTY,
            dueOn: addDays(input.periodEnd, this.config.get('ROYALTY_DUE_DAYS', { infer: true })),
            offerId: null,
            salesReportId: report.id,
          }),
        );
        await this.ledger.append(em, current.id, current.version + 1, [
          { kind: LedgerEntryKind.CHARGE, instalmentId: instalment.id, amountFen: royalty },
        ]);
      }
      const saved = await this.changes.commit(em, locked, {
        type: DealEventType.SALES_REPORTED,
        side,
        actorUserId: userId,
        fromState: current.state,
        note: input.note ?? null,
        extra: {
          salesReportId: report.id,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          netSalesFen: report.netSalesFen,
          royaltyRateBp: rateBp,
          royaltyFen: report.royaltyFen,
          instalmentId: instalment?.id ?? null,
          dueOn: instalment?.dueOn ?? null,
        },
      });
      await this.notifier.changed(em, saved, audience, DealEventType.SALES_REPORTED, userId);
      return report;
    });
  }

  /**
   * Records a payment once per idempotency key. A key seen before returns the payment it recorded
   * (same id), whatever happened since, provided the request is the same; with other content it is
   * CONFLICT. Concurrent requests with one key queue on the deal's row lock and the later ones find
   * the first's row; across deals the unique index decides (INSERT … ON CONFLICT DO NOTHING waits
   * for the other transaction, then the key's row is read again). Partial payments are fine; more
   * than the instalment still owes is CONFLICT, with what it owes.
   */
  async recordPayment(ctx: RequestContext, input: RecordPaymentInput): Promise<DealPayment> {
    const userId = ctx.requireActor().userId;
    const instalment = await this.dataSource
      .getRepository(DealInstalment)
      .findOneBy({ id: input.instalmentId });
    const deal = instalment
      ? await this.dataSource.getRepository(Deal).findOneBy({ id: instalment.dealId })
      : null;
    const side = deal ? await this.access.sideOf(ctx, deal) : null;
    if (!instalment || !deal || !side) throw new NotFoundError(INSTALMENT, input.instalmentId);
    if (side !== DealSide.BROKER)
      throw new ForbiddenError({
        zh: '付款由技术经纪人（转化中心）根据到账记录登记',
        en: 'Payments are recorded by brokers (the transfer centre), from the money received',
      });
    const hash = requestHash(input);
    // A retry of a recorded payment needs no lock.
    const earlier = await this.dataSource
      .getRepository(DealPayment)
      .findOneBy({ idempotencyKey: input.idempotencyKey });
    if (earlier) return this.replay(earlier, hash);
    const today = this.ledger.today();
    const paidOn = input.paidOn ?? today;
    if (paidOn > today)
      throw invalidFields([
        invalid(
          'paidOn',
          'notFuture',
          `到账日期不能晚于今天 ${today}`,
          `paidOn must not be after today, ${today}`,
        ),
      ]);
    const audience = await this.notifier.audience(deal);

    return this.tx.run(async (em) => {
      const locked = await this.lockCurrent(em, ctx, deal.id);
      const again = await em.findOneBy(DealPayment, { idempotencyKey: input.idempotencyKey });
      if (again) return this.replay(again, hash);
      const owed = await this.ledger.instalment(instalment.id, em);
      const outstanding = BigInt(owed?.outstandingFen ?? '0');
      const amount = BigInt(input.amountFen);
      if (amount > outstanding)
        throw new ConflictError(
          outstanding === 0n
            ? {
                zh: `第 ${instalment.sequence} 期款项已付清，不能再登记付款`,
                en: `Instalment ${instalment.sequence} is paid in full; no further payment can be recorded`,
              }
            : {
                zh: `付款 ${amount} 分超过第 ${instalment.sequence} 期尚欠的 ${outstanding} 分，不能超额付款`,
                en: `A payment of ${amount} fen exceeds the ${outstanding} fen still owed on instalment ${instalment.sequence}; overpayment is refused`,
              },
          { instalmentId: instalment.id, outstandingFen: outstanding.toString() },
        );
      const now = this.changes.now();
      const inserted = await em.query<Array<{ id: string }>>(
        `INSERT INTO deal_payments (deal_id, instalment_id, amount_fen, idempotency_key, request_hash,
                                    paid_on, reference, note, recorded_by_user_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id`,
        [
          deal.id,
          instalment.id,
          amount.toString(),
          input.idempotencyKey,
          hash,
          paidOn,
          input.reference ?? null,
          input.note ?? null,
          userId,
          now,
        ],
      );
      const paymentId = inserted[0]?.id;
      if (!paymentId) {
        // Another transaction (on another deal: this one's are queued behind our lock) committed the
        // key first. Nothing has been written here yet.
        const first = await em.findOneByOrFail(DealPayment, {
          idempotencyKey: input.idempotencyKey,
        });
        return this.replay(first, hash);
      }
      const payment = await em.findOneByOrFail(DealPayment, { id: paymentId });
      await this.ledger.append(em, deal.id, locked.deal.version + 1, [
        {
          kind: LedgerEntryKind.PAYMENT,
          instalmentId: instalment.id,
          amountFen: amount,
          paymentId,
        },
      ]);
      const saved = await this.changes.commit(em, locked, {
        type: DealEventType.PAYMENT_RECORDED,
        side,
        actorUserId: userId,
        fromState: locked.deal.state,
        note: input.note ?? null,
        extra: {
          paymentId,
          instalmentId: instalment.id,
          instalmentSequence: instalment.sequence,
          amountFen: payment.amountFen,
          paidOn: payment.paidOn,
          outstandingFen: (outstanding - amount).toString(),
        },
      });
      await this.notifier.changed(em, saved, audience, DealEventType.PAYMENT_RECORDED, userId);
      return payment;
    });
  }

  /** For Deal.instalments: the deal was read (and its access checked) by the parent resolver. */
  instalmentsOf(deal: Deal, filter: InstalmentFilter | null): Promise<DealInstalmentView[]> {
    return this.ledger.instalments(deal.id, filter);
  }

  /** Through a per-request loader: a page of deals sums its balances in one statement. */
  balanceOf(ctx: RequestContext, deal: Deal): Promise<DealBalance> {
    return ctx
      .memo(
        'loader:deal-balance',
        () => new DataLoader((ids: readonly string[]) => this.ledger.balances(ids)),
      )
      .load(deal.id);
  }

  salesReportsOf(deal: Deal): Promise<DealSalesReport[]> {
    return this.dataSource
      .getRepository(DealSalesReport)
      .find({ where: { dealId: deal.id }, order: { periodStart: 'ASC' } });
  }

  instalment(id: string): Promise<DealInstalmentView | null> {
    return this.ledger.instalment(id);
  }

  async instalmentOfReport(report: DealSalesReport): Promise<DealInstalmentView | null> {
    const row = await this.dataSource
      .getRepository(DealInstalment)
      .findOneBy({ salesReportId: report.id });
    return row ? this.ledger.instalment(row.id) : null;
  }

  /** Every entry of a deal's ledger, in order; NOT_FOUND for anyone with no part in the deal. */
  async ledgerOf(ctx: RequestContext, dealId: string): Promise<DealLedgerEntry[]> {
    const deal = await this.dataSource.getRepository(Deal).findOneBy({ id: dealId });
    if (!deal) throw new NotFoundError(DEAL, dealId);
    await this.access.requireSide(ctx, deal);
    return this.ledger.entries(dealId);
  }

  /**
   * Locks the deal at whatever version it has now (see the class comment on versions), through
   * DealChanges.lock, which also re-establishes the caller's side under the lock.
   */
  private async lockCurrent(
    em: EntityManager,
    ctx: RequestContext,
    dealId: string,
  ): Promise<LockedDeal> {
    const rows = await em.query<Array<{ version: number }>>(
      'SELECT version FROM deals WHERE id = $1 FOR UPDATE',
      [dealId],
    );
    return this.changes.lock(em, ctx, dealId, rows[0]?.version ?? 0);
  }

  private assertPaying(deal: Deal): void {
    if (!PAYING_STATES.includes(deal.state))
      throw new ConflictError(
        {
          zh: `交易当前状态为 ${deal.state}，只有已转化或已许可（${PAYING_STATES.join('、')}）的交易才计提成`,
          en: `The deal is ${deal.state}; royalties apply only once it is ${PAYING_STATES.join(' or ')}`,
        },
        { state: deal.state, allowedStates: PAYING_STATES },
      );
  }

  private replay(earlier: DealPayment, hash: string): DealPayment {
    if (earlier.requestHash !== hash)
      throw new ConflictError(
        {
          zh: `幂等键 ${earlier.idempotencyKey} 已用于一笔内容不同的付款；新的付款请使用新的幂等键`,
          en: `The idempotency key ${earlier.idempotencyKey} was used for a different payment; use a new key for a new payment`,
        },
        { idempotencyKey: earlier.idempotencyKey },
      );
    return earlier;
  }
}
