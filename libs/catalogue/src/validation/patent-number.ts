/**
 * Chinese patent numbers as people write them: application numbers (with or without the `CN` or
 * `ZL` prefix, the check digit and spaces between groups) and CNIPA publication / grant numbers.
 */

export type PatentType = 'INVENTION' | 'UTILITY_MODEL' | 'DESIGN';

export interface ParsedPatentNumber {
  form: 'APPLICATION' | 'PUBLICATION';
  /** `202310123456.6` / `93112345.1` for applications, `CN114123456A` for publications. */
  normalised: string;
  patentType: PatentType | null;
  /** `ZL` (专利号) marks a granted patent; for publications the kind code says it. */
  granted: boolean;
}

// 8 and 9 are PCT applications entering the national phase, as invention or utility model.
const TYPE_BY_DIGIT: Readonly<Record<string, PatentType>> = {
  '1': 'INVENTION',
  '2': 'UTILITY_MODEL',
  '3': 'DESIGN',
  '8': 'INVENTION',
  '9': 'UTILITY_MODEL',
};

// C, Y and D are the older grant kinds that B, U and S replaced. A is the only kind that is not a
// grant, because utility models and designs are published only once granted.
const KINDS: Readonly<Record<string, { patentType: PatentType; granted: boolean }>> = {
  A: { patentType: 'INVENTION', granted: false },
  B: { patentType: 'INVENTION', granted: true },
  C: { patentType: 'INVENTION', granted: true },
  U: { patentType: 'UTILITY_MODEL', granted: true },
  Y: { patentType: 'UTILITY_MODEL', granted: true },
  S: { patentType: 'DESIGN', granted: true },
  D: { patentType: 'DESIGN', granted: true },
};

const WEIGHTS_2003 = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
const WEIGHTS_1985 = [2, 3, 4, 5, 6, 7, 8, 9];

// A check digit may follow a dot (the official writing) or come straight after the serial, as
// many databases print it; spaces are allowed only around the dot and between groups.
const APPLICATION_2003 = /^(?:(CN|ZL)\s*)?(\d{4})\s*([12389])\s*(\d{7})(?:\s*\.\s*)?([0-9X])$/;
const APPLICATION_1985 = /^(?:(CN|ZL)\s*)?(\d{2})\s*([12389])\s*(\d{5})(?:\s*\.\s*)?([0-9X])$/;
const PUBLICATION = /^CN\s*(\d{7,9})\s*([A-Z])(\d?)$/;

/** The check digit of an application number's 12 (since 2003) or 8 (1985–2003) digits. */
export function applicationCheckDigit(digits: string): string {
  const weights =
    digits.length === 12 ? WEIGHTS_2003 : digits.length === 8 ? WEIGHTS_1985 : undefined;
  if (!weights || !/^\d+$/.test(digits)) {
    throw new RangeError(`applicationCheckDigit needs 12 or 8 digits, got '${digits}'`);
  }
  const sum = weights.reduce((total, weight, i) => total + Number(digits.charAt(i)) * weight, 0);
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Reads a patent number in any of its usual written forms, or returns null when it is not one:
 * wrong length, unknown type digit or kind code, impossible year, or a check digit that does not
 * match. Full-width characters from Chinese input methods are accepted.
 */
export function parsePatentNumber(raw: string): ParsedPatentNumber | null {
  const text = raw.normalize('NFKC').trim().toUpperCase();
  return parseApplication(text) ?? parsePublication(text);
}

function parseApplication(text: string): ParsedPatentNumber | null {
  const modern = APPLICATION_2003.exec(text);
  const old = modern ? null : APPLICATION_1985.exec(text);
  const match = modern ?? old;
  if (!match) return null;
  const [, prefix, year = '', type = '', serial = '', check = ''] = match;
  if (!plausibleYear(year)) return null;
  const digits = `${year}${type}${serial}`;
  if (applicationCheckDigit(digits) !== check) return null;
  return {
    form: 'APPLICATION',
    normalised: `${digits}.${check}`,
    patentType: TYPE_BY_DIGIT[type] ?? null,
    granted: prefix === 'ZL',
  };
}

function parsePublication(text: string): ParsedPatentNumber | null {
  const match = PUBLICATION.exec(text);
  if (!match) return null;
  const [, number = '', letter = '', suffix = ''] = match;
  const kind = KINDS[letter];
  if (!kind) return null;
  return {
    form: 'PUBLICATION',
    normalised: `CN${number}${letter}${suffix}`,
    patentType: kind.patentType,
    granted: kind.granted,
  };
}

/**
 * The 13-digit form began in October 2003; the 9-digit form ran from 1985 to 2003. Next year is
 * allowed for filings around New Year in China's time zone; anything later is a typo.
 */
function plausibleYear(year: string): boolean {
  const value = Number(year);
  if (year.length === 2) return value >= 85 || value <= 3;
  return value >= 2003 && value <= new Date().getUTCFullYear() + 1;
}
