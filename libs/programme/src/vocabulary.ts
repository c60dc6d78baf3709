import {
  CultivationTier,
  EnterpriseQualification,
  NeedStatus,
  ResultLevel,
  ResultStage,
  ResultStatus,
  TransferMode,
} from '@techmatch/catalogue';

/**
 * The words of the provincial forms for the catalogue's enumerations: the first is what exports
 * print, all of them (and the code itself, and its English) are read by imports. Matching ignores
 * case, spaces and full-width forms; `findTerm` also accepts a text that contains a term, longest
 * first, so "技术转让" finds 转让 and "先试用后付费许可" finds the trial-first mode, not the licence.
 */
export interface Vocabulary<T extends string> {
  readonly label: { zh: string; en: string };
  readonly terms: Readonly<Record<T, readonly string[]>>;
}

export const TRANSFER_MODES: Vocabulary<TransferMode> = {
  label: { zh: '转化方式', en: 'transfer mode' },
  terms: {
    [TransferMode.TRIAL_FIRST_LICENSE]: [
      '先试用后付费',
      '先使用后付费',
      '先免费试用后付费转化',
      '先试用后付费许可',
      '试用',
      'trial first',
    ],
    [TransferMode.TRANSFER]: ['转让', '技术转让', '专利转让', '成果转让', 'transfer'],
    [TransferMode.LICENSE]: ['许可', '许可使用', '技术许可', '专利许可', '普通许可', 'licence'],
    [TransferMode.JOINT_DEVELOPMENT]: [
      '合作开发',
      '联合开发',
      '技术开发',
      '合作研发',
      '产学研合作',
      'joint development',
    ],
    [TransferMode.EQUITY]: ['作价入股', '作价投资', '技术入股', '股权', 'equity'],
    [TransferMode.SERVICE]: ['技术服务', '技术咨询', '服务', '咨询', 'service'],
  },
};

export const RESULT_STAGES: Vocabulary<ResultStage> = {
  label: { zh: '成果所处阶段', en: 'stage' },
  terms: {
    [ResultStage.LAB]: ['实验室阶段', '实验室', '研发阶段', '研究阶段', '小试', '原理', '概念'],
    [ResultStage.PILOT]: ['中试阶段', '中试', '样机', '工程化', 'pilot'],
    [ResultStage.INDUSTRIALISATION]: [
      '产业化阶段',
      '产业化',
      '试生产',
      '工业化',
      '应用推广',
      'industrialisation',
    ],
    [ResultStage.MASS_PRODUCTION]: [
      '批量生产阶段',
      '批量生产',
      '规模化生产',
      '规模化',
      '量产',
      '成熟应用',
      'mass production',
    ],
  },
};

/**
 * The TRL a stage stands for when the form gives no 技术成熟度: the typical level of each wording
 * (a 小试 is a bench-scale trial, TRL 4; a 中试 a pilot run, TRL 6; …), and the stage of a TRL when
 * only the TRL is given (the thresholds the catalogue's own data use).
 */
export const STAGE_TRL: ReadonlyArray<[term: string, trl: number]> = [
  ['原理', 2],
  ['概念', 2],
  ['小试', 4],
  ['样机', 5],
  ['试生产', 7],
];
export const DEFAULT_STAGE_TRL: Readonly<Record<ResultStage, number>> = {
  [ResultStage.LAB]: 3,
  [ResultStage.PILOT]: 6,
  [ResultStage.INDUSTRIALISATION]: 7,
  [ResultStage.MASS_PRODUCTION]: 9,
};
export const stageOfTrl = (trl: number): ResultStage =>
  trl <= 3
    ? ResultStage.LAB
    : trl <= 6
      ? ResultStage.PILOT
      : trl <= 8
        ? ResultStage.INDUSTRIALISATION
        : ResultStage.MASS_PRODUCTION;

