import { type ValidationArguments, ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../business-dates.js';

/** A real calendar day, YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? ''} 必须是有效日期（YYYY-MM-DD）|${args?.property ?? ''} must be a calendar date (YYYY-MM-DD)`,
      },
    },
    options,
  );
}
