import fc from 'fast-check';
import { royaltyFen } from './royalty-rules.js';

const MAX_FEN = 10n ** 16n; // the largest amount an input accepts (offer-terms.input.ts, FEN)

describe('royaltyFen', () => {
  it.each([
    [10_000n, 300, 300n], // 100.00 yuan at 3%
    [1n, 5_000, 1n], // half a fen rounds up
    [1n, 4_999, 0n], // less than half a fen rounds down
    [3n, 5_000, 2n], // 1.5 fen → 2
    [5n, 5_000, 3n], // 2.5 fen → 3 (half up, not half even)
    [0n, 10_000, 0n],
    [123_456_789n, 1, 12_346n], // 12345.6789 fen → 12346
    [123_454_999n, 1, 12_345n], // 12345.4999 fen → 12345
    [MAX_FEN, 10_000, MAX_FEN],
    [MAX_FEN - 1n, 9_999, 9_998_999_999_999_999n], // 9998999999999999.0001 fen: no float could say
  ])('successful-example: %s fen at %s bp → %s fen', (sales, bp, expected) => {
    expect(royaltyFen(sales, bp)).toBe(expected);
  });

  it('successful-half-up: the result is the exact royalty rounded half up, for any sales and rate', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_FEN }),
        fc.integer({ min: 0, max: 10_000 }),
        (sales, bp) => {
          const exact = sales * BigInt(bp); // in 1/10000 fen
          const whole = exact / 10_000n;
          const rest = exact % 10_000n;
          const expected = rest >= 5_000n ? whole + 1n : whole;
          const royalty = royaltyFen(sales, bp);
          expect(royalty).toBe(expected);
          // Never more than half a fen away from the exact amount, and a half goes up.
          const error = exact - royalty * 10_000n;
          expect(error >= -5_000n && error < 5_000n).toBe(true);
        },
      ),
    );
  });

  it('successful-monotone: more sales never owe less, and never more than the sales', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: MAX_FEN }),
        fc.bigInt({ min: 0n, max: MAX_FEN }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, b, bp) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(royaltyFen(low, bp) <= royaltyFen(high, bp)).toBe(true);
          expect(royaltyFen(high, bp) <= high).toBe(true);
        },
      ),
    );
  });

  it('failing-out-of-range: negative sales or a rate outside 0–10000 bp is a bug, not a royalty', () => {
    expect(() => royaltyFen(-1n, 100)).toThrow(RangeError);
    expect(() => royaltyFen(1n, 10_001)).toThrow(RangeError);
    expect(() => royaltyFen(1n, 1.5)).toThrow(RangeError);
  });
});
