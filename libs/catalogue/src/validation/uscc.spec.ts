import { isValidUscc, normaliseUscc, usccCheckCharacter } from './uscc.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Published codes of well-known companies, and an example widely quoted with GB 32100-2015.
const PUBLISHED = [
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000802100433B', // 百度在线网络技术（北京）有限公司
  '91350100M000100Y43',
];

/** A small deterministic generator, so that a failure can be replayed. */
function* generatedBodies(count: number, seed = 20260204): Generator<string> {
  let state = seed;
  const next = (modulus: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % modulus;
  };
  const pick = (): string => CHARSET.charAt(next(CHARSET.length));
  for (let n = 0; n < count; n += 1) {
    const division = String(410000 + next(10_000)).padStart(6, '0');
    yield `${pick()}${pick()}${division}${Array.from({ length: 9 }, pick).join('')}`;
  }
}

describe('usccCheckCharacter', () => {
  it('successful-published: reproduces the check character of real codes', () => {
    for (const code of PUBLISHED) {
      expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
    }
  });

  it('successful-zero: a remainder of 0 gives 0, not the 31st character', () => {
    expect(usccCheckCharacter('91410300MA4000020')).toBe('0');
    expect(isValidUscc('91410300MA40000200')).toBe(true);
  });

  it('failing-input: refuses a wrong length or a character outside the charset', () => {
    expect(() => usccCheckCharacter('9144030019220382')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9144030019220382I')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9144030019220382O')).toThrow(RangeError);
  });
});

describe('isValidUscc', () => {
  it('successful-published: accepts real codes', () => {
    for (const code of PUBLISHED) expect(isValidUscc(code)).toBe(true);
  });

  it('successful-generated: accepts generated codes and only their own check character', () => {
    for (const body of generatedBodies(200)) {
      const check = usccCheckCharacter(body);
      expect(isValidUscc(`${body}${check}`)).toBe(true);
      const others = [...CHARSET].filter((char) => char !== check);
      expect(others.filter((char) => isValidUscc(`${body}${char}`))).toEqual([]);
    }
  });

  it('failing-single-substitution: any one changed character is caught', () => {
    // 31 is prime and no weight is a multiple of it, so one substitution always moves the sum.
    const code = PUBLISHED[0] ?? '';
    for (let i = 0; i < 18; i += 1) {
      for (const char of CHARSET) {
        if (char === code.charAt(i)) continue;
        if (i >= 2 && i < 8 && !/\d/.test(char)) continue;
        const changed = `${code.slice(0, i)}${char}${code.slice(i + 1)}`;
        expect([changed, isValidUscc(changed)]).toEqual([changed, false]);
      }
    }
  });

  it('failing-check-character: a wrong last character', () => {
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(isValidUscc('91440300708461136U')).toBe(false);
  });

  it('failing-length: 17 or 19 characters, or empty', () => {
    expect(isValidUscc('91440300192203821')).toBe(false);
    expect(isValidUscc('9144030019220382160')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });

  it('failing-characters: I, O, S, V, Z and other symbols are not in the charset', () => {
    for (const char of ['I', 'O', 'S', 'V', 'Z', '-', '*']) {
      const body = `91440300${char}08461136`;
      expect(isValidUscc(`${body}T`)).toBe(false);
    }
  });

  it('failing-division: positions 3–8 must be digits even when the check adds up', () => {
    const body = '9144A300708461136';
    expect(isValidUscc(`${body}${usccCheckCharacter(body)}`)).toBe(false);
  });

  it('failing-not-normalised: lower case and surrounding spaces are refused', () => {
    expect(isValidUscc('91440300708461136t')).toBe(false);
    expect(isValidUscc(' 91440300708461136T')).toBe(false);
    expect(isValidUscc('91440300708461136T\n')).toBe(false);
  });
});

describe('normaliseUscc', () => {
  it('successful-typed-input: trims, upper-cases and folds full-width characters', () => {
    expect(normaliseUscc('  91440300708461136t ')).toBe('91440300708461136T');
    expect(normaliseUscc('９１４４０３００７０８４６１１３６Ｔ')).toBe('91440300708461136T');
    expect(isValidUscc(normaliseUscc('\t91110108551385082q\n'))).toBe(true);
  });

  it('failing-inner-space: spaces inside the code are left for the validator to refuse', () => {
    expect(isValidUscc(normaliseUscc('914403007084 61136T'))).toBe(false);
  });
});
