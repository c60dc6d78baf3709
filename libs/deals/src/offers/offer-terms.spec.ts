import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toFieldProblems } from '@techmatch/common';
import { DealKind, Exclusivity, FeeModel } from '../entities/deal-enums.js';
import { offerTermProblems } from './offer-term-rules.js';
import { OfferTermsInput } from './offer-terms.input.js';

const terms = (plain: Record<string, unknown>): OfferTermsInput =>
  plainToInstance(OfferTermsInput, { exclusivity: Exclusivity.EXCLUSIVE, ...plain });

/** The failing fields with their messages, as the API reports them. */
const fieldErrors = (plain: Record<string, unknown>) =>
  toFieldProblems(validateSync(terms(plain), { forbidUnknownValues: true }), 'terms');

describe('offer terms: class-validator', () => {
  it.each([
    [{ feeModel: FeeModel.LUMP_SUM, lumpSumFen: '100000000' }],
    [{ feeModel: FeeModel.ROYALTY, royaltyRateBp: 350 }],
    [{ feeModel: FeeModel.ENTRY_PLUS_ROYALTY, entryFeeFen: '0', royaltyRateBp: 1 }],
    [
      {
        feeModel: FeeModel.LUMP_SUM,
        lumpSumFen: '9999999999999999',
        trialDays: 180,
        conversionGraceDays: 0,
      },
    ],
    [
      {
        feeModel: FeeModel.LUMP_SUM,
        lumpSumFen: '5',
        paymentSchedule: [{ dueInDays: 0, amountFen: '5' }],
      },
    ],
  ])('successful-valid: %j', (plain) => {
    expect(fieldErrors(plain)).toEqual([]);
  });

  it.each([
    [{ feeModel: FeeModel.LUMP_SUM }, 'terms.lumpSumFen', 'LUMP_SUM needs lumpSumFen'],
    [{ feeModel: FeeModel.ROYALTY }, 'terms.royaltyRateBp', 'ROYALTY needs royaltyRateBp'],
    [
      { feeModel: FeeModel.ENTRY_PLUS_ROYALTY, royaltyRateBp: 10 },
      'terms.entryFeeFen',
      'ENTRY_PLUS_ROYALTY needs entryFeeFen',
    ],
    [
      { feeModel: FeeModel.LUMP_SUM, lumpSumFen: '12.50' },
      'terms.lumpSumFen',
      'whole number of fen',
    ],
    [{ feeModel: FeeModel.LUMP_SUM, lumpSumFen: '-1' }, 'terms.lumpSumFen', 'whole number of fen'],
    [
      { feeModel: FeeModel.LUMP_SUM, lumpSumFen: '10000000000000000' },
      'terms.lumpSumFen',
      'whole number of fen',
    ],
    [{ feeModel: FeeModel.ROYALTY, royaltyRateBp: 10_001 }, 'terms.royaltyRateBp', 'at most 10000'],
    [{ feeModel: FeeModel.ROYALTY, royaltyRateBp: 0 }, 'terms.royaltyRateBp', 'at least 1'],
    [
      { feeModel: FeeModel.LUMP_SUM, lumpSumFen: '1', trialDays: 0 },
      'terms.trialDays',
      'at least 1',
    ],
    [
      { feeModel: FeeModel.LUMP_SUM, lumpSumFen: '1', territoryCodes: ['洛阳'] },
      'terms.territoryCodes',
      'division codes',
    ],
    [
      {
        feeModel: FeeModel.LUMP_SUM,
        lumpSumFen: '1',
        paymentSchedule: [{ dueInDays: -1, amountFen: '1' }],
      },
      'terms.paymentSchedule.0.dueInDays',
      'must not be negative',
    ],
  ])('failing-%#: %j → %s', (plain, path, english) => {
    const problems = fieldErrors(plain);
    const problem = problems.find((p) => p.path === path);
    expect(problem?.message.en).toContain(english);
    expect(problem?.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('offer terms: rules that need the deal', () => {
  const rules = (plain: Record<string, unknown>, kind: DealKind) =>
    offerTermProblems(terms(plain), kind).map((p) => [p.path, p.constraints[0]]);

  it('successful-trial-first: a trial with its length passes', () => {
    expect(
      rules(
        { feeModel: FeeModel.ROYALTY, royaltyRateBp: 300, trialDays: 90 },
        DealKind.TRIAL_FIRST_LICENSE,
      ),
    ).toEqual([]);
  });

  it('failing-trial-length: a trial-first deal needs trialDays', () => {
    expect(
      rules({ feeModel: FeeModel.ROYALTY, royaltyRateBp: 300 }, DealKind.TRIAL_FIRST_LICENSE),
    ).toEqual([['input.terms.trialDays', 'trialRequired']]);
  });

  it('failing-no-trial: other kinds take no trial', () => {
    expect(
      rules({ feeModel: FeeModel.LUMP_SUM, lumpSumFen: '1', trialDays: 30 }, DealKind.LICENSE),
    ).toEqual([['input.terms.trialDays', 'noTrial']]);
  });

  it('failing-foreign-fields: an amount of another fee model is refused', () => {
    expect(
      rules({ feeModel: FeeModel.ROYALTY, royaltyRateBp: 300, lumpSumFen: '5' }, DealKind.LICENSE),
    ).toEqual([['input.terms.lumpSumFen', 'notForFeeModel']]);
    expect(
      rules({ feeModel: FeeModel.LUMP_SUM, lumpSumFen: '5', royaltyRateBp: 3 }, DealKind.TRANSFER),
    ).toEqual([['input.terms.royaltyRateBp', 'notForFeeModel']]);
  });

  it('successful-schedule-total: instalments add up to the fixed fee, exactly, beyond 2^53 fen', () => {
    const big = '9007199254740993'; // 2^53 + 1: a float would lose the last fen
    expect(
      rules(
        {
          feeModel: FeeModel.LUMP_SUM,
          lumpSumFen: big,
          paymentSchedule: [
            { dueInDays: 0, amountFen: '9007199254740992' },
            { dueInDays: 30, amountFen: '1' },
          ],
        },
        DealKind.LICENSE,
      ),
    ).toEqual([]);
  });

  it('failing-schedule-total: instalments that do not add up, or a schedule for a pure royalty', () => {
    expect(
      rules(
        {
          feeModel: FeeModel.ENTRY_PLUS_ROYALTY,
          entryFeeFen: '100',
          royaltyRateBp: 5,
          paymentSchedule: [{ dueInDays: 0, amountFen: '99' }],
        },
        DealKind.LICENSE,
      ),
    ).toEqual([['input.terms.paymentSchedule', 'scheduleTotal']]);
    expect(
      rules(
        {
          feeModel: FeeModel.ROYALTY,
          royaltyRateBp: 5,
          paymentSchedule: [{ dueInDays: 0, amountFen: '1' }],
        },
        DealKind.LICENSE,
      ),
    ).toEqual([['input.terms.paymentSchedule', 'noFixedFee']]);
  });
});
