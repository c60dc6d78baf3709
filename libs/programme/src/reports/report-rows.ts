import { DealState } from '@techmatch/deals';
import type { DealSideFigures } from './dto/report.model.js';
import { DEAL_SIDE_FIGURES, FIGURES, type FigureKey } from './report-definitions.js';

/** A row as the report SQL returns it: figure columns by key, breakdowns as `key:value`. */
export type SqlRow = Record<string, unknown>;

/** One figure's value as GraphQL gives it: counts as numbers, fen as digits, rates or null. */
function figureValue(row: SqlRow | undefined, key: FigureKey): number | string | null {
  const value = row?.[key];
  switch (FIGURES[key].unit) {
    case 'COUNT':
      return Number(value ?? 0);
    case 'FEN':
      // NUMERIC sums travel as text: kept as written, every fen.
      return typeof value === 'string' ? value : '0';
    case 'RATE':
      return value === undefined || value === null ? null : Number(value);
  }
}

/**
 * The figures of a report row, mapped from SQL without arithmetic: a key the SQL returned no row
 * for (a division without any record) gets zeros and a null rate.
 */
export function figuresOf<T extends object>(row: SqlRow | undefined, keys: FigureKey[]): T {
  const figures: Record<string, unknown> = {};
  for (const key of keys) figures[key] = figureValue(row, key);
  if (keys.includes('dealsOpened'))
    figures.dealsByState = Object.values(DealState).map((state) => ({
      state,
      deals: Number(row?.[`dealsOpened:${state}`] ?? 0),
    }));
  return figures as T;
}

export const dealSideFigures = (row: SqlRow | undefined): DealSideFigures =>
  figuresOf<DealSideFigures>(row, DEAL_SIDE_FIGURES);
