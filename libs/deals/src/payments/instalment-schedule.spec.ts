import fc from 'fast-check';
import { FeeModel } from '../entities/deal-enums.js';
import { addDays, businessDate, isCalendarDate } from './business-dates.js';
import { planSchedule, type ScheduleTerms } from './instalment-schedule.js';

const terms = (overrides: Partial<ScheduleTerms>): ScheduleTerms => ({
  feeModel: FeeModel.LUMP_SUM,
  lumpSumFen: null,
  entryFeeFen: null,
  paymentSchedule: [],
  ...overrides,
});

describe('business dates', () => {
  it('successful-china-time: the business date is the date in UTC+8', () => {
    expect(businessDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(businessDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('successful-add-days: across month ends and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-09-30', 30)).toBe('2026-10-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('successful-calendar-dates: only real days in YYYY-MM-DD', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '20260101', 20260101, null])
      expect(isCalendarDate(bad)).toBe(false);
  });
});

describe('planSchedule', () => {
  it('successful-lump-sum-without-schedule: the whole fee, due the day the licence starts', () => {
    const planned = planSchedule(terms({ lumpSumFen: '8000000' }), '2026-06-01');
    expect(planned).toEqual([
      { sequence: 1, dueInDays: 0, dueOn: '2026-06-01', amountFen: 8_000_000n },
    ]);
  });

  it('successful-entry-fee-schedule: in order of due date, dated from the licence', () => {
    const planned = planSchedule(
      terms({
        feeModel: FeeModel.ENTRY_PLUS_ROYALTY,
        entryFeeFen: '50000000',
        paymentSchedule: [
          { dueInDays: 90, amountFen: '30000000' },
          { dueInDays: 0, amountFen: '20000000' },
        ],
      }),
      '2026-05-30',
    );
    expect(planned).toEqual([
      { sequence: 1, dueInDays: 0, dueOn: '2026-05-30', amountFen: 20_000_000n },
      { sequence: 2, dueInDays: 90, dueOn: '2026-08-28', amountFen: 30_000_000n },
    ]);
  });

  it('successful-nothing-fixed: a pure royalty or a free licence schedules nothing', () => {
    expect(planSchedule(terms({ feeModel: FeeModel.ROYALTY }), '2026-06-01')).toEqual([]);
    expect(planSchedule(terms({ lumpSumFen: '0' }), '2026-06-01')).toEqual([]);
  });

  it('failing-schedule-total: a schedule that does not add up to the fee is refused', () => {
    expect(() =>
      planSchedule(
        terms({ lumpSumFen: '100', paymentSchedule: [{ dueInDays: 0, amountFen: '99' }] }),
        '2026-06-01',
      ),
    ).toThrow(/adds up to 99 fen/);
  });

  it('successful-any-schedule: sums to the fee, dated in order, numbered 1…n, nothing of 0 fen', () => {
    const item = fc.record({
      dueInDays: fc.integer({ min: 0, max: 3650 }),
      amountFen: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    });
    const day = fc
      .integer({ min: 0, max: 365 * 30 })
      .map((offset) => addDays('2020-01-01', offset));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 120 }), day, (items, licensedOn) => {
        const fee = items.reduce((sum, i) => sum + i.amountFen, 0n);
        const planned = planSchedule(
          terms({
            lumpSumFen: fee.toString(),
            paymentSchedule: items.map((i) => ({
              dueInDays: i.dueInDays,
              amountFen: i.amountFen.toString(),
            })),
          }),
          licensedOn,
        );
        expect(planned.reduce((sum, p) => sum + p.amountFen, 0n)).toBe(fee);
        expect(planned.length).toBe(items.filter((i) => i.amountFen > 0n).length);
        planned.forEach((p, index) => {
          expect(p.sequence).toBe(index + 1);
          expect(p.amountFen > 0n).toBe(true);
          expect(p.dueOn).toBe(addDays(licensedOn, p.dueInDays));
          if (index > 0) expect(p.dueOn >= (planned[index - 1]?.dueOn ?? '')).toBe(true);
        });
      }),
    );
  });
});