export const RESULT_LEVELS: Vocabulary<ResultLevel> = {
  label: { zh: '成果水平', en: 'level' },
  terms: {
    [ResultLevel.INTERNATIONAL_LEADING]: ['国际领先'],
    [ResultLevel.INTERNATIONAL_ADVANCED]: ['国际先进'],
    [ResultLevel.DOMESTIC_LEADING]: ['国内领先'],
    [ResultLevel.DOMESTIC_ADVANCED]: ['国内先进'],
    [ResultLevel.NOT_EVALUATED]: ['未评价', '无', '未鉴定', '未评估'],
  },
};

export const RESULT_STATUSES: Vocabulary<ResultStatus> = {
  label: { zh: '状态', en: 'status' },
  terms: {
    [ResultStatus.PUBLISHED]: ['已发布', '发布', '公开'],
    [ResultStatus.DRAFT]: ['草稿', '暂存', '不公开'],
    [ResultStatus.ARCHIVED]: ['已归档', '归档', '下架'],
  },
};

export const NEED_STATUSES: Vocabulary<NeedStatus> = {
  label: { zh: '状态', en: 'status' },
  terms: {
    [NeedStatus.OPEN]: ['已发布', '发布', '公开', '征集中'],
    [NeedStatus.DRAFT]: ['草稿', '暂存', '不公开'],
    [NeedStatus.CLOSED]: ['已关闭', '关闭', '已结束'],
    [NeedStatus.MATCHING]: ['匹配中'],
    [NeedStatus.IN_DEAL]: ['洽谈中', '交易中'],
  },
};

export const QUALIFICATIONS: Vocabulary<EnterpriseQualification> = {
  label: { zh: '企业资质', en: 'qualification' },
  terms: {
    [EnterpriseQualification.HIGH_TECH]: ['高新技术企业', '高新企业', '高企'],
    [EnterpriseQualification.TECH_SME]: ['科技型中小企业', '科技型中小'],
    [EnterpriseQualification.SPECIALISED]: ['专精特新', '专精特新企业', '专精特新中小企业'],
  },
};

export const CULTIVATION_TIERS: Vocabulary<CultivationTier> = {
  label: { zh: '培育层级', en: 'cultivation tier' },
  terms: {
    [CultivationTier.SEED]: ['选种'],
    [CultivationTier.SPROUT]: ['育苗'],
    [CultivationTier.GROWTH]: ['培优'],
    [CultivationTier.LEADING]: ['升规'],
  },
};

export const YES_NO: Vocabulary<'true' | 'false'> = {
  label: { zh: '是/否', en: 'yes/no' },
  terms: {
    true: ['是', '有', 'Y', 'yes', 'true', '1', '√'],
    false: ['否', '无', 'N', 'no', 'false', '0', '×'],
  },
};

/** Compares text as people type it: full-width folded, spaces dropped, case ignored. */
export const fold = (text: string): string =>
  text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The first (printed) word of a value. */
export function termOf<T extends string>(vocabulary: Vocabulary<T>, value: T): string {
  return vocabulary.terms[value][0] ?? value;
}

/**
 * The value a text names: its code, its exact words, or else the longest word the text contains.
 * Null when nothing fits.
 */
export function findTerm<T extends string>(vocabulary: Vocabulary<T>, text: string): T | null {
  const wanted = fold(text);
  if (wanted === '') return null;
  const entries = Object.entries(vocabulary.terms) as Array<[T, readonly string[]]>;
  for (const [value, words] of entries) {
    if (fold(value) === wanted || words.some((word) => fold(word) === wanted)) return value;
  }
  let best: { value: T; length: number } | null = null;
  for (const [value, words] of entries) {
    for (const word of words) {
      const folded = fold(word);
      if (folded.length >= 2 && wanted.includes(folded) && folded.length > (best?.length ?? 0))
        best = { value, length: folded.length };
    }
  }
  return best?.value ?? null;
}

/** The allowed words, for an error message: 转让、许可、… */
export const termList = <T extends string>(vocabulary: Vocabulary<T>): string =>
  (Object.keys(vocabulary.terms) as T[]).map((value) => termOf(vocabulary, value)).join('、');
