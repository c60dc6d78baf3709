import { applicationCheckDigit, parsePatentNumber } from './patent-number.js';

// Application numbers as published with real Chinese patents and applications.
const PUBLISHED_APPLICATIONS = [
  '201811564288.X',
  '202210635727.1',
  '202321160956.9',
  '201510958772.0',
  '200510096239.4',
  '202010566088.9',
];

describe('applicationCheckDigit', () => {
  it('successful-published: reproduces the check digit of real application numbers', () => {
    for (const number of PUBLISHED_APPLICATIONS) {
      const [digits = '', check] = number.split('.');
      expect(applicationCheckDigit(digits)).toBe(check);
    }
  });

  it('successful-1985-format: weights 2–9 over the eight digits', () => {
    // 9×2 + 8×3 + 1×4 + 1×5 + 2×6 + 3×7 + 4×8 + 5×9 = 161, and 161 mod 11 = 7.
    expect(applicationCheckDigit('98112345')).toBe('7');
  });

  it('failing-input: refuses other lengths and non-digits', () => {
    expect(() => applicationCheckDigit('20221063572')).toThrow(RangeError);
    expect(() => applicationCheckDigit('2022106357271')).toThrow(RangeError);
    expect(() => applicationCheckDigit('2022A0635727')).toThrow(RangeError);
    expect(() => applicationCheckDigit('')).toThrow(RangeError);
  });
});

describe('parsePatentNumber: application numbers', () => {
  it('successful-plain: a 2003+ number with its dot', () => {
    expect(parsePatentNumber('202210635727.1')).toEqual({
      form: 'APPLICATION',
      normalised: '202210635727.1',
      patentType: 'INVENTION',
      granted: false,
    });
  });

  it('successful-x-check: a remainder of 10 is written X, in either case', () => {
    expect(parsePatentNumber('201811564288.X')?.normalised).toBe('201811564288.X');
    expect(parsePatentNumber('201811564288.x')?.normalised).toBe('201811564288.X');
  });

  it('successful-zl: the granted form, packed or spaced, with the prefix stripped', () => {
    for (const raw of ['ZL201811564288.X', 'ZL 2018 1 1564288.X', 'zl 201811564288 . x']) {
      expect(parsePatentNumber(raw)).toEqual({
        form: 'APPLICATION',
        normalised: '201811564288.X',
        patentType: 'INVENTION',
        granted: true,
      });
    }
  });

  it('successful-cn: the CN prefix marks no grant', () => {
    expect(parsePatentNumber('CN202321160956.9')).toEqual({
      form: 'APPLICATION',
      normalised: '202321160956.9',
      patentType: 'UTILITY_MODEL',
      granted: false,
    });
    expect(parsePatentNumber('CN 2023 2 1160956.9')?.normalised).toBe('202321160956.9');
  });

  it('successful-no-dot: the check digit written straight after the serial', () => {
    expect(parsePatentNumber('2022106357271')?.normalised).toBe('202210635727.1');
    expect(parsePatentNumber('ZL201811564288X')?.normalised).toBe('201811564288.X');
  });

  it('successful-full-width: input typed with a Chinese input method', () => {
    expect(parsePatentNumber('ＺＬ２０１５１０９５８７７２．０')?.normalised).toBe(
      '201510958772.0',
    );
    expect(parsePatentNumber('ZL\u30002015\u30001\u30000958772.0')?.granted).toBe(true);
  });

  it('successful-types: the type digit gives the patent type, PCT entries included', () => {
    const typeOf = (digits: string) =>
      parsePatentNumber(`${digits}.${applicationCheckDigit(digits)}`)?.patentType;
    expect(typeOf('202310123456')).toBe('INVENTION');
    expect(typeOf('202320123456')).toBe('UTILITY_MODEL');
    expect(typeOf('202330123456')).toBe('DESIGN');
    expect(typeOf('202380012345')).toBe('INVENTION');
    expect(typeOf('202490001234')).toBe('UTILITY_MODEL');
  });

  it('successful-1985-format: 2-digit year, type, 5-digit serial, check', () => {
    expect(parsePatentNumber('98112345.7')).toEqual({
      form: 'APPLICATION',
      normalised: '98112345.7',
      patentType: 'INVENTION',
      granted: false,
    });
    expect(parsePatentNumber('ZL 03 2 12345.0')).toEqual({
      form: 'APPLICATION',
      normalised: '03212345.0',
      patentType: 'UTILITY_MODEL',
      granted: true,
    });
  });

  it('successful-generated: every generated number parses, and no other check digit does', () => {
    let state = 7;
    for (let n = 0; n < 300; n += 1) {
      state = (state * 48_271) % 2_147_483_647;
      const year = 2003 + (state % 20);
      const type = '12389'.charAt(state % 5);
      const serial = String(state % 10_000_000).padStart(7, '0');
      const digits = `${year}${type}${serial}`;
      const check = applicationCheckDigit(digits);
      expect(parsePatentNumber(`ZL${digits}.${check}`)?.normalised).toBe(`${digits}.${check}`);
      const wrong = [...'0123456789X'].filter((char) => char !== check);
      expect(wrong.filter((char) => parsePatentNumber(`${digits}.${char}`) !== null)).toEqual([]);
    }
  });

  it('failing-check-digit: a wrong check digit, in every prefix form', () => {
    for (const raw of [
      '202210635727.2',
      'CN202210635727.2',
      'ZL202210635727.2',
      'ZL 2022 1 0635727.2',
      '201811564288.0',
      '98112345.8',
      // Looks like a model example, but the check digit of 202310123456 is 6.
      'ZL202310123456.7',
    ]) {
      expect([raw, parsePatentNumber(raw)]).toEqual([raw, null]);
    }
  });

  it('failing-length: a digit too few or too many, or no check digit', () => {
    for (const raw of ['20221063572.1', '2022106357270.1', '202210635727.', '202210635727']) {
      expect([raw, parsePatentNumber(raw)]).toEqual([raw, null]);
    }
  });

  it('failing-characters: letters, other separators and other prefixes', () => {
    for (const raw of [
      '2022A0635727.1',
      '202210635727-1',
      '202210635727,1',
      'US202210635727.1',
      'ZLCN202210635727.1',
      '202210635727.1A',
      '',
      '   ',
    ]) {
      expect([raw, parsePatentNumber(raw)]).toEqual([raw, null]);
    }
  });

  it('failing-type-or-year: unknown type digits and years the format never had', () => {
    const withCheck = (digits: string) => `${digits}.${applicationCheckDigit(digits)}`;
    expect(parsePatentNumber(withCheck('202240123456'))).toBeNull();
    expect(parsePatentNumber(withCheck('202270123456'))).toBeNull();
    expect(parsePatentNumber(withCheck('199910123456'))).toBeNull();
    expect(parsePatentNumber(withCheck('299910123456'))).toBeNull();
    expect(parsePatentNumber(withCheck('50112345'))).toBeNull();
    expect(parsePatentNumber(withCheck('98412345'))).toBeNull();
  });
});

