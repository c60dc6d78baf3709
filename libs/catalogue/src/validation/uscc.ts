/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: registration authority (1), entity
 * type (1), administrative division of the registering authority (6 digits), organisation code (9),
 * check character (1).
 */

/** The standard's 31 characters: digits and capitals without I, O, S, V and Z. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// Positions 1–2 are only checked against the charset: the list of registration authorities has
// grown since 2015, and a stale list would reject real codes.
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character (18th) for the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`usccCheckCharacter needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) {
      throw new RangeError(`'${first17.charAt(i)}' is not a GB 32100-2015 code character`);
    }
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Whether `code` is a well-formed credit code with the right check character. Strict on purpose:
 * lower case or surrounding spaces are rejected, so that what is stored is exactly what was checked;
 * callers apply `normaliseUscc` to user input first.
 */
export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}

/**
 * Canonical form of typed input: NFKC first, because a Chinese input method in full-width mode
 * produces `９１４４…` and `Ａ`, then trimmed and upper-cased.
 */
export function normaliseUscc(raw: string): string {
  return raw.normalize('NFKC').trim().toUpperCase();
}
