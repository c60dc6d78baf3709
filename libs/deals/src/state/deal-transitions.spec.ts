import { AppError, ErrorCode } from '@techmatch/common';
import { DealKind, DealSide, DealState } from '../entities/deal-enums.js';
import { allowedSteps, type DealStep, DealAction, nextDealState } from './deal-transitions.js';

const S = DealState;
const { BROKER, ENTERPRISE, INSTITUTION, SYSTEM } = DealSide;

/**
 * The expected lifecycle, written out independently of DEAL_TRANSITIONS: for each step, the state
 * it leads to from each state it is legal in, and who may make it. Everything not listed is illegal.
 */
const EXPECTED: Record<
  DealStep,
  { from: DealState[]; to: DealState; by: DealSide[]; trialOnly?: boolean; nonTrialOnly?: boolean }
> = {
  NEGOTIATE: { from: [S.PROPOSED], to: S.NEGOTIATING, by: [BROKER, ENTERPRISE, INSTITUTION] },
  START_TRIAL: {
    from: [S.NEGOTIATING],
    to: S.TRIAL_ACTIVE,
    by: [ENTERPRISE, INSTITUTION],
    trialOnly: true,
  },
  GRANT_LICENCE: {
    from: [S.NEGOTIATING],
    to: S.LICENSED,
    by: [ENTERPRISE, INSTITUTION],
    nonTrialOnly: true,
  },
  END_TRIAL: { from: [S.TRIAL_ACTIVE], to: S.CONVERSION_DUE, by: [SYSTEM] },
  CONVERT: { from: [S.CONVERSION_DUE], to: S.CONVERTED, by: [ENTERPRISE, BROKER] },
  RETURN: { from: [S.CONVERSION_DUE], to: S.RETURNED, by: [ENTERPRISE, BROKER] },
  EXPIRE: { from: [S.CONVERSION_DUE], to: S.EXPIRED, by: [SYSTEM] },
  WITHDRAW: {
    from: [S.PROPOSED, S.NEGOTIATING, S.TRIAL_ACTIVE, S.CONVERSION_DUE],
    to: S.WITHDRAWN,
    by: [BROKER, ENTERPRISE, INSTITUTION],
  },
};

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

const cases = Object.values(DealKind).flatMap((kind) =>
  Object.values(DealState).flatMap((state) =>
    (Object.keys(EXPECTED) as DealStep[]).flatMap((step) =>
      Object.values(DealSide).map((side) => ({ kind, state, step, side })),
    ),
  ),
);

describe('deal transitions', () => {
  it(`covers every kind × state × step × side (${cases.length} cases)`, () => {
    expect(cases.length).toBe(4 * 9 * 8 * 4);
  });

  it.each(cases)('$kind $state --$step by $side', ({ kind, state, step, side }) => {
    const rule = EXPECTED[step];
    const trial = kind === DealKind.TRIAL_FIRST_LICENSE;
    const legal =
      rule.from.includes(state) && !(rule.trialOnly && !trial) && !(rule.nonTrialOnly && trial);
    if (legal && rule.by.includes(side)) {
      expect(nextDealState(state, kind, step, side)).toBe(rule.to);
    } else if (legal) {
      const error = errorOf(() => nextDealState(state, kind, step, side));
      expect(error.code).toBe(ErrorCode.FORBIDDEN);
      expect(error.details).toMatchObject({ state, allowedSides: rule.by });
    } else {
      const error = errorOf(() => nextDealState(state, kind, step, side));
      expect(error.code).toBe(ErrorCode.CONFLICT);
      expect(error.details).toEqual({
        state,
        allowedActions: allowedSteps(state, kind),
        allowedStates: [...new Set(allowedSteps(state, kind).map((s) => EXPECTED[s].to))],
      });
      expect(error.message).toContain(state);
    }
  });

  it('failing-terminal-states: nothing leaves a final state', () => {
    for (const state of [S.CONVERTED, S.RETURNED, S.EXPIRED, S.LICENSED, S.WITHDRAWN])
      for (const kind of Object.values(DealKind)) expect(allowedSteps(state, kind)).toEqual([]);
  });

  it('failing-illegal-message: names the current state and the allowed next steps and states', () => {
    const error = errorOf(() =>
      nextDealState(S.CONVERSION_DUE, DealKind.TRIAL_FIRST_LICENSE, DealAction.NEGOTIATE, BROKER),
    );
    expect(error.message).toContain('CONVERSION_DUE');
    expect(error.message).toContain('CONVERT, RETURN, EXPIRE, WITHDRAW');
    expect(error.message).toContain('CONVERTED, RETURNED, EXPIRED, WITHDRAWN');
  });
});
