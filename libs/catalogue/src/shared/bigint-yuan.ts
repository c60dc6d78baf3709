import type { ValueTransformer } from 'typeorm';

/**
 * Money in whole yuan is stored as bigint (node-postgres returns it as a string) and handled as a
 * JavaScript number: safe up to 9e15 yuan, far beyond any licence fee.
 */
export const bigintYuan: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