describe('parsePatentNumber: publication numbers', () => {
  it('successful-invention-application: A is published, not granted', () => {
    expect(parsePatentNumber('CN114911801A')).toEqual({
      form: 'PUBLICATION',
      normalised: 'CN114911801A',
      patentType: 'INVENTION',
      granted: false,
    });
  });

  it('successful-kinds: the kind code gives the type and whether it is a grant', () => {
    const cases: Array<[string, string, boolean]> = [
      ['CN114911801B', 'INVENTION', true],
      ['CN1234567C', 'INVENTION', true],
      ['CN219910140U', 'UTILITY_MODEL', true],
      ['CN2345678Y', 'UTILITY_MODEL', true],
      ['CN307654321S', 'DESIGN', true],
      ['CN3123456D', 'DESIGN', true],
    ];
    for (const [raw, patentType, granted] of cases) {
      expect(parsePatentNumber(raw)).toEqual({
        form: 'PUBLICATION',
        normalised: raw,
        patentType,
        granted,
      });
    }
  });

  it('successful-written-loosely: lower case, spaces and a kind-code digit', () => {
    expect(parsePatentNumber(' cn 114911801 a ')?.normalised).toBe('CN114911801A');
    expect(parsePatentNumber('CN114911801B1')?.normalised).toBe('CN114911801B1');
    expect(parsePatentNumber('CN12345678A')?.normalised).toBe('CN12345678A');
  });

  it('failing-publication: no prefix, no or unknown kind code, wrong length', () => {
    for (const raw of [
      '114911801A',
      'ZL114911801A',
      'CN114911801',
      'CN114911801E',
      'CN114911801AB',
      'CN114911801A12',
      'CN123456A',
      'CN1149118012A',
      'CN11491180lA',
    ]) {
      expect([raw, parsePatentNumber(raw)]).toEqual([raw, null]);
    }
  });
});
