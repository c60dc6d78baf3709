import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Deal } from '../entities/deal.entity.js';
import { DealState } from '../entities/deal-enums.js';
import { DealOffer } from '../entities/deal-offer.entity.js';
import { businessDate } from './business-dates.js';
import { DealInstalment } from './deal-instalment.entity.js';
import { DealLedger } from './deal-ledger.service.js';
import { planSchedule } from './instalment-schedule.js';
import { InstalmentKind, LedgerEntryKind } from './payment-enums.js';

/** States in which the licence is paid for: instalments are charged, sales reported, money received. */
export const PAYING_STATES = [DealState.CONVERTED, DealState.LICENSED];

/** The next instalment number of a deal; the caller holds the deal's row lock. */
export async function nextInstalmentSequence(em: EntityManager, dealId: string): Promise<number> {
  const [{ last }] = await em.query<[{ last: number }]>(
    'SELECT COALESCE(MAX(sequence), 0)::int AS last FROM deal_instalments WHERE deal_id = $1',
    [dealId],
  );
  return last + 1;
}

/**
 * Charges the agreed fixed fee when the licence starts (CONVERT of a trial, GRANT_LICENCE of an
 * ordinary licence), inside the transaction of that move and under its row lock: the instalments
 * and their CHARGE entries commit or roll back with the move. Creating the schedule is part of
 * that one change, not a change of its own, so it bumps no version and writes no event by itself:
 * the caller passes what this returns as `extra` to DealChanges.commit, and the move's timeline
 * entry lists the instalments in its "after".
 */
@Injectable()
export class InstalmentSchedules {
  constructor(private readonly ledger: DealLedger) {}

  /**
   * Call after the deal's new state is set and before DealChanges.commit. Does nothing (and
   * returns {}) unless the deal has just entered a paying state with a fixed fee to charge.
   */
  async onLicence(em: EntityManager, deal: Deal, at: Date): Promise<Record<string, unknown>> {
    if (!PAYING_STATES.includes(deal.state) || !deal.agreedOfferId) return {};
    const offer = await em.findOneByOrFail(DealOffer, { id: deal.agreedOfferId });
    const planned = planSchedule(offer, businessDate(at));
    if (planned.length === 0) return {};
    const first = await nextInstalmentSequence(em, deal.id);
    const rows = await em.save(
      DealInstalment,
      planned.map((p) =>
        em.create(DealInstalment, {
          dealId: deal.id,
          sequence: first + p.sequence - 1,
          kind: InstalmentKind.SCHEDULED,
          dueOn: p.dueOn,
          offerId: offer.id,
          salesReportId: null,
        }),
      ),
    );
    await this.ledger.append(
      em,
      deal.id,
      deal.version + 1,
      rows.map((row, i) => ({
        kind: LedgerEntryKind.CHARGE,
        instalmentId: row.id,
        amountFen: planned[i]?.amountFen ?? 0n,
      })),
    );
    return {
      schedule: rows.map((row, i) => ({
        instalmentId: row.id,
        sequence: row.sequence,
        dueOn: row.dueOn,
        amountFen: planned[i]?.amountFen.toString(),
      })),
    };
  }
}
