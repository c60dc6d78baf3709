import { DivisionKind, TransferMode } from '@techmatch/catalogue';
import { MatchFactorKind } from '../entities/match-status.js';
import type { MatchingCurves } from './matching-config.js';

/** A node of the field tree (a discipline category, a discipline, or a high-tech field). */
export interface FieldRef {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

export interface DivisionRef {
  code: string;
  kind: DivisionKind;
  nameZh: string;
  nameEn: string;
}

/** What a factor found: a value in [0, 1] and the reason, in both languages. */
export interface FactorValue {
  kind: MatchFactorKind;
  value: number;
  reasonZh: string;
  reasonEn: string;
}

const clamp = (value: number): number => Math.min(1, Math.max(0, value));
const round = (value: number): string => value.toFixed(2);

/** Yuan as people in Luoyang say it: 万元 in Chinese, CNY in English. */
export const yuanZh = (yuan: number): string =>
  yuan >= 10_000 ? `${Number((yuan / 10_000).toFixed(1))}万元` : `${yuan}元`;
export const yuanEn = (yuan: number): string => `CNY ${yuan.toLocaleString('en-US')}`;

export function textFactor(rankingScore: number, matchedTerms: string[]): FactorValue {
  const terms = matchedTerms.slice(0, 8);
  return {
    kind: MatchFactorKind.TEXT,
    value: clamp(rankingScore),
    reasonZh: terms.length
      ? `文本相关度 ${round(rankingScore)}，命中：${terms.join('、')}`
      : `文本相关度 ${round(rankingScore)}`,
    reasonEn: terms.length
      ? `Text relevance ${round(rankingScore)}; matched: ${terms.join(', ')}`
      : `Text relevance ${round(rankingScore)}`,
  };
}

/** How close two fields sit in the tree: same node, one inside the other, siblings, or apart. */
function fieldCloseness(a: FieldRef, b: FieldRef, curves: MatchingCurves): number {
  if (a.code === b.code) return 1;
  if (a.parentCode === b.code || b.parentCode === a.code) return curves.fieldContains;
  if (a.parentCode && a.parentCode === b.parentCode) return curves.fieldSameCategory;
  return 0;
}

/**
 * The best fit between any field of the need and any of the result. `inferred` marks fields the
 * need did not name but its text points to (see MatchScorer): the reason says so.
 */
export function fieldFactor(
  needFields: FieldRef[],
  resultFields: FieldRef[],
  curves: MatchingCurves,
  inferred = false,
): FactorValue | null {
  if (needFields.length === 0) return null;
  let best = { value: 0, need: needFields[0], result: resultFields[0] };
  for (const need of needFields) {
    for (const result of resultFields) {
      const value = fieldCloseness(need, result, curves);
      if (value > best.value) best = { value, need, result };
    }
  }
  const source = inferred ? '（由需求文本推断）' : '';
  const sourceEn = inferred ? ' (inferred from the need text)' : '';
  const { need, result } = best;
  if (best.value === 1)
    return {
      kind: MatchFactorKind.FIELD,
      value: 1,
      reasonZh: `领域相同：${need.nameZh}${source}`,
      reasonEn: `Same field: ${need.nameEn}${sourceEn}`,
    };
  if (best.value > 0 && result)
    return {
      kind: MatchFactorKind.FIELD,
      value: best.value,
      reasonZh: `领域相近：需求「${need.nameZh}」${source}，成果「${result.nameZh}」`,
      reasonEn: `Related fields: need "${need.nameEn}"${sourceEn}, result "${result.nameEn}"`,
    };
  return {
    kind: MatchFactorKind.FIELD,
    value: 0,
    reasonZh: `领域不同：需求「${needFields.map((f) => f.nameZh).join('、')}」${source}`,
    reasonEn: `Different fields: the need is in ${needFields.map((f) => f.nameEn).join(', ')}${sourceEn}`,
  };
}

export function trlFactor(
  minTrl: number | null,
  trl: number,
  curves: MatchingCurves,
): FactorValue | null {
  if (minTrl === null) return null;
  if (trl >= minTrl)
    return {
      kind: MatchFactorKind.TRL,
      value: 1,
      reasonZh: `成果技术成熟度 TRL ${trl}，达到需求最低要求 ${minTrl}`,
      reasonEn: `TRL ${trl} meets the need's minimum of ${minTrl}`,
    };
  const gap = minTrl - trl;
  return {
    kind: MatchFactorKind.TRL,
    value: clamp(1 - gap * curves.trlPenaltyPerLevel),
    reasonZh: `成果技术成熟度 TRL ${trl}，低于需求最低要求 ${minTrl}（差 ${gap} 级）`,
    reasonEn: `TRL ${trl} is ${gap} below the need's minimum of ${minTrl}`,
  };
}

/**
 * The asking price against the budget: within budget (or overlapping ranges) is a full fit; above
 * it, the fit falls linearly to 0 at `priceOverBudgetToZero` × budget over.
 */
export function priceFactor(
  budgetMaxYuan: number | null,
  priceMinYuan: number | null,
  curves: MatchingCurves,
): FactorValue | null {
  if (budgetMaxYuan === null || priceMinYuan === null) return null;
  if (priceMinYuan <= budgetMaxYuan)
    return {
      kind: MatchFactorKind.PRICE,
      value: 1,
      reasonZh: `报价起价 ${yuanZh(priceMinYuan)}，在预算 ${yuanZh(budgetMaxYuan)} 以内`,
      reasonEn: `Asking from ${yuanEn(priceMinYuan)}, within the budget of ${yuanEn(budgetMaxYuan)}`,
    };
  const over = (priceMinYuan - budgetMaxYuan) / Math.max(budgetMaxYuan, 1);
  return {
    kind: MatchFactorKind.PRICE,
    value: clamp(1 - over / curves.priceOverBudgetToZero),
    reasonZh: `报价起价 ${yuanZh(priceMinYuan)}，超出预算 ${yuanZh(budgetMaxYuan)} 的 ${Math.round(over * 100)}%`,
    reasonEn: `Asking from ${yuanEn(priceMinYuan)}, ${Math.round(over * 100)}% over the budget of ${yuanEn(budgetMaxYuan)}`,
  };
}

const MODE_ZH: Record<TransferMode, string> = {
  [TransferMode.TRANSFER]: '转让',
  [TransferMode.LICENSE]: '许可',
  [TransferMode.TRIAL_FIRST_LICENSE]: '先试用后付费许可',
  [TransferMode.JOINT_DEVELOPMENT]: '合作开发',
  [TransferMode.EQUITY]: '作价入股',
  [TransferMode.SERVICE]: '技术服务',
};

/**
 * Wanted cooperation modes against offered ones. Trial-first is a licence: a need that wants a
 * licence is served by a trial-first offer. The reverse is half a fit: a licence is on offer, but
 * not the free trial the enterprise asked for.
 */
export function modeFactor(wanted: TransferMode[], offered: TransferMode[]): FactorValue | null {
  if (wanted.length === 0 || offered.length === 0) return null;
  const serves = (mode: TransferMode): boolean =>
    offered.includes(mode) ||
    (mode === TransferMode.LICENSE && offered.includes(TransferMode.TRIAL_FIRST_LICENSE));
  const served = wanted.filter(serves);
  if (served.length > 0)
    return {
      kind: MatchFactorKind.MODE,
      value: 1,
      reasonZh: `合作方式相符：${served.map((mode) => MODE_ZH[mode]).join('、')}`,
      reasonEn: `Cooperation mode offered: ${served.join(', ')}`,
    };
  if (wanted.includes(TransferMode.TRIAL_FIRST_LICENSE) && offered.includes(TransferMode.LICENSE))
    return {
      kind: MatchFactorKind.MODE,
      value: 0.5,
      reasonZh: '可许可，但成果方未提供先试用后付费',
      reasonEn: 'A licence is offered, but not the trial-first terms the need asks for',
    };
  return {
    kind: MatchFactorKind.MODE,
    value: 0,
    reasonZh: `合作方式不符：需求要${wanted.map((mode) => MODE_ZH[mode]).join('、')}，成果提供${offered.map((mode) => MODE_ZH[mode]).join('、')}`,
    reasonEn: `Mode mismatch: the need wants ${wanted.join(', ')}, the result offers ${offered.join(', ')}`,
  };
}

/** 市研县产: research in an urban district, production in a county. */
export const isProgrammeEligible = (institution: DivisionRef, enterprise: DivisionRef): boolean =>
  institution.kind === DivisionKind.DISTRICT && enterprise.kind === DivisionKind.COUNTY;

export function geographyFactor(institution: DivisionRef, enterprise: DivisionRef): FactorValue {
  if (isProgrammeEligible(institution, enterprise))
    return {
      kind: MatchFactorKind.GEOGRAPHY,
      value: 1,
      reasonZh: `市研县产：成果来自${institution.nameZh}，需求企业在${enterprise.nameZh}`,
      reasonEn: `市研县产 eligible: research in ${institution.nameEn}, production in ${enterprise.nameEn}`,
    };
  return {
    kind: MatchFactorKind.GEOGRAPHY,
    value: 0,
    reasonZh: `不属市研县产：成果在${institution.nameZh}，企业在${enterprise.nameZh}`,
    reasonEn: `Not 市研县产: research in ${institution.nameEn}, enterprise in ${enterprise.nameEn}`,
  };
}
