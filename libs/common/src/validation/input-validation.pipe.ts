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

/**
 * Paths of the strings in an argument that hold U+0000. PostgreSQL's text types cannot store it
 * (the statement fails: a 500), and no form field needs it, so it is refused for every field here
 * rather than by each input class. List items are named by index, as class-validator names them.
 */
export function nulCharacterPaths(value: unknown, path: string, into: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) into.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulCharacterPaths(item, `${path}.${i}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      nulCharacterPaths(item, path ? `${path}.${key}` : key, into);
  }
  return into;
}

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
      const nul = nulCharacterPaths(value, metadata.data ?? '');
      if (nul.length > 0)
        throw invalidFields(
          nul.map((path) => ({
            path,
            constraints: ['noNulCharacter'],
            message: {
              zh: `${path} 不能包含空字符 (U+0000)`,
              en: `${path} must not contain the NUL character (U+0000)`,
            },
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
