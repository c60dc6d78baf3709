import { DealState } from '../entities/deal-enums.js';

export const DAY_MS = 86_400_000;

/**
 * The reminder days of DEAL_TRIAL_REMINDER_DAYS ("30,7"; "none": no reminders), distinct and
 * largest first. The configuration has already refused anything else.
 */
export function parseReminderDays(setting: string): number[] {
  if (setting.trim().toLowerCase() === 'none') return [];
  const days = setting
    .split(',')
    .map((part) => Number.parseInt(part.trim(), 10))
    .filter((day) => Number.isInteger(day) && day > 0);
  return [...new Set(days)].sort((a, b) => b - a);
}

/** The moment the reminder "`daysBefore` days before the end" is due. */
export const reminderDueAt = (trialEndsAt: Date, daysBefore: number): Date =>
  new Date(trialEndsAt.getTime() - daysBefore * DAY_MS);

export interface RunningTrial {
  state: DealState;
  trialStartedAt: Date | null;
  trialEndsAt: Date | null;
}

/**
 * Whether the reminder `daysBefore` goes out at `now`. It does once its moment has come while the
 * trial still runs, however late (a sweep catching up after downtime still sends it, once). It does
 * not when the trial has already ended (the end itself is what the parties hear about then), nor
 * when the trial was never that long (no "30 days left" for a 10-day trial).
 */
export function reminderIsDue(trial: RunningTrial, daysBefore: number, now: Date): boolean {
  if (trial.state !== DealState.TRIAL_ACTIVE || !trial.trialStartedAt || !trial.trialEndsAt)
    return false;
  const dueAt = reminderDueAt(trial.trialEndsAt, daysBefore).getTime();
  return (
    dueAt <= now.getTime() &&
    now.getTime() < trial.trialEndsAt.getTime() &&
    dueAt > trial.trialStartedAt.getTime()
  );
}

/** Whole days left, rounded up: a trial ending in 6.5 days has 7 days left. */
export const daysLeft = (trialEndsAt: Date, now: Date): number =>
  Math.max(0, Math.ceil((trialEndsAt.getTime() - now.getTime()) / DAY_MS));

/** The scheduler's two moves, each with the condition that makes a deal due for it. */
export type ScheduledStep = 'END_TRIAL' | 'EXPIRE';

export interface ScheduledDeal {
  state: DealState;
  trialEndsAt: Date | null;
  conversionDueBy: Date | null;
}

/**
 * Whether a deal is due for the step at `now`: re-checked on the locked row, since a party (or
 * another replica) may have moved the deal between the scheduler's look and its lock.
 */
export function isDueFor(step: ScheduledStep, deal: ScheduledDeal, now: Date): boolean {
  if (step === 'END_TRIAL')
    return (
      deal.state === DealState.TRIAL_ACTIVE &&
      deal.trialEndsAt !== null &&
      deal.trialEndsAt.getTime() <= now.getTime()
    );
  return (
    deal.state === DealState.CONVERSION_DUE &&
    deal.conversionDueBy !== null &&
    deal.conversionDueBy.getTime() <= now.getTime()
  );
}

/** Fisher–Yates: replicas that list the same due deals work through them in different orders. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
