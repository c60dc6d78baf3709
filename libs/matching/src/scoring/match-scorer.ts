import type { TransferMode } from '@techmatch/catalogue';
import type { MatchFactor } from '../entities/match.entity.js';
import {
  type DivisionRef,
  type FactorValue,
  type FieldRef,
  fieldFactor,
  geographyFactor,
  isProgrammeEligible,
  modeFactor,
  priceFactor,
  textFactor,
  trlFactor,
} from './factors.js';
import type { MatchingConfig } from './matching-config.js';

/** Everything the score of one pair depends on, already looked up. */
export interface PairFacts {
  textScore: number;
  matchedTerms: string[];
  /** The need's own fields; when it names none, `inferredFields` stand in at reduced weight. */
  needFields: FieldRef[];
  inferredFields: FieldRef[];
  resultFields: FieldRef[];
  minTrl: number | null;
  trl: number;
  budgetMaxYuan: number | null;
  priceMinYuan: number | null;
  wantedModes: TransferMode[];
  offeredModes: TransferMode[];
  institutionDivision: DivisionRef;
  enterpriseDivision: DivisionRef;
}

export interface ScoredPair {
  score: number;
  factors: MatchFactor[];
  matchedTerms: string[];
  programmeEligible: boolean;
}

/**
 * One weighted score in [0, 1]: the weighted mean of the factors that apply to the pair. A factor
 * that cannot be judged (the need gives no budget, say) is left out rather than guessed, so it
 * neither helps nor hurts; each factor reports its value, weight and share of the score.
 */
export function scorePair(facts: PairFacts, config: MatchingConfig): ScoredPair {
  const { weights, curves } = config;
  const weighted: Array<{ factor: FactorValue; weight: number }> = [
    { factor: textFactor(facts.textScore, facts.matchedTerms), weight: weights.TEXT },
  ];
  const add = (factor: FactorValue | null, weight: number): void => {
    if (factor && weight > 0) weighted.push({ factor, weight });
  };
  if (facts.needFields.length > 0) {
    add(fieldFactor(facts.needFields, facts.resultFields, curves), weights.FIELD);
  } else if (facts.inferredFields.length > 0) {
    add(
      fieldFactor(facts.inferredFields, facts.resultFields, curves, true),
      weights.FIELD * curves.inferredFieldWeight,
    );
  }
  add(trlFactor(facts.minTrl, facts.trl, curves), weights.TRL);
  add(priceFactor(facts.budgetMaxYuan, facts.priceMinYuan, curves), weights.PRICE);
  add(modeFactor(facts.wantedModes, facts.offeredModes), weights.MODE);
  add(geographyFactor(facts.institutionDivision, facts.enterpriseDivision), weights.GEOGRAPHY);

  const total = weighted.reduce((sum, { weight }) => sum + weight, 0);
  const factors = weighted.map(({ factor, weight }) => ({
    ...factor,
    weight,
    contribution: total > 0 ? (weight * factor.value) / total : 0,
  }));
  const score = Math.min(
    1,
    Math.max(
      0,
      factors.reduce((sum, f) => sum + f.contribution, 0),
    ),
  );
  return {
    score,
    factors,
    matchedTerms: facts.matchedTerms,
    programmeEligible: isProgrammeEligible(facts.institutionDivision, facts.enterpriseDivision),
  };
}

/**
 * The field a need's text points to, when the need names none: the field with the largest share of
 * text score among the best candidates, if that share is large enough to trust.
 */
export function inferFieldCodes(
  candidates: Array<{ score: number; fieldCodes: string[] }>,
  minShare: number,
  depth = 10,
): string[] {
  const top = candidates.slice(0, depth);
  const total = top.reduce((sum, candidate) => sum + candidate.score, 0);
  if (total <= 0) return [];
  const votes = new Map<string, number>();
  for (const candidate of top) {
    for (const code of new Set(candidate.fieldCodes)) {
      votes.set(code, (votes.get(code) ?? 0) + candidate.score);
    }
  }
  const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return best && best[1] / total >= minShare ? [best[0]] : [];
}
