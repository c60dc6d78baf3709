import { Type } from 'class-transformer';
import { IsEmail, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { BadUserInputError } from '../errors/app-error.js';
import { InputValidationPipe, unstorableTextPaths } from './input-validation.pipe.js';

class Range {
  @IsInt()
  @Min(1)
  @Max(9)
  min!: number;
}

class Sample {
  @IsEmail()
  email!: string;

  @ValidateNested()
  @Type(() => Range)
  trl!: Range;
}

describe('InputValidationPipe', () => {
  const pipe = new InputValidationPipe();
  const metadata = { type: 'body' as const, metatype: Sample, data: 'input' };

  it('successful-valid: returns an instance of the input class', async () => {
    const value = await pipe.transform({ email: 'a@b.cn', trl: { min: 3 } }, metadata);
    expect(value).toBeInstanceOf(Sample);
  });

  it('failing-nested: names every offending leaf under the argument, in both languages', async () => {
    const error = (await pipe
      .transform({ email: 'nope', trl: { min: 12 } }, metadata)
      .catch((caught: unknown) => caught)) as BadUserInputError;
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.fields.map((field) => [field.path, field.constraints])).toEqual([
      ['input.email', ['isEmail']],
      ['input.trl.min', ['max']],
    ]);
    expect(error.fields[1]?.message.zh).toBe('input.trl.min 数值过大');
    expect(error.message).toContain('input.email, input.trl.min');
  });

  it('failing-unknown-property: an extra field is an error, not silently dropped', async () => {
    const error = (await pipe
      .transform({ email: 'a@b.cn', trl: { min: 3 }, role: 'ADMIN' }, metadata)
      .catch((caught: unknown) => caught)) as BadUserInputError;
    expect(error.fields).toEqual([
      expect.objectContaining({ path: 'input.role', constraints: ['whitelistValidation'] }),
    ]);
  });

  it('failing-nul-character: U+0000 anywhere (PostgreSQL cannot store it) names each field', async () => {
    const error = (await pipe
      .transform({ email: 'a\u0000@b.cn', trl: { min: 3 }, tags: ['ok', 'x\u0000'] }, metadata)
      .catch((caught: unknown) => caught)) as BadUserInputError;
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.fields.map((field) => [field.path, field.constraints])).toEqual([
      ['input.email', ['noNulCharacter']],
      ['input.tags.1', ['noNulCharacter']],
    ]);
    expect(error.fields[0]?.message.en).toBe(
      'input.email must not contain the NUL character (U+0000)',
    );
  });

  it('failing-unpaired-surrogate: text that is not valid Unicode is refused before any validator sees it', async () => {
    // validator's isEmail throws URIError on it (fast-check found the 500).
    const error = (await pipe
      .transform({ email: 'x\udc00y@b.cn', trl: { min: 3 }, tags: ['\ud800'] }, metadata)
      .catch((caught: unknown) => caught)) as BadUserInputError;
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error.fields.map((field) => [field.path, field.constraints])).toEqual([
      ['input.email', ['wellFormedUnicode']],
      ['input.tags.0', ['wellFormedUnicode']],
    ]);
    expect(error.fields[0]?.message.en).toBe(
      'input.email is not valid Unicode (an unpaired surrogate)',
    );
  });

  it('successful-other-text: tabs, bells, emoji (surrogate pairs) and CJK pass; only NUL and unpaired surrogates are found', () => {
    const fine = { a: 'tab\there', b: ['\u0007', '😀机器人', '\ud83d\ude00'] };
    expect(unstorableTextPaths(fine, 'input')).toEqual([]);
    expect(unstorableTextPaths({ a: { b: ['', 'x\u0000', 'y\ud83d'] } }, 'input')).toEqual([
      { path: 'input.a.b.1', reason: 'noNulCharacter' },
      { path: 'input.a.b.2', reason: 'wellFormedUnicode' },
    ]);
  });
});
