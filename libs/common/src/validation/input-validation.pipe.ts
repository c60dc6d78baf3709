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
