/**
 * Royalty = net sales × rate. Rates are basis points (1 bp = 0.01%), amounts integer fen, and the
 * arithmetic is BigInt: a JavaScript number loses whole fen past 2^53, and a float never rounds the
 * way a contract says.
 *
 * Rounding rule: the exact royalty netSalesFen × rateBp / 10000 is rounded to the nearest fen, a
 * half fen rounding up (round half up; amounts are never negative, so "up" is "away from zero").
 * In integers: (netSalesFen × rateBp + 5000) div 10000.
 */
export const BASIS_POINTS = 10_000n;

export function royaltyFen(netSalesFen: bigint, rateBp: number): bigint {
  if (netSalesFen < 0n) throw new RangeError('net sales must not be negative');
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000)
    throw new RangeError('the royalty rate must be 0–10000 basis points');
  return (netSalesFen * BigInt(rateBp) + BASIS_POINTS / 2n) / BASIS_POINTS;
}
