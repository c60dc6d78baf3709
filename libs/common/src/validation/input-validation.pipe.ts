import {
  type ArgumentMetadata,
  Injectable,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from '../errors/app-error.js';
import { localizeConstraint } from './constraint-messages.js';

/** Carries class-validator's errors out of ValidationPipe to where the argument name is known. */
class ValidationFailure extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}

/** Flattens class-validator's nested errors into one problem per offending leaf field. */
export function toFieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldProblem[] = [];
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0) {
      const localized = constraints.map(([name, text]) => localizeConstraint(path, name, text));
      own.push({
        path,
        constraints: constraints.map(([name]) => name),
        message: {
          zh: localized.map((m) => m.zh).join('；'),
          en: localized.map((m) => m.en).join('; '),
        },
      });
    }
    return [...own, ...toFieldProblems(error.children ?? [], path)];
  });
}

/** One BAD_USER_INPUT error whose message names every offending field. */
export function invalidFields(fields: FieldProblem[]): BadUserInputError {
  const names = fields.map((field) => field.path).join(', ');
  return new BadUserInputError({ zh: `输入无效：${names}`, en: `Invalid input: ${names}` }, fields);
}

/** Why a string cannot be stored as sent. */
export type UnstorableText = 'noNulCharacter' | 'wellFormedUnicode';

// In a `u` regular expression a surrogate pair is one code point: this matches only unpaired ones.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The strings in an argument that PostgreSQL cannot store as sent, by path: U+0000, which its text
 * types refuse (the statement fails: a 500), and unpaired UTF-16 surrogates, which have no UTF-8
 * form (the driver would store U+FFFD instead, silently; validator's isEmail throws on them). No
 * form field needs either, so they are refused for every field here rather than by each input
 * class. List items are named by index, as class-validator names them.
 */
export function unstorableTextPaths(
  value: unknown,
  path: string,
  into: Array<{ path: string; reason: UnstorableText }> = [],
): Array<{ path: string; reason: UnstorableText }> {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) into.push({ path, reason: 'noNulCharacter' });
    else if (UNPAIRED_SURROGATE.test(value)) into.push({ path, reason: 'wellFormedUnicode' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableTextPaths(item, `${path}.${i}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      unstorableTextPaths(item, path ? `${path}.${key}` : key, into);
  }
  return into;
}

const UNSTORABLE_MESSAGES: Record<UnstorableText, (path: string) => { zh: string; en: string }> = {
  noNulCharacter: (path) => ({
    zh: `${path} 不能包含空字符 (U+0000)`,
    en: `${path} must not contain the NUL character (U+0000)`,
  }),
  wellFormedUnicode: (path) => ({
    zh: `${path} 含有无效的 Unicode 字符（未配对的代理项）`,
    en: `${path} is not valid Unicode (an unpaired surrogate)`,
  }),
};

/**
 * The one validation pipe of the API: runs class-validator on every argument object, strips nothing
 * silently (unknown fields are an error), and reports failures as BAD_USER_INPUT with the offending
 * fields listed under their full argument path.
 */
@Injectable()
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailure(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata)) {
      const unstorable = unstorableTextPaths(value, metadata.data ?? '');
      if (unstorable.length > 0)
        throw invalidFields(
          unstorable.map(({ path, reason }) => ({
            path,
            constraints: [reason],
            message: UNSTORABLE_MESSAGES[reason](path),
          })),
        );
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      // Name fields from the GraphQL argument down (`input.email`), as the client wrote them.
      if (error instanceof ValidationFailure) {
        throw invalidFields(toFieldProblems(error.errors, metadata.data ?? ''));
      }
      throw error;
    }
  }
}
