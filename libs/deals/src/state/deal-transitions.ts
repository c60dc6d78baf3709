import { registerEnumType } from '@nestjs/graphql';
import { ConflictError, ForbiddenError } from '@techmatch/common';
import { DealKind, DealSide, DealState } from '../entities/deal-enums.js';

/** The moves `transitionDeal` takes. END_TRIAL and EXPIRE belong to the scheduler (SYSTEM). */
export enum DealAction {
  NEGOTIATE = 'NEGOTIATE',
  END_TRIAL = 'END_TRIAL',
  CONVERT = 'CONVERT',
  RETURN = 'RETURN',
  EXPIRE = 'EXPIRE',
  WITHDRAW = 'WITHDRAW',
}

registerEnumType(DealAction, {
  name: 'DealAction',
  description:
    'NEGOTIATE 开始谈判, END_TRIAL 试用期满(系统), CONVERT 转为付费许可, RETURN 退还专利, EXPIRE 逾期未决(系统), WITHDRAW 撤回',
});

/**
 * Moves that only agreeing on terms makes (`acceptOffer`), never `transitionDeal`: a trial or a
 * licence starts because both parties accepted the same offer, not because someone pressed a button.
 */
export type AgreementStep = 'START_TRIAL' | 'GRANT_LICENCE';
export type DealStep = DealAction | AgreementStep;

export interface TransitionRule {
  from: DealState[];
  to: DealState;
  /** Who may make the move. */
  by: DealSide[];
  /** Only deals of these kinds (all when absent). */
  kinds?: DealKind[];
}

/** States in which the deal is still going somewhere: WITHDRAW is possible from each of them. */
export const OPEN_STATES = [
  DealState.PROPOSED,
  DealState.NEGOTIATING,
  DealState.TRIAL_ACTIVE,
  DealState.CONVERSION_DUE,
];

/** States in which the enterprise holds rights to the deal's patents (exclusivity is checked against these). */
export const RIGHTS_HOLDING_STATES = [
  DealState.TRIAL_ACTIVE,
  DealState.CONVERSION_DUE,
  DealState.CONVERTED,
  DealState.LICENSED,
];

const PARTIES = [DealSide.BROKER, DealSide.ENTERPRISE, DealSide.INSTITUTION];
const NON_TRIAL_KINDS = Object.values(DealKind).filter((k) => k !== DealKind.TRIAL_FIRST_LICENSE);

/**
 * The whole lifecycle, reviewable in one place. Converting or returning is the enterprise's
 * decision (the broker may record it for them); the institution takes part in negotiating and may
 * walk away while the deal is open.
 */
export const DEAL_TRANSITIONS: Record<DealStep, TransitionRule> = {
  [DealAction.NEGOTIATE]: { from: [DealState.PROPOSED], to: DealState.NEGOTIATING, by: PARTIES },
  START_TRIAL: {
    from: [DealState.NEGOTIATING],
    to: DealState.TRIAL_ACTIVE,
    by: [DealSide.ENTERPRISE, DealSide.INSTITUTION],
    kinds: [DealKind.TRIAL_FIRST_LICENSE],
  },
  GRANT_LICENCE: {
    from: [DealState.NEGOTIATING],
    to: DealState.LICENSED,
    by: [DealSide.ENTERPRISE, DealSide.INSTITUTION],
    kinds: NON_TRIAL_KINDS,
  },
  [DealAction.END_TRIAL]: {
    from: [DealState.TRIAL_ACTIVE],
    to: DealState.CONVERSION_DUE,
    by: [DealSide.SYSTEM],
  },
  [DealAction.CONVERT]: {
    from: [DealState.CONVERSION_DUE],
    to: DealState.CONVERTED,
    by: [DealSide.ENTERPRISE, DealSide.BROKER],
  },
  [DealAction.RETURN]: {
    from: [DealState.CONVERSION_DUE],
    to: DealState.RETURNED,
    by: [DealSide.ENTERPRISE, DealSide.BROKER],
  },
  [DealAction.EXPIRE]: {
    from: [DealState.CONVERSION_DUE],
    to: DealState.EXPIRED,
    by: [DealSide.SYSTEM],
  },
  [DealAction.WITHDRAW]: { from: OPEN_STATES, to: DealState.WITHDRAWN, by: PARTIES },
};

const applies = (rule: TransitionRule, state: DealState, kind: DealKind): boolean =>
  rule.from.includes(state) && (!rule.kinds || rule.kinds.includes(kind));

/** The steps possible from a state for a deal of a kind, whoever makes them. */
export function allowedSteps(state: DealState, kind: DealKind): DealStep[] {
  return (Object.keys(DEAL_TRANSITIONS) as DealStep[]).filter((step) =>
    applies(DEAL_TRANSITIONS[step], state, kind),
  );
}

/**
 * The state a step leads to, or why not. An illegal move is CONFLICT (the deal is not in a state
 * that allows it: the caller's picture of the deal is out of date, as with a stale version), with
 * the current state, the steps it allows and the states they lead to, in `extensions`. A legal
 * move by the wrong side is FORBIDDEN, naming who may make it.
 */
export function nextDealState(
  state: DealState,
  kind: DealKind,
  step: DealStep,
  side: DealSide,
): DealState {
  const rule = DEAL_TRANSITIONS[step];
  if (!applies(rule, state, kind)) {
    const steps = allowedSteps(state, kind);
    const states = [...new Set(steps.map((s) => DEAL_TRANSITIONS[s].to))];
    throw new ConflictError(
      {
        zh: `交易当前状态为 ${state}，不能执行 ${step}；可执行：${steps.join('、') || '无'}（可进入：${states.join('、') || '无'}）`,
        en: `The deal is ${state}; ${step} is not possible. Allowed: ${steps.join(', ') || 'none'} (leading to ${states.join(', ') || 'nothing'})`,
      },
      { state, allowedActions: steps, allowedStates: states },
    );
  }
  if (!rule.by.includes(side)) {
    throw new ForbiddenError(
      {
        zh: `${step} 只能由 ${rule.by.join('、')} 执行`,
        en: `${step} may only be made by ${rule.by.join(', ')}`,
      },
      { state, allowedSides: rule.by },
    );
  }
  return rule.to;
}
