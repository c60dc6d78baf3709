import { BadUserInputError, InputValidationPipe, splitLocalized } from '@techmatch/common';
import { validateSync, type ValidationError } from 'class-validator';
import { IS_PATENT_NUMBER, IS_USCC, IsPatentNumber, IsUscc } from './catalogue-validators.js';

class EnterpriseSample {
  @IsUscc()
  unifiedSocialCreditCode!: unknown;

  @IsPatentNumber()
  patentNumber!: unknown;

  @IsPatentNumber({ each: true })
  patentNumbers!: unknown;
}

const VALID = {
  unifiedSocialCreditCode: '91440300708461136T',
  patentNumber: 'ZL 2018 1 1564288.X',
  patentNumbers: ['CN114911801A', '202210635727.1'],
};

function errorsFor(values: Partial<Record<keyof EnterpriseSample, unknown>>): ValidationError[] {
  return validateSync(Object.assign(new EnterpriseSample(), VALID, values));
}

function messageOf(errors: ValidationError[], property: string, constraint: string): string {
  const message = errors.find((error) => error.property === property)?.constraints?.[constraint];
  if (message === undefined) throw new Error(`no ${constraint} error on ${property}`);
  return message;
}

describe('catalogue validators', () => {
  it('successful-valid: accepts a real credit code and patent numbers in their usual forms', () => {
    expect(errorsFor({})).toEqual([]);
  });

  it('failing-uscc: a bad check character gets one bilingual message', () => {
    const errors = errorsFor({ unifiedSocialCreditCode: '91440300708461136U' });
    expect(errors.map((error) => error.property)).toEqual(['unifiedSocialCreditCode']);
    const text = splitLocalized(messageOf(errors, 'unifiedSocialCreditCode', IS_USCC));
    expect(text?.zh).toBe(
      '统一社会信用代码无效（18位数字或大写字母，末位校验码须符合 GB 32100-2015）',
    );
    expect(text?.en).toBe(
      'unifiedSocialCreditCode must be an 18-character unified social credit code (digits and ' +
        'capital letters) with a valid GB 32100-2015 check character',
    );
  });

  it('failing-uscc-not-normalised: lower case and non-strings are refused', () => {
    for (const value of ['91440300708461136t', ' 91440300708461136T', 91440300, null]) {
      const errors = errorsFor({ unifiedSocialCreditCode: value });
      expect(errors[0]?.constraints).toHaveProperty(IS_USCC);
    }
  });

  it('failing-patent-number: the message names both forms, the Chinese half has no field name', () => {
    const errors = errorsFor({ patentNumber: 'ZL202210635727.2' });
    const text = splitLocalized(messageOf(errors, 'patentNumber', IS_PATENT_NUMBER));
    expect(text?.zh).toMatch(/^专利号无效（/);
    expect(text?.zh).not.toMatch(/patentNumber|\$property|\|/);
    expect(text?.en).toMatch(/^patentNumber must be a Chinese patent application/);
    expect(text?.en).toContain('CN114911801A');
  });

  it('failing-each: one bad entry in a list is reported for the list, in both languages', () => {
    const errors = errorsFor({ patentNumbers: ['CN114911801A', 'CN114911801E'] });
    const text = splitLocalized(messageOf(errors, 'patentNumbers', IS_PATENT_NUMBER));
    expect(text?.zh).toMatch(/^列表中有无效的专利号/);
    expect(text?.en).toMatch(/^each value in patentNumbers must be a Chinese patent/);
  });

  it('failing-through-pipe: a client sees the field path and the Chinese and English text', async () => {
    const pipe = new InputValidationPipe();
    const metadata = { type: 'body' as const, metatype: EnterpriseSample, data: 'input' };
    const error = (await pipe
      .transform({ ...VALID, unifiedSocialCreditCode: '914403001922038217' }, metadata)
      .catch((caught: unknown) => caught)) as BadUserInputError;
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.fields).toEqual([
      {
        path: 'input.unifiedSocialCreditCode',
        constraints: [IS_USCC],
        message: {
          zh: expect.stringMatching(/^统一社会信用代码无效/),
          en: expect.stringMatching(/^unifiedSocialCreditCode must be an 18-character/),
        },
      },
    ]);
  });
});
