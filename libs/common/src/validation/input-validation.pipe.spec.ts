import { Type } from 'class-transformer';
import { IsEmail, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { BadUserInputError } from '../errors/app-error.js';
import { InputValidationPipe } from './input-validation.pipe.js';

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
});
