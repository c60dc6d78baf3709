import { Exclusivity } from '../entities/deal-enums.js';

/** A rights-holding grant on a patent: what another deal's acceptance is checked against. */
export interface Grant {
  dealId: string;
  patentId: string;
  exclusivity: Exclusivity | null;
  territoryCodes: string[];
}

/** 410000 → 41, 410300 → 4103: a province or city code covers the codes that start with it. */
const prefixOf = (code: string): string => code.replace(/(00)+$/, '');

/** Empty territory means everywhere. Two territories overlap if either covers part of the other. */
export function territoriesOverlap(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((x) =>
    b.some((y) => {
      const [px, py] = [prefixOf(x), prefixOf(y)];
      return px.startsWith(py) || py.startsWith(px);
    }),
  );
}

const isExclusive = (e: Exclusivity | null): boolean =>
  e === Exclusivity.EXCLUSIVE || e === Exclusivity.SOLE;

/**
 * The grants a new grant on the same patents would collide with: where either side is exclusive
 * or sole (both keep every other licensee out) and the territories overlap. Time overlap is implied:
 * only deals holding rights now are passed in.
 */
export function conflictingGrants(
  mine: { exclusivity: Exclusivity; territoryCodes: string[] },
  others: Grant[],
): Grant[] {
  return others.filter(
    (other) =>
      (isExclusive(mine.exclusivity) || isExclusive(other.exclusivity)) &&
      territoriesOverlap(mine.territoryCodes, other.territoryCodes),
  );
}
