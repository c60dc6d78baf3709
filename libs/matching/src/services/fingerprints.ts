import { createHash } from 'node:crypto';
import type { ResearchResult, TechNeed } from '@techmatch/catalogue';

const sorted = (values: readonly string[]): string[] => [...values].sort();
const digest = (material: unknown): string =>
  createHash('sha1').update(JSON.stringify(material)).digest('hex');

/**
 * What makes a need materially different: its text, fields, TRL floor, budget and modes. Status,
 * version and timestamps are not material: re-publishing an unchanged need changes nothing.
 */
export const needFingerprint = (need: TechNeed): string =>
  digest([
    need.title,
    need.description,
    need.problem,
    sorted(need.keywords),
    sorted(need.fieldCodes),
    need.minTrl,
    need.budgetMinYuan,
    need.budgetMaxYuan,
    sorted(need.modes),
  ]);

export const resultFingerprint = (result: ResearchResult): string =>
  digest([
    result.title,
    result.summary,
    sorted(result.keywords),
    sorted(result.fieldCodes),
    result.trl,
    result.priceMinYuan,
    result.priceMaxYuan,
    sorted(result.modes),
  ]);

/** The text a need is matched by, most telling first: only the first query words count. */
export const needText = (need: TechNeed): string =>
  [need.keywords.join(' '), need.title, need.problem, need.description].join(' ');

export const resultText = (result: ResearchResult): string =>
  [result.keywords.join(' '), result.title, result.summary].join(' ');
