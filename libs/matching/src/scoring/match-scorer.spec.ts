import fc from 'fast-check';
import { DivisionKind, TransferMode } from '@techmatch/catalogue';
import { MatchFactorKind } from '../entities/match-status.js';
import type { DivisionRef, FieldRef } from './factors.js';
import { DEFAULT_CURVES, DEFAULT_WEIGHTS, type MatchingConfig } from './matching-config.js';
import { inferFieldCodes, type PairFacts, scorePair } from './match-scorer.js';

const config: MatchingConfig = {
  topK: 20,
  notifyScore: 0.6,
  weights: DEFAULT_WEIGHTS,
  curves: DEFAULT_CURVES,
};

const field = (code: string, parentCode: string | null): FieldRef => ({
  code,
  parentCode,
  nameZh: code,
  nameEn: code,
});
const LUOLONG: DivisionRef = {
  code: '410311',
  kind: DivisionKind.DISTRICT,
  nameZh: '洛龙区',
  nameEn: 'Luolong',
};
const XIN_AN: DivisionRef = {
  code: '410323',
  kind: DivisionKind.COUNTY,
  nameZh: '新安县',
  nameEn: 'Xin’an',
};

const facts = (overrides: Partial<PairFacts> = {}): PairFacts => ({
  textScore: 0.8,
  matchedTerms: ['合金'],
  needFields: [field('0805', '08')],
  inferredFields: [],
  resultFields: [field('0805', '08')],
  minTrl: 5,
  trl: 6,
  budgetMaxYuan: 500_000,
  priceMinYuan: 300_000,
  wantedModes: [TransferMode.LICENSE],
  offeredModes: [TransferMode.LICENSE],
  institutionDivision: LUOLONG,
  enterpriseDivision: XIN_AN,
  ...overrides,
});

const valueOf = (pair: ReturnType<typeof scorePair>, kind: MatchFactorKind) =>
  pair.factors.find((factor) => factor.kind === kind)?.value;

describe('scorePair', () => {
  it('successful-perfect-pair: every factor at 1 scores the text score’s share plus the rest', () => {
    const pair = scorePair(facts({ textScore: 1 }), config);
    expect(pair.score).toBeCloseTo(1, 10);
    expect(pair.programmeEligible).toBe(true);
  });

  it('successful-field-tree: same discipline 1, one inside the other, siblings, apart', () => {
    const fit = (result: FieldRef) =>
      valueOf(scorePair(facts({ resultFields: [result] }), config), MatchFactorKind.FIELD);
    expect(fit(field('0805', '08'))).toBe(1);
    expect(fit(field('08', null))).toBe(DEFAULT_CURVES.fieldContains);
    expect(fit(field('0802', '08'))).toBe(DEFAULT_CURVES.fieldSameCategory);
    expect(fit(field('1001', '10'))).toBe(0);
  });

  it('successful-trl-below-minimum: loses a fixed share per missing level', () => {
    const pair = scorePair(facts({ minTrl: 7, trl: 4 }), config);
    expect(valueOf(pair, MatchFactorKind.TRL)).toBeCloseTo(
      1 - 3 * DEFAULT_CURVES.trlPenaltyPerLevel,
    );
  });

  it('successful-trial-first-is-a-licence: a licence need is served by a trial-first offer', () => {
    const serves = scorePair(
      facts({
        wantedModes: [TransferMode.LICENSE],
        offeredModes: [TransferMode.TRIAL_FIRST_LICENSE],
      }),
      config,
    );
    expect(valueOf(serves, MatchFactorKind.MODE)).toBe(1);
    const half = scorePair(
      facts({
        wantedModes: [TransferMode.TRIAL_FIRST_LICENSE],
        offeredModes: [TransferMode.LICENSE],
      }),
      config,
    );
    expect(valueOf(half, MatchFactorKind.MODE)).toBe(0.5);
  });

  it('successful-unknowns-left-out: no budget, no TRL floor, no modes: those factors do not count', () => {
    const pair = scorePair(facts({ budgetMaxYuan: null, minTrl: null, wantedModes: [] }), config);
    expect(pair.factors.map((factor) => factor.kind).sort()).toEqual(
      [MatchFactorKind.FIELD, MatchFactorKind.GEOGRAPHY, MatchFactorKind.TEXT].sort(),
    );
  });

  it('successful-city-to-city-not-eligible: a district enterprise gets no programme bonus', () => {
    const pair = scorePair(facts({ enterpriseDivision: LUOLONG }), config);
    expect(pair.programmeEligible).toBe(false);
    expect(valueOf(pair, MatchFactorKind.GEOGRAPHY)).toBe(0);
  });

  const anyFacts = fc.record({
    textScore: fc.double({ min: 0, max: 1, noNaN: true }),
    minTrl: fc.option(fc.integer({ min: 1, max: 9 }), { nil: null }),
    trl: fc.integer({ min: 1, max: 9 }),
    budgetMaxYuan: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
    priceMinYuan: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
    wantedModes: fc.subarray(Object.values(TransferMode)),
    offeredModes: fc.subarray(Object.values(TransferMode)),
    county: fc.boolean(),
  });

  it('successful-property-bounds: any pair scores in [0, 1], and contributions add up to the score', () => {
    fc.assert(
      fc.property(anyFacts, ({ county, ...rest }) => {
        const pair = scorePair(
          facts({ ...rest, enterpriseDivision: county ? XIN_AN : LUOLONG }),
          config,
        );
        const sum = pair.factors.reduce((total, factor) => total + factor.contribution, 0);
        return pair.score >= 0 && pair.score <= 1 && Math.abs(sum - pair.score) < 1e-9;
      }),
      { seed: 20261127, numRuns: 2_000 },
    );
  });

  it('successful-property-text-monotonic: more text relevance never lowers the score', () => {
    fc.assert(
      fc.property(
        anyFacts,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ county, ...rest }, other) => {
          const low = Math.min(rest.textScore, other);
          const high = Math.max(rest.textScore, other);
          const base = { ...rest, enterpriseDivision: county ? XIN_AN : LUOLONG };
          return (
            scorePair(facts({ ...base, textScore: high }), config).score >=
            scorePair(facts({ ...base, textScore: low }), config).score - 1e-12
          );
        },
      ),
      { seed: 20261127, numRuns: 1_000 },
    );
  });
});

describe('inferFieldCodes', () => {
  it('successful-majority: the field holding most of the top candidates’ text score', () => {
    expect(
      inferFieldCodes(
        [
          { score: 0.9, fieldCodes: ['0805'] },
          { score: 0.8, fieldCodes: ['0805'] },
          { score: 0.7, fieldCodes: ['0802'] },
        ],
        0.3,
      ),
    ).toEqual(['0805']);
  });

  it('failing-scattered: no field is inferred when none holds enough of the score', () => {
    const scattered = ['01', '02', '03', '04', '05'].map((code) => ({
      score: 0.5,
      fieldCodes: [code],
    }));
    expect(inferFieldCodes(scattered, 0.3)).toEqual([]);
    expect(inferFieldCodes([], 0.3)).toEqual([]);
  });
});
