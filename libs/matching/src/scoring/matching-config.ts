import { ConfigValidationError, type Environment } from '@techmatch/common';
import { MatchFactorKind } from '../entities/match-status.js';

export type MatchingWeights = Record<MatchFactorKind, number>;

/**
 * Default weights, tuned on ../shared/data/csl_dev.jsonl with `npm run eval:matching` (see the
 * closing note of issue #5): text relevance leads; field fit reorders within what the text found;
 * the rest are tie-breakers a broker can read, not levers that override the text. Weights alone
 * barely move nDCG@10 there (FIELD 0.2 → 1: under 0.005): the text search finds only 16 to 19
 * candidates a need. What lifts it is `fieldPool`, the field's own results added as candidates.
 * FIELD stays at 0.2 so that a cross-field result with real text relevance (0.5) still ranks above
 * a same-field result the text did not find, and field-only results stay below MATCH_NOTIFY_SCORE.
 */
export const DEFAULT_WEIGHTS: MatchingWeights = {
  [MatchFactorKind.TEXT]: 0.55,
  [MatchFactorKind.FIELD]: 0.2,
  [MatchFactorKind.TRL]: 0.1,
  [MatchFactorKind.PRICE]: 0.05,
  [MatchFactorKind.MODE]: 0.05,
  [MatchFactorKind.GEOGRAPHY]: 0.05,
};

/** The shapes of the factor curves. */
export interface MatchingCurves {
  /** Lost per TRL level below the need's minimum. */
  trlPenaltyPerLevel: number;
  /** An asking price this far over budget (as a share of the budget) scores 0. */
  priceOverBudgetToZero: number;
  /** Field fit when one field contains the other (a category and one of its disciplines). */
  fieldContains: number;
  /** Field fit for two disciplines of one category. */
  fieldSameCategory: number;
  /** Share of the field weight a field inferred from the text gets (the need named none). */
  inferredFieldWeight: number;
  /** Field inferred only when this share of the top candidates' text score agrees on it. */
  inferredFieldMinShare: number;
  /** Candidates scored per need. */
  candidatePool: number;
  /** Needs re-scored when a result changes (the mirror search's depth). */
  mirrorPool: number;
  /**
   * Results of the need's field (named or inferred) added to the candidates, newest first, even
   * when the text search missed them: a broker wants a full list from the right field, not only
   * the handful of results that share the need's first word.
   */
  fieldPool: number;
}

export const DEFAULT_CURVES: MatchingCurves = {
  trlPenaltyPerLevel: 0.3,
  priceOverBudgetToZero: 1,
  fieldContains: 0.75,
  fieldSameCategory: 0.5,
  inferredFieldWeight: 0.5,
  inferredFieldMinShare: 0.3,
  candidatePool: 100,
  mirrorPool: 30,
  fieldPool: 30,
};

export interface MatchingConfig {
  topK: number;
  notifyScore: number;
  weights: MatchingWeights;
  curves: MatchingCurves;
}

export const MATCHING_CONFIG = Symbol('MATCHING_CONFIG');

/** Reads the matching settings; a malformed MATCH_WEIGHTS stops the service at start-up. */
export function matchingConfig(
  env: Pick<Environment, 'MATCH_TOP_K' | 'MATCH_NOTIFY_SCORE' | 'MATCH_WEIGHTS'>,
): MatchingConfig {
  const weights = { ...DEFAULT_WEIGHTS };
  if (env.MATCH_WEIGHTS) {
    const overrides = JSON.parse(env.MATCH_WEIGHTS) as unknown;
    if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides))
      throw new ConfigValidationError(['MATCH_WEIGHTS must be a JSON object such as {"text":0.6}']);
    for (const [name, weight] of Object.entries(overrides)) {
      const kind = name.toUpperCase() as MatchFactorKind;
      if (!(kind in weights) || typeof weight !== 'number' || !(weight >= 0 && weight <= 1))
        throw new ConfigValidationError([
          `MATCH_WEIGHTS: "${name}" must be one of ${Object.keys(weights).join(', ').toLowerCase()} with a weight from 0 to 1`,
        ]);
      weights[kind] = weight;
    }
    if (Object.values(weights).every((weight) => weight === 0))
      throw new ConfigValidationError(['MATCH_WEIGHTS: at least one weight must be above 0']);
  }
  return {
    topK: env.MATCH_TOP_K,
    notifyScore: env.MATCH_NOTIFY_SCORE,
    weights,
    curves: DEFAULT_CURVES,
  };
}
