import type { LocalizedMessage } from '@techmatch/common';
import { fold } from '../vocabulary.js';
import type { MoneyUnit } from './import-columns.js';

/** A cell that could not be read at all, before any validation rule could look at it. */
export class CellError extends Error {
  constructor(readonly reason: LocalizedMessage) {
    super(reason.en);
  }
}

/**
 * Lists inside one cell: keywords, fields, modes, patent numbers. Separated by Chinese or Latin
 * commas and semicolons, 顿号 or line breaks; never by `/`, which is part of names (中医学/中药学).
 */
export function splitList(text: string): string[] {
  return text
    .split(/[;；,，、\r\n|]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const NEGOTIABLE = new Set(['面议', '协商', '待定', '议价', '-', '—', '/', '无']);
const AMOUNT = /^(\d+(?:\.\d+)?)(万元|万|元)?$/;

function amount(text: string, unit: MoneyUnit): number | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const [, digits = '', written] = match;
  const scale = written ? (written.startsWith('万') ? 10_000 : 1) : unit === 'wan' ? 10_000 : 1;
  return Math.round(Number(digits) * scale);
}

/**
 * A money cell in yuan: one amount (`50`, `50万元`) or a range (`50-100`, `50～100万`, `50至100万元`),
 * bare numbers in the header's unit. Empty and 面议 are no amount. A single amount is the upper
 * bound, and also the lower one when `single` says so (an asking price, unlike a budget).
 */
export function parseMoney(
  text: string,
  unit: MoneyUnit,
  single: 'max' | 'both',
): { min: number | null; max: number | null } {
  const value = fold(text)
    .replace(/[,，]/g, '')
    .replace(/^(约|不超过|不高于|最高|以内)/, '');
  if (value === '' || NEGOTIABLE.has(value)) return { min: null, max: null };
  const bounds = value.split(/[-~～—至到]+/).filter((part) => part !== '');
  if (bounds.length === 2) {
    // "50-100万": a unit written once, after the upper bound, holds for both.
    const trailing = /(万元|万|元)$/.exec(bounds[1] ?? '')?.[1];
    const low = amount(
      /\D$/.test(bounds[0] ?? '') ? (bounds[0] ?? '') : `${bounds[0]}${trailing ?? ''}`,
      unit,
    );
    const high = amount(bounds[1] ?? '', unit);
    if (low !== null && high !== null) return { min: low, max: high };
  } else if (bounds.length === 1) {
    const only = amount((bounds[0] ?? '').replace(/(以下|以内)$/, ''), unit);
    if (only !== null) return { min: single === 'both' ? only : null, max: only };
  }
  throw new CellError({
    zh: `无法识别的金额“${text}”（应为数字或“下限-上限”，单位${unit === 'wan' ? '万元' : '元'}，或“面议”）`,
    en: `cannot read the amount "${text}" (a number or "low-high" in ${unit === 'wan' ? '10,000 yuan' : 'yuan'}, or 面议)`,
  });
}

/** A whole number (TRL), or the text itself so that the input rules report what is wrong. */
export function parseInteger(text: string): number | string {
  const value = fold(text);
  return /^\d+$/.test(value) ? Number(value) : text.trim();
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A calendar date as YYYY-MM-DD from 2030-12-31, 2030/12/31, 2030.12.31, 2030年12月31日 or an
 * Excel day number; anything else is passed through as written, for the date rule to refuse.
 */
export function parseDate(text: string): string {
  const value = fold(text);
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (parts) {
    const [, year, month, day] = parts;
    return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
  }
  if (/^\d{5}$/.test(value)) {
    return new Date(EXCEL_EPOCH_MS + Number(value) * 86_400_000).toISOString().slice(0, 10);
  }
  return text.trim();
}
