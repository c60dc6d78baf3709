import { ConflictError, type LocalizedMessage } from '@techmatch/common';

export type Transitions<S extends string, A extends string> = Record<A, { from: S[]; to: S }>;

/**
 * The state a lifecycle action leads to, or CONFLICT naming the current state and the actions it
 * allows. Status changes are small state machines; keeping them as tables makes them reviewable.
 */
export function nextStatus<S extends string, A extends string>(
  transitions: Transitions<S, A>,
  what: LocalizedMessage,
  current: S,
  action: A,
): S {
  const rule = transitions[action];
  if (rule.from.includes(current)) return rule.to;
  const allowed = (Object.keys(transitions) as A[]).filter((name) =>
    transitions[name].from.includes(current),
  );
  throw new ConflictError(
    {
      zh: `${what.zh}当前状态为 ${current}，不能执行 ${action}；可执行：${allowed.join('、') || '无'}`,
      en: `The ${what.en} is ${current}; ${action} is not possible. Allowed: ${allowed.join(', ') || 'none'}`,
    },
    { status: current, allowedActions: allowed },
  );
}

export function staleVersion(
  what: LocalizedMessage,
  current: number,
  given: number,
): ConflictError {
  return new ConflictError(
    {
      zh: `${what.zh}已被他人修改（当前版本 ${current}，提交的版本 ${given}），请刷新后重试`,
      en: `The ${what.en} was changed by someone else (version ${current}, you sent ${given}); reload and retry`,
    },
    { currentVersion: current },
  );
}
