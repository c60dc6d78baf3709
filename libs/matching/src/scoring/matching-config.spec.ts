import { ConfigValidationError } from '@techmatch/common';
import { MatchFactorKind } from '../entities/match-status.js';
import { DEFAULT_WEIGHTS, matchingConfig } from './matching-config.js';

const env = (MATCH_WEIGHTS?: string) => ({
  MATCH_TOP_K: 20,
  MATCH_NOTIFY_SCORE: 0.6,
  MATCH_WEIGHTS,
});

describe('matchingConfig', () => {
  it('successful-defaults-and-overrides: named factors change, the rest keep their defaults', () => {
    expect(matchingConfig(env()).weights).toEqual(DEFAULT_WEIGHTS);
    const tuned = matchingConfig(env('{"text":0.7,"geography":0}')).weights;
    expect(tuned[MatchFactorKind.TEXT]).toBe(0.7);
    expect(tuned[MatchFactorKind.GEOGRAPHY]).toBe(0);
    expect(tuned[MatchFactorKind.FIELD]).toBe(DEFAULT_WEIGHTS[MatchFactorKind.FIELD]);
  });

  it.each([
    ['an unknown factor', '{"colour":0.5}'],
    ['a weight above 1', '{"text":3}'],
    ['a string weight', '{"text":"high"}'],
    ['an array', '[0.5]'],
    ['every weight zero', '{"text":0,"field":0,"trl":0,"price":0,"mode":0,"geography":0}'],
  ])(
    'failing-weights: %s stops the service with a message naming MATCH_WEIGHTS',
    (_case, value) => {
      expect(() => matchingConfig(env(value))).toThrow(ConfigValidationError);
      expect(() => matchingConfig(env(value))).toThrow(/MATCH_WEIGHTS/);
    },
  );
});
