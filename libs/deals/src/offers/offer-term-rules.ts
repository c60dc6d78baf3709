import type { FieldProblem, LocalizedMessage } from '@techmatch/common';
import { DealKind, FeeModel } from '../entities/deal-enums.js';
import type { OfferTermsInput } from './offer-terms.input.js';

const PATH = 'input.terms';

function problem(field: string, constraint: string, message: LocalizedMessage): FieldProblem {
  return { path: `${PATH}.${field}`, constraints: [constraint], message };
}

/** Fields that belong to one fee model only: sending them with another is a mistake, not a no-op. */
const MODEL_ONLY: Array<{
  field: 'lumpSumFen' | 'entryFeeFen' | 'royaltyRateBp';
  models: FeeModel[];
}> = [
  { field: 'lumpSumFen', models: [FeeModel.LUMP_SUM] },
  { field: 'entryFeeFen', models: [FeeModel.ENTRY_PLUS_ROYALTY] },
  { field: 'royaltyRateBp', models: [FeeModel.ROYALTY, FeeModel.ENTRY_PLUS_ROYALTY] },
];

/**
 * What class-validator cannot see field by field: rules that depend on the deal's kind or on several
 * terms at once. Runs after the input passed class-validator; amounts are summed as BigInt (fen).
 */
export function offerTermProblems(terms: OfferTermsInput, kind: DealKind): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const trialFirst = kind === DealKind.TRIAL_FIRST_LICENSE;
  if (trialFirst && terms.trialDays == null)
    problems.push(
      problem('trialDays', 'trialRequired', {
        zh: '先试用后付费许可须填写试用期 trialDays',
        en: 'A TRIAL_FIRST_LICENSE deal needs trialDays',
      }),
    );
  if (!trialFirst && (terms.trialDays != null || terms.conversionGraceDays != null))
    problems.push(
      problem('trialDays', 'noTrial', {
        zh: `${kind} 交易没有试用期，不能填写 trialDays / conversionGraceDays`,
        en: `A ${kind} deal has no trial: leave out trialDays and conversionGraceDays`,
      }),
    );
  for (const { field, models } of MODEL_ONLY) {
    if (terms[field] != null && !models.includes(terms.feeModel))
      problems.push(
        problem(field, 'notForFeeModel', {
          zh: `${field} 不适用于 ${terms.feeModel} 付费方式`,
          en: `${field} does not apply to the ${terms.feeModel} fee model`,
        }),
      );
  }
  const schedule = terms.paymentSchedule ?? [];
  if (schedule.length > 0) {
    const upfront =
      terms.feeModel === FeeModel.LUMP_SUM
        ? terms.lumpSumFen
        : terms.feeModel === FeeModel.ENTRY_PLUS_ROYALTY
          ? terms.entryFeeFen
          : null;
    const total = schedule.reduce((sum, p) => sum + BigInt(p.amountFen), 0n);
    if (upfront == null)
      problems.push(
        problem('paymentSchedule', 'noFixedFee', {
          zh: '纯提成方式没有固定金额，提成按销售额报告计算，不能填写付款计划',
          en: 'A pure ROYALTY offer has no fixed fee to schedule: royalties follow sales reports',
        }),
      );
    else if (total !== BigInt(upfront))
      problems.push(
        problem('paymentSchedule', 'scheduleTotal', {
          zh: `付款计划合计 ${total} 分，与约定金额 ${upfront} 分不符`,
          en: `The schedule adds up to ${total} fen, not the agreed ${upfront} fen`,
        }),
      );
  }
  return problems;
}
