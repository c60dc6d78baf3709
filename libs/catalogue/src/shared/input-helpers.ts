import { invalidFields } from '@techmatch/common';
import { Transform } from 'class-transformer';

/** Trims text inputs, so that "  " counts as empty and stray spaces are not stored. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims each string of a list and drops duplicates, keeping the first occurrence's order. */
export const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? [...new Set(value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)))]
      : value,
  );

export const LIMITS = {
  title: 200,
  summary: 5000,
  confidentialDetail: 10000,
  keyword: 50,
  keywords: 20,
  fieldCodes: 5,
  yuan: 2_000_000_000,
} as const;

/** The given fields of a partial update; `undefined` means "leave as is". */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Refuses null for columns that must keep a value (null in an update would mean "clear it"). */
export function rejectNulls(changes: object, required: readonly string[]): void {
  const nulled = required.filter((key) => (changes as Record<string, unknown>)[key] === null);
  if (nulled.length === 0) return;
  throw invalidFields(
    nulled.map((key) => ({
      path: `input.${key}`,
      constraints: ['isDefined'],
      message: { zh: `input.${key} 不能为空`, en: `input.${key} may not be null` },
    })),
  );
}

/** The merged range must still be ordered: min ≤ max, when both are set. */
export function assertOrdered(min: number | null, max: number | null, path: string): void {
  if (min === null || max === null || min <= max) return;
  throw invalidFields([
    {
      path,
      constraints: ['notAbove'],
      message: {
        zh: `${path} 不能大于上限 ${max}`,
        en: `${path} must not exceed the upper bound ${max}`,
      },
    },
  ]);
}
