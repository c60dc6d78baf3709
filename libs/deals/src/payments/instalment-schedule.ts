import { FeeModel } from '../entities/deal-enums.js';
import type { ScheduledPayment } from '../entities/deal-offer.entity.js';
import { addDays } from './business-dates.js';

/** What of an agreed offer decides its instalments. */
export interface ScheduleTerms {
  feeModel: FeeModel;
  lumpSumFen: string | null;
  entryFeeFen: string | null;
  paymentSchedule: ScheduledPayment[];
}

export interface PlannedInstalment {
  /** 1, 2, … in order of due date. */
  sequence: number;
  dueInDays: number;
  /** YYYY-MM-DD, China time. */
  dueOn: string;
  amountFen: bigint;
}

/** The fixed fee of the terms (royalties are charged per sales report, not scheduled). */
export function fixedFeeFen(terms: ScheduleTerms): bigint {
  const fixed =
    terms.feeModel === FeeModel.LUMP_SUM
      ? terms.lumpSumFen
      : terms.feeModel === FeeModel.ENTRY_PLUS_ROYALTY
        ? terms.entryFeeFen
        : null;
  return BigInt(fixed ?? 0);
}

/**
 * The instalments of the fixed fee, from the day the licence starts (`licensedOn`: the conversion
 * of a trial, or the agreement of an ordinary licence). The offer's payment schedule when it has
 * one (its amounts add up to the fee: offer-term-rules checked that when it was proposed), else the
 * whole fee due that same day. Instalments of 0 fen charge nothing and are left out; instalments
 * due the same day keep the order in which the offer listed them.
 */
export function planSchedule(terms: ScheduleTerms, licensedOn: string): PlannedInstalment[] {
  const fee = fixedFeeFen(terms);
  if (fee === 0n) return [];
  const items =
    terms.paymentSchedule.length > 0
      ? terms.paymentSchedule
      : [{ dueInDays: 0, amountFen: fee.toString() }];
  const total = items.reduce((sum, item) => sum + BigInt(item.amountFen), 0n);
  if (total !== fee)
    throw new Error(`The agreed schedule adds up to ${total} fen, not the agreed ${fee} fen`);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.dueInDays - b.item.dueInDays || a.index - b.index)
    .filter(({ item }) => BigInt(item.amountFen) > 0n)
    .map(({ item }, i) => ({
      sequence: i + 1,
      dueInDays: item.dueInDays,
      dueOn: addDays(licensedOn, item.dueInDays),
      amountFen: BigInt(item.amountFen),
    }));
}
