import { validateSync } from 'class-validator';
import { IsFutureDate, NotAbove } from './range.validators.js';

class Budget {
  @NotAbove('max')
  min?: number | null;

  max?: number | null;

  @IsFutureDate()
  deadline = '2999-01-01';
}

const errorsOf = (values: Partial<Budget>): string[] =>
  validateSync(Object.assign(new Budget(), values)).map((error) => error.property);

describe('range validators', () => {
  it('successful-range: min ≤ max, or either absent, passes', () => {
    expect(errorsOf({ min: 1, max: 1 })).toEqual([]);
    expect(errorsOf({ min: 5, max: null })).toEqual([]);
  });

  it('failing-range: min > max names min, in both languages', () => {
    const [error] = validateSync(Object.assign(new Budget(), { min: 9, max: 1 }));
    expect(error?.property).toBe('min');
    expect(error?.constraints?.notAbove).toBe('min 不能大于 max|min must not be greater than max');
  });

  it.each(['2000-01-01', '2026-02-30', 'tomorrow', new Date().toISOString().slice(0, 10)])(
    'failing-deadline: %s is not a future date',
    (deadline) => {
      expect(errorsOf({ deadline })).toEqual(['deadline']);
    },
  );
});
