import { DealState } from '../entities/deal-enums.js';
import {
  DAY_MS,
  daysLeft,
  isDueFor,
  parseReminderDays,
  reminderDueAt,
  reminderIsDue,
  shuffled,
} from './trial-schedule.js';

const START = new Date('2026-03-01T00:00:00Z');
const at = (days: number): Date => new Date(START.getTime() + days * DAY_MS);
/** A 90-day trial from START. */
const trial = (state = DealState.TRIAL_ACTIVE) => ({
  state,
  trialStartedAt: START,
  trialEndsAt: at(90),
});

describe('trial schedule rules', () => {
  it('successful-parse: distinct days, largest first; none means no reminders', () => {
    expect(parseReminderDays('30,7')).toEqual([30, 7]);
    expect(parseReminderDays(' 7 , 30 ,7 ')).toEqual([30, 7]);
    expect(parseReminderDays('1')).toEqual([1]);
    expect(parseReminderDays('none')).toEqual([]);
  });

  it('successful-on-time: a reminder is due from its moment until the trial ends', () => {
    expect(reminderDueAt(at(90), 30)).toEqual(at(60));
    expect(reminderIsDue(trial(), 30, new Date(at(60).getTime() - 1))).toBe(false);
    expect(reminderIsDue(trial(), 30, at(60))).toBe(true);
    expect(reminderIsDue(trial(), 7, at(60))).toBe(false);
    expect(reminderIsDue(trial(), 7, at(83))).toBe(true);
  });

  it('successful-late: a moment that passed while the trial still runs is still due (catch-up)', () => {
    expect(reminderIsDue(trial(), 30, at(89))).toBe(true);
    expect(reminderIsDue(trial(), 7, at(89))).toBe(true);
  });

  it('failing-stale: once the trial has ended, or the deal moved on, no reminder is due', () => {
    expect(reminderIsDue(trial(), 7, at(90))).toBe(false);
    expect(reminderIsDue(trial(), 30, at(400))).toBe(false);
    expect(reminderIsDue(trial(DealState.WITHDRAWN), 7, at(85))).toBe(false);
    expect(reminderIsDue(trial(DealState.CONVERSION_DUE), 7, at(85))).toBe(false);
  });

  it('failing-shorter-trial: no "30 days left" for a trial that was never that long', () => {
    const short = { ...trial(), trialEndsAt: at(10) };
    expect(reminderIsDue(short, 30, at(1))).toBe(false);
    expect(reminderIsDue(short, 7, at(3))).toBe(true);
    const exact = { ...trial(), trialEndsAt: at(30) };
    expect(reminderIsDue(exact, 30, at(0))).toBe(false);
  });

  it('successful-days-left: rounded up, never negative', () => {
    expect(daysLeft(at(90), at(60))).toBe(30);
    expect(daysLeft(at(90), new Date(at(83).getTime() + DAY_MS / 2))).toBe(7);
    expect(daysLeft(at(90), at(91))).toBe(0);
  });

  it('successful-due-steps: END_TRIAL at the end, EXPIRE at the due date, nothing in other states', () => {
    const running = { state: DealState.TRIAL_ACTIVE, trialEndsAt: at(90), conversionDueBy: null };
    expect(isDueFor('END_TRIAL', running, new Date(at(90).getTime() - 1))).toBe(false);
    expect(isDueFor('END_TRIAL', running, at(90))).toBe(true);
    expect(isDueFor('EXPIRE', running, at(500))).toBe(false);
    const due = { state: DealState.CONVERSION_DUE, trialEndsAt: at(90), conversionDueBy: at(120) };
    expect(isDueFor('END_TRIAL', due, at(500))).toBe(false);
    expect(isDueFor('EXPIRE', due, at(119))).toBe(false);
    expect(isDueFor('EXPIRE', due, at(120))).toBe(true);
    expect(isDueFor('EXPIRE', { ...due, state: DealState.CONVERTED }, at(500))).toBe(false);
  });

  it('successful-shuffle: the same items in another order, the input untouched', () => {
    const items = [1, 2, 3, 4, 5];
    const result = shuffled(items, () => 0);
    expect([...result].sort()).toEqual(items);
    expect(result).not.toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });
});
