import { ReportGranularity } from './dto/report-filter.input.js';

/**
 * Calendar arithmetic of report periods, in China time (UTC+8 all year): a period is a range of
 * calendar dates, its instants run from the first day's midnight to the midnight after the last.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The instant a calendar date (YYYY-MM-DD) begins in China. */
export const chinaMidnight = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/** The calendar date in China at an instant. */
export const chinaDate = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const MONTHS: Record<ReportGranularity, number> = {
  [ReportGranularity.MONTH]: 1,
  [ReportGranularity.QUARTER]: 3,
};

/** The first day of the month (quarter) a date falls in. */
export function bucketStart(date: string, granularity: ReportGranularity): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const months = MONTHS[granularity];
  const first = Math.floor((month - 1) / months) * months + 1;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

/** The first day of the bucket after (or, with a negative count, before) the one starting at `start`. */
export function shiftBucket(start: string, granularity: ReportGranularity, count = 1): string {
  const [year, month] = start.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + count * MONTHS[granularity];
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** How many buckets from `first` to `last`, both included. */
export function bucketCount(first: string, last: string, granularity: ReportGranularity): number {
  const months = (date: string): number => {
    const [year, month] = date.split('-').map(Number) as [number, number];
    return year * 12 + month - 1;
  };
  return (months(last) - months(first)) / MONTHS[granularity] + 1;
}
