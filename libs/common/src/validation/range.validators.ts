import { type ValidationArguments, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The lower bound of a range must not exceed its upper bound (`priceMinYuan` ≤ `priceMaxYuan`).
 * Put it on the lower bound; an absent bound on either side passes.
 */
export function NotAbove(upperProperty: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notAbove',
      constraints: [upperProperty],
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const upper = (args.object as Record<string, unknown>)[upperProperty];
          return typeof value !== 'number' || typeof upper !== 'number' || value <= upper;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? ''} 不能大于 ${upperProperty}|${args?.property ?? ''} must not be greater than ${upperProperty}`,
      },
    },
    options,
  );
}

/** A calendar date (YYYY-MM-DD) after today, in China's time zone, where the service's users are. */
export function IsFutureDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFutureDate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          // A real calendar day: 2026-02-30 does not survive a round trip through Date.
          const noon = new Date(`${value}T12:00:00Z`);
          if (Number.isNaN(noon.getTime()) || !noon.toISOString().startsWith(value)) return false;
          const todayInChina = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
          return value > todayInChina;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? ''} 必须是今天之后的日期（YYYY-MM-DD）|${args?.property ?? ''} must be a date after today (YYYY-MM-DD)`,
      },
    },
    options,
  );
}
