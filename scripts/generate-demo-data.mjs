#!/usr/bin/env node
/**
 * Generates the demo catalogue in apps/api/src/demo/data/ from the CSL dev split.
 *
 *   node scripts/generate-demo-data.mjs [path/to/csl_dev.jsonl]
 *
 * Plain Node ESM, built-ins only. Deterministic: every random choice comes from a seeded mulberry32
 * stream, so two runs on the same input write byte-identical files. Outputs:
 *   csl-results.jsonl  research results (CSL 工学/理学/农学/医学 papers + synthetic transfer data)
 *   enterprises.jsonl  fictional enterprises across Luoyang's 14 divisions
 *   needs.jsonl        technology needs posted by those enterprises
 * NOTICE.md and README.md in the same folder are written by hand, not by this script.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'apps/api/src/demo/data');
const INPUT = process.argv[2] ?? '/work/shared/data/csl_dev.jsonl';

/** "As of" date of the snapshot: patent statuses and grant dates are consistent with it. */
const AS_OF = '2026-02-09';
const KEPT_CATEGORIES = new Set(['工学', '理学', '农学', '医学']);
const MODES = [
  'TRANSFER',
  'LICENSE',
  'TRIAL_FIRST_LICENSE',
  'JOINT_DEVELOPMENT',
  'EQUITY',
  'SERVICE',
];

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(label) {
    this.next = mulberry32(fnv1a(`techmatch-demo:${label}`));
  }
  float(lo = 0, hi = 1) {
    return lo + (hi - lo) * this.next();
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    if (list.length === 0) throw new Error('pick from empty list');
    return list[Math.floor(this.next() * list.length)];
  }
  /** weights: object value → weight, or array of [value, weight]. */
  weighted(weights) {
    const entries = Array.isArray(weights) ? weights : Object.entries(weights);
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of entries) {
      x -= w;
      if (x < 0) return v;
    }
    return entries[entries.length - 1][0];
  }
  shuffle(list) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  sample(list, k) {
    return this.shuffle(list).slice(0, Math.min(k, list.length));
  }
  /** Log-uniform integer in [lo, hi]. */
  logInt(lo, hi) {
    return Math.round(Math.exp(this.float(Math.log(lo), Math.log(hi))));
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

const roundTo = (n, step) => Math.max(step, Math.round(n / step) * step);
const pad = (n, width) => String(n).padStart(width, '0');
const hasCjk = (s) => /[\u4e00-\u9fff]/.test(s);

function isoDate(y, m, d) {
  return `${y}-${pad(m, 2)}-${pad(d, 2)}`;
}
function addMonths(iso, months, dayOffset = 0) {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1 + months, d + dayOffset));
  return dt.toISOString().slice(0, 10);
}
function addYears(iso, years) {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDate(y + years, m, d); // days are generated in 1–28, so no Feb 29 issue
}

/** Canonical order, non-empty. */
function pickModes(rng, probs, fallback) {
  const modes = MODES.filter((m) => rng.chance(probs[m] ?? 0));
  return modes.length > 0 ? modes : [fallback];
}

/**
 * Template rendering: {name} takes vars[name] (which may itself hold number placeholders);
 * {i:lo-hi} a random integer, {d:lo-hi} a random decimal with the precision of the bounds (default 1).
 */
function render(template, vars, rng) {
  let s = template;
  for (let pass = 0; pass < 3 && /\{[a-zA-Z]\w*\}/.test(s); pass++) {
    s = s.replace(/\{([a-zA-Z]\w*)\}/g, (_, k) => {
      if (vars[k] === undefined)
        throw new Error(`template variable {${k}} missing in: ${template}`);
      return vars[k];
    });
  }
  return s.replace(/\{([id]):([\d.]+)-([\d.]+)\}/g, (_, kind, a, b) => {
    const lo = Number(a);
    const hi = Number(b);
    if (kind === 'i') return String(rng.int(lo, hi));
    const decimals = Math.max(1, (a.split('.')[1] ?? '').length, (b.split('.')[1] ?? '').length);
    return rng.float(lo, hi).toFixed(decimals);
  });
}

// ---------------------------------------------------------------------------------------------
// Check characters
// ---------------------------------------------------------------------------------------------

/** CN patent application number (2003 format): 12 digits, check = Σ d_i·w_i mod 11, 10 → X. */
function patentCheck(twelveDigits) {
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelveDigits[i]) * w[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character over the first 17 characters. */
function usccCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[c];
}

/** GB 11714-1997 organisation-code check character over 8 body characters (A=10 … Z=35). */
function orgCodeCheck(body8) {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * w[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

function readCsl(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    process.stderr.write(
      `Cannot read ${path}: ${err.message}\nUsage: node scripts/generate-demo-data.mjs [path/to/csl_dev.jsonl]\n`,
    );
    process.exit(1);
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

const GENERIC_KEYWORDS = new Set([
  '研究',
  '应用',
  '综述',
  '研究进展',
  '进展',
  '分析',
  '对策',
  '技术',
  '开发',
  '性能',
  '设计',
  '方法',
  '问题',
  '措施',
  '管理',
  '试验',
  '实验',
  '影响',
  '发展',
  '现状',
  '展望',
  '中国',
  '优化',
  '模型',
  '评价',
  '生产',
  '制备',
  '合成',
  '测定',
  '表征',
  '质量',
  '系统',
  '仿真',
  '结构',
  '特性',
  '机理',
  '作用',
  '控制',
  '检测',
  '效果',
  '临床观察',
  '观察',
  '治疗',
  '护理',
  '数值模拟',
  '应用前景',
  '技术介绍',
  '试验研究',
  '农艺学',
  '品种',
  '品质',
  '产量',
  '工艺',
  '中药',
  '中医疗法',
  '中医治疗',
  '中医药疗法',
  '中西医结合',
  '辨证论治',
  '吸收',
  '农业工程',
  '农业经济',
  '冶金技术',
  '金属技术',
  '自动控制技术',
  '计算机仿真',
  '数学模型',
  '有限元',
  '有限元法',
  '有限元分析',
  '稳定性',
  '可靠性',
  '安全',
  '制备方法',
  '合成方法',
  '提取',
  '分离',
  '纯化',
  '含量',
  '含量测定',
  '监测',
  '预测',
  '应用探讨',
  '设计方法',
  '优化设计',
  '方案比选',
  '桥梁工程',
  '道路工程',
  '交通工程',
  '智能交通',
  '系统工程',
  '环境工程',
  '染整',
  '食品',
  '营养',
  '产业',
  '市场',
  '建议',
  '高效液相色谱',
  '高效液相色谱法',
  '因素',
  '机制',
  '影响因素',
  '关键技术',
  '新工艺',
  '参数',
  '指标',
  '动态特性',
  '温度',
  '强度',
  '效率',
  '表面',
  '算法',
  '实验研究',
  '对比',
  '比较',
  '开发应用',
  '设计思想',
  '腐蚀介质',
  '饲料工业',
  '饲料资源',
  '技术要求',
  '应用设计',
  '疗效',
  '临床',
  '急性期',
  '老年',
  '儿童',
  '大鼠',
  '小鼠',
  '发病率',
  '死亡率',
]);

/** Place names and anatomy make poor subjects for a need or a secret. */
const DISCIPLINE_LIKE_RE = /(科学与技术|科学与工程|工程学)$/;
const PLACE_RE =
  /(省|市|县|地区|盆地|流域|山|湖|河|江|海|岛|小肠|肝|肾|心脏|大鼠|小鼠)$|^(中国|国内|国外|西藏|新疆|内蒙古|云南|广东|江苏|浙江|太平洋|北黄海|南海)/;

/** Paper keywords usable inside generated sentences: Chinese, short, not generic, no stray brackets or numbering. */
function usableKeywords(paper) {
  return paper.keywords.filter(
    (k) =>
      hasCjk(k) &&
      k.length >= 2 &&
      k.length <= 10 &&
      !/[\s()（）[\]【】{}<>《》"“”,，;；:：]/.test(k) &&
      !/^[\d\-.]/.test(k) &&
      !PLACE_RE.test(k) &&
      !DISCIPLINE_LIKE_RE.test(k) &&
      !GENERIC_KEYWORDS.has(k),
  );
}

const REVIEW_RE = /(研究进展|进展|综述|展望|发展动态|发展方向|回顾|概况|近况|现状)/;

// ---------------------------------------------------------------------------------------------
// Research results
// ---------------------------------------------------------------------------------------------

const INSTITUTIONS = {
  HAUST: '河南科技大学',
  LIT: '洛阳理工学院',
  LONGMEN: '龙门实验室',
  CAS: '中科（洛阳）机器人与智能装备研究院',
  MINE: '智能矿山重型装备全国重点实验室',
  HTM: '河南省先进高温材料中试基地',
};

/** Base weights per CSL discipline; unknown disciplines fall back to the two universities. */
const INSTITUTION_WEIGHTS = {
  材料科学与工程: { HAUST: 3, LIT: 2, LONGMEN: 3, HTM: 3 },
  冶金工程: { HAUST: 3, HTM: 3, LONGMEN: 2 },
  机械工程: { HAUST: 3, LIT: 2, MINE: 3, LONGMEN: 2, CAS: 1 },
  矿业工程: { MINE: 4, HAUST: 2, LONGMEN: 1 },
  控制科学与工程: { CAS: 4, HAUST: 2, LIT: 1 },
  计算机科学与技术: { CAS: 3, HAUST: 3, LIT: 2 },
  信息与通信工程: { HAUST: 3, LIT: 2, CAS: 2 },
  电子科学与技术: { HAUST: 3, LIT: 2, CAS: 1 },
  电气工程: { HAUST: 3, LIT: 2, CAS: 1 },
  光学工程: { HAUST: 3, CAS: 2, LIT: 1 },
  兵器科学与技术: { HAUST: 3, LIT: 1, CAS: 1 },
  航空宇航科学与技术: { HAUST: 2, CAS: 1 },
  动力工程及工程热物理: { HAUST: 3, LIT: 2 },
  力学: { HAUST: 3, LIT: 2, LONGMEN: 1 },
  '化学/化学工程与技术': { HAUST: 3, LIT: 2, HTM: 1 },
  环境科学与工程: { HAUST: 3, LIT: 2 },
  食品科学与工程: { HAUST: 1 },
  纺织科学与工程: { HAUST: 2, LIT: 1 },
  交通运输工程: { HAUST: 2, LIT: 2 },
  土木工程: { LIT: 3, HAUST: 2 },
  建筑学: { LIT: 3, HAUST: 1 },
  水利工程: { HAUST: 1, LIT: 1 },
  测绘科学与技术: { LIT: 2, HAUST: 1 },
  石油与天然气工程: { HAUST: 2, LIT: 1 },
  核科学与技术: { HAUST: 1 },
  船舶与海洋工程: { HAUST: 2, LIT: 1 },
  农业工程: { HAUST: 4, CAS: 1 },
  '生物学/生物科学与工程': { HAUST: 3, LONGMEN: 2 },
  数学: { HAUST: 3, LIT: 1 },
  物理学: { HAUST: 2, LIT: 1, LONGMEN: 1 },
  地理学: { HAUST: 2, LIT: 1 },
  '地质学/地质资源与地质工程': { HAUST: 3, MINE: 1, LIT: 1 },
  地球物理学: { HAUST: 1, MINE: 1 },
  '畜牧学/兽医学': { HAUST: 4, LONGMEN: 1 },
  药学: { HAUST: 5, LONGMEN: 1 },
};

/** Keyword boosts, each limited to disciplines where the keyword means what the institution does. */
const ENGINEERING_IT = [
  '机械工程',
  '控制科学与工程',
  '计算机科学与技术',
  '信息与通信工程',
  '电子科学与技术',
  '电气工程',
  '光学工程',
  '兵器科学与技术',
  '航空宇航科学与技术',
  '交通运输工程',
  '农业工程',
  '测绘科学与技术',
];
const INSTITUTION_BOOSTS = [
  [
    /机器人|视觉|智能|神经网络|深度学习|路径|遥操作|自适应|标定|无人机|跟踪控制|运动控制|识别/,
    { CAS: 4 },
    ENGINEERING_IT,
  ],
  [/轴承/, { LONGMEN: 4, HAUST: 1 }, ['机械工程', '材料科学与工程']],
  [
    /耐火|高温|陶瓷|Si3|SiC|难熔|钼|钨|熔盐|烧结|热喷涂|涂层|窑/,
    { HTM: 3, LONGMEN: 1 },
    ['材料科学与工程', '冶金工程', '化学/化学工程与技术', '动力工程及工程热物理'],
  ],
  [
    /矿|采场|巷道|掘进|提升机|破碎机|堆料|放矿|充填|冒顶|微震|边坡|回采/,
    { MINE: 3 },
    [
      '机械工程',
      '矿业工程',
      '控制科学与工程',
      '地质学/地质资源与地质工程',
      '力学',
      '测绘科学与技术',
      '电气工程',
    ],
  ],
];

function pickInstitution(paper, rng) {
  const weights = { ...(INSTITUTION_WEIGHTS[paper.discipline] ?? { HAUST: 3, LIT: 1 }) };
  const text = paper.title + paper.keywords.join(' ');
  for (const [re, boost, disciplines] of INSTITUTION_BOOSTS) {
    if (disciplines.includes(paper.discipline) && re.test(text)) {
      for (const [k, w] of Object.entries(boost)) weights[k] = (weights[k] ?? 0) + w;
    }
  }
  return INSTITUTIONS[rng.weighted(weights)];
}

const TRL_WEIGHTS = {
  工学: { 2: 3, 3: 8, 4: 14, 5: 18, 6: 18, 7: 14, 8: 8, 9: 3 },
  理学: { 1: 6, 2: 12, 3: 16, 4: 12, 5: 6, 6: 3 },
  农学: { 3: 6, 4: 12, 5: 16, 6: 16, 7: 12, 8: 6, 9: 2 },
  医学: { 2: 6, 3: 12, 4: 14, 5: 12, 6: 10, 7: 6, 8: 3 },
};

function stageOf(trl) {
  if (trl <= 4) return 'LAB';
  if (trl <= 6) return 'PILOT';
  if (trl <= 8) return 'INDUSTRIALISATION';
  return 'MASS_PRODUCTION';
}

const LEVEL_WEIGHTS = {
  INTERNATIONAL_LEADING: 3,
  INTERNATIONAL_ADVANCED: 8,
  DOMESTIC_LEADING: 24,
  DOMESTIC_ADVANCED: 28,
  NOT_EVALUATED: 37,
};

// --- sub-fields: decide which secret and patent templates fit a paper --------------------------

const SUBFIELD_BY_DISCIPLINE = {
  材料科学与工程: 'thermal',
  冶金工程: 'thermal',
  '化学/化学工程与技术': 'chem',
  环境科学与工程: 'chem',
  纺织科学与工程: 'chem',
  石油与天然气工程: 'chem',
  核科学与技术: 'chem',
  食品科学与工程: 'bio',
  土木工程: 'civil',
  交通运输工程: 'civil',
  建筑学: 'civil',
  水利工程: 'civil',
  测绘科学与技术: 'civil',
  船舶与海洋工程: 'civil',
  '中医学/中药学': 'tcm',
  '畜牧学/兽医学': 'animal',
  水产: 'animal',
};
const FIELD_SCIENCE_DISCIPLINES = new Set([
  '地质学/地质资源与地质工程',
  '地理学',
  '海洋科学',
  '大气科学',
  '地球物理学',
]);
const SOFTWARE_DISCIPLINES = new Set([
  '计算机科学与技术',
  '信息与通信工程',
  '控制科学与工程',
  '电子科学与技术',
  '光学工程',
  '兵器科学与技术',
]);
/** Papers that describe policy, management, teaching or surveys rather than a transferable technology. */
const SOFT_RE =
  /借鉴|对策|思考|投资|品牌|管理模型|启示|体会|教学|规划|浅谈|回顾|展望|意义|调查|概况|近况|发展方向|发展动态|综合评价|空间结构|分类学|经验|管理工作|存在的问题|措施分析|纪实/;
const CLINICAL_RE = /治疗|临床|疗效|病例|护理|\d+例|患者|一例|1例|论治|诊疗|急救/;
const FORMULA_RE =
  /^[\u4e00-\u9fffⅠⅡ号]{2,10}(汤|胶囊|颗粒|注射液|散|丸|冲剂|栓|浸膏|口服液|合剂|片)$/;

function subfieldOf(paper) {
  if (SOFT_RE.test(paper.title)) return 'soft';
  const d = paper.discipline;
  if (paper.category === '医学') return d === '中医学/中药学' ? 'tcm' : 'medicine';
  if (paper.category === '农学') return SUBFIELD_BY_DISCIPLINE[d] ?? 'agri';
  if (paper.category === '理学')
    return FIELD_SCIENCE_DISCIPLINES.has(d) ? 'fieldScience' : 'science';
  return SUBFIELD_BY_DISCIPLINE[d] ?? 'device';
}

// --- confidential details ------------------------------------------------------------------

/** Templates are strings or { t, re (must match title + keywords), d (discipline set) }. */
const SECRET_TEMPLATES = {
  thermal: [
    '关键工艺窗口：{kw1}阶段温度控制在{i:850-1650}℃±{i:5-15}℃，保温{d:1.5-6.0}h，升温速率{i:3-10}℃/min；按此参数，中试成品率由{i:68-80}%提高到{i:88-96}%。',
    '中试共运行{i:6-24}批次，单批投料{i:50-500}kg，{kw2}关键指标的批间变异系数为{d:1.5-4.5}%，原始记录和质检报告未公开发表。',
    '原料配比中关键组分的含量范围及一种课题组自制添加剂的组成仅向签约方披露。',
    '与现行工艺相比，吨产品能耗降低约{i:8-25}%，综合成本约{i:1200-9800}元/吨，详细的经济性测算见内部报告。',
    '已归纳{kw1}工艺中{i:3-6}种典型异常工况及对应的纠偏方法，相关操作规程（SOP）尚未公开。',
  ],
  chem: [
    '优化后的反应条件为温度{i:40-220}℃、压力{d:0.1-3.0}MPa、停留时间{i:10-180}min，{kw1}相关产物收率由{i:55-75}%提高到{i:82-95}%，该组条件未在论文中发表。',
    '中试共运行{i:6-24}批次，单批处理量{i:50-500}kg，{kw2}关键指标的批间变异系数为{d:1.5-4.5}%，原始记录未公开发表。',
    '论文未报道的放大试验结果：{i:50-500}L装置上目标产物收率为{i:72-93}%，主要副产物及其抑制措施已形成工艺包草稿。',
    '与现行工艺相比，吨产品能耗降低约{i:8-25}%，药剂成本约{i:200-3000}元/吨，详细的经济性测算见内部报告。',
    '所用{kw2}相关药剂的具体组成和再生条件属于技术秘密，仅随许可一并交付。',
    '已归纳{kw1}工艺中{i:3-6}种典型异常工况及对应的纠偏方法，相关操作规程（SOP）尚未公开。',
  ],
  bio: [
    '优化后的处理条件为{i:25-45}℃、pH {d:4.5-7.5}、{i:12-72}h，{kw1}相关指标较对照提高{i:15-60}%，工艺参数未公开。',
    '中试共生产{i:6-24}批次，单批{i:50-500}kg，{kw2}关键指标的批间变异系数为{d:1.5-4.5}%，原始记录未公开发表。',
    '产品配方及关键工序参数已形成企业标准草案，{i:3-12}个月的保质期试验数据仅向合作方提供。',
    { t: '所用{kw2}相关菌株（酶制剂）的来源与保藏信息属于技术秘密。', re: /菌|酶|发酵/ },
    '与传统工艺相比，单位产品成本降低约{i:8-25}%，经济性测算见内部报告。',
  ],
  civil: [
    '{i:2-6}个工程项目的现场监测数据（测点{i:40-300}个）未公开发表。',
    '{kw1}的设计计算书和关键节点构造详图属于技术秘密。',
    '与常规方案相比，工程造价降低约{i:5-18}%，详细的技术经济比较见内部报告。',
    '与{kw2}相关的施工工法关键工序参数已形成工法草案，未公开。',
  ],
  device: [
    '{kw1}相关算法的参数整定表和现场调试记录（累计运行{i:300-3000}h）由课题组保存，未在论文中发表。',
    '样机已在{i:2-5}家企业现场试用，积累运行和故障样本约{i:800-9000}条，仅向合作方开放。',
    {
      t: '核心源代码约{i:1-9}万行，包含{kw1}模块的改进实现；关键阈值和训练数据集未公开。',
      d: SOFTWARE_DISCIPLINES,
    },
    '结构设计的关键尺寸链、材料选型及供应商清单已形成图纸包（{i:40-200}张），属于技术秘密。',
    '台架试验表明，样机在额定工况下平均无故障时间约{i:1500-8000}h，试验原始数据未发表。',
    '{kw2}相关的标定方法已编写企业标准草案，误差控制在{d:0.5-3.0}%以内，草案未公开。',
  ],
  science: [
    '{kw1}相关的{i:6-40}组未发表实验数据及数据处理程序源码由课题组保存。',
    '模型关键参数的标定值及误差分析（相对误差不超过{d:1.0-5.0}%）未在论文中给出，可向合作方提供。',
    '基于{kw2}的计算程序已在{i:2-6}个实际项目中验证，程序和输入数据属于内部资料。',
    '补充实验表明，结果的重复性偏差小于{d:1.0-4.0}%，完整数据集尚待发表。',
  ],
  fieldScience: [
    '野外采样点位坐标、样品编号及原始测试数据（{i:50-600}件样品）未公开。',
    '{kw1}相关的{i:3-10}年连续观测数据和解译图件由课题组保存，仅向合作方提供。',
    '基于{kw2}的预测模型已在{i:2-5}个区域试用，模型参数和校验数据属于内部资料。',
  ],
  agri: [
    '{i:2-4}年{i:3-8}个试验点的数据表明，{kw1}相关措施可使产量或成活率提高{d:6.0-18.0}%，原始记录未公开。',
    {
      t: '课题组保存{kw2}相关种质材料{i:20-300}份及选育记录，仅限合作方使用。',
      re: /品种|种质|选育|不育|育种|种子|杂交|组培|扦插|苗/,
    },
    {
      t: '在{i:0-4}℃、相对湿度{i:85-95}%条件下，处理组货架期延长{i:7-30}天，处理液配方与浓度梯度未公开。',
      re: /保鲜|贮藏|采后|果|蔬|柿|梨/,
    },
    '示范基地{i:50-500}亩连续两季的投入产出测算表明，亩均节本增效约{i:200-900}元，详细测算表属内部资料。',
    '{kw1}的关键配比和处理参数已经过{i:3-10}批次验证，具体参数仅向签约企业提供。',
  ],
  animal: [
    '饲养试验共{i:120-2000}头（尾、只），试验组{kw1}相关指标提高{d:5.0-15.0}%，饲料转化率改善{d:3.0-9.0}%，原始记录未公开。',
    {
      t: '{kw2}相关菌株的保藏编号和培养条件属于技术秘密，仅随许可一并交付。',
      re: /菌|微生|益生|病原/,
    },
    '规模化养殖场示范数据：死亡率由{d:4.0-8.0}%降至{d:1.0-3.0}%，推荐配方和添加量未发表。',
    '{kw1}相关检测方法的引物序列和反应条件已优化，灵敏度和特异性验证数据未公开。',
  ],
  tcm: [
    '{kw1}的制备工艺参数（{i:50-95}%乙醇回流提取{i:2-3}次，每次{d:1.0-2.0}h）及中试批次收率{d:8.0-25.0}%尚未公开。',
    '动物实验有效剂量为{i:5-200}mg/kg，初步急性毒性和{i:3-6}个月加速稳定性数据仅向合作方开放。',
    {
      t: '已完成{i:40-300}例临床观察，原始病例资料和不良反应记录按伦理要求不公开。',
      re: CLINICAL_RE,
    },
    {
      t: '处方中{i:1-2}味药材的剂量配比与炮制要求未在论文中完整披露，属于技术秘密。',
      re: /汤|胶囊|颗粒|注射液|散|丸|冲剂|方|剂/,
    },
    '{kw2}相关的含量测定色谱条件、系统适用性参数和对照品来源已形成内部质量标准草案。',
  ],
  medicine: [
    {
      t: '动物实验有效剂量为{i:5-200}mg/kg，初步急性毒性和{i:3-6}个月加速稳定性数据仅向合作方开放。',
      re: /药|方|汤|剂|素|酶|提取|合成|制备|注射|抑制/,
    },
    '{kw1}相关的病例影像和检测原始数据约{i:50-400}例，按伦理要求仅在合作框架内使用。',
    '课题组已形成{kw2}相关的操作规范草案和培训教材，未公开发表。',
    {
      t: '已完成{i:40-300}例临床观察，原始病例资料和不良反应记录按伦理要求不公开。',
      re: CLINICAL_RE,
    },
    {
      t: '{kw2}相关检测方法的色谱条件、系统适用性参数和对照品来源已形成内部质量标准草案。',
      re: /测定|色谱|含量|检测|质谱|HPLC/,
    },
    '{kw1}相关的细胞及分子实验原始数据约{i:20-120}组，尚待整理发表。',
    {
      t: '制剂处方中辅料种类和比例经过{i:10-40}轮筛选，最优处方及工艺验证报告未公开。',
      re: /制剂|片|胶囊|颗粒|乳|微条|混悬|合成|制备/,
    },
  ],
  soft: [
    '课题组在{kw1}方面积累的{i:3-8}个地区调研数据和访谈记录未公开。',
    '{kw2}评价指标体系的权重测算表及原始打分数据属于内部资料。',
    '已形成{kw1}相关的咨询报告{i:1-4}份，报送有关部门参考，未公开发表。',
  ],
  general: [
    '已与{i:1-4}家企业进行过初步技术交流，尚未签订合同。',
    '成果完成人可提供{i:3-12}个月的现场技术指导。',
    '相关技术资料已按单位职务科技成果管理规定登记备案。',
  ],
};

function applicableTemplates(pool, paper) {
  const text = paper.title + ' ' + paper.keywords.join(' ');
  return pool
    .filter(
      (t) =>
        typeof t === 'string' ||
        ((!t.re || t.re.test(text)) && (!t.d || t.d.has(paper.discipline))),
    )
    .map((t) => (typeof t === 'string' ? t : t.t));
}

function confidentialDetail(paper, subfield, kws, rng) {
  const kw1 = kws[0] ?? '该成果';
  const kw2 = kws[1] ?? kw1;
  const chosen = rng.sample(applicableTemplates(SECRET_TEMPLATES[subfield], paper), 2);
  if (rng.chance(0.3)) chosen.push(rng.pick(SECRET_TEMPLATES.general));
  return chosen.map((t) => render(t, { kw1, kw2 }, rng)).join('');
}

// --- patents ---------------------------------------------------------------------------------

const PATENT_TERM_YEARS = { INVENTION: 20, UTILITY_MODEL: 10, DESIGN: 15 };
const PATENT_TYPE_DIGIT = { INVENTION: '1', UTILITY_MODEL: '2', DESIGN: '3' };

const PATENT_COUNT_WEIGHTS = {
  工学: { 0: 20, 1: 40, 2: 27, 3: 13 },
  农学: { 0: 30, 1: 40, 2: 20, 3: 10 },
  医学: { 0: 35, 1: 40, 2: 18, 3: 7 },
  理学: { 0: 50, 1: 35, 2: 12, 3: 3 },
};
const PATENT_KIND_WEIGHTS = {
  工学: { INVENTION: 62, UTILITY_MODEL: 34, DESIGN: 4 },
  农学: { INVENTION: 60, UTILITY_MODEL: 37, DESIGN: 3 },
  医学: { INVENTION: 90, UTILITY_MODEL: 10 },
  理学: { INVENTION: 85, UTILITY_MODEL: 15 },
};
const DESIGN_SUBFIELDS = new Set(['device', 'agri', 'thermal']);
const INVENTION_TITLES = {
  thermal: ['一种{kw}的制备方法', '一种{kw}及其制备方法', '一种{kw}的热处理工艺'],
  chem: ['一种{kw}的制备方法', '一种{kw}的分离纯化方法', '一种{kw}的处理工艺'],
  bio: ['一种{kw}的制备方法', '一种{kw}的加工工艺', '一种{kw}的检测方法'],
  civil: ['一种{kw}施工方法', '一种{kw}的监测方法', '一种{kw}的加固方法'],
  device: ['一种基于{kw}的控制方法', '一种{kw}检测系统', '一种基于{kw}的监测方法及系统'],
  agri: ['一种{kw}的栽培方法', '一种{kw}的处理方法', '一种{kw}的繁育方法'],
  animal: ['一种{kw}的检测方法', '一种{kw}饲料添加剂及其制备方法'],
  tcm: ['一种{kw}的质量检测方法', '一种{kw}提取物的制备方法'],
  medicine: ['一种{kw}的检测方法', '一种{kw}制剂及其制备方法'],
  science: ['一种{kw}的测定方法', '一种{kw}的计算方法'],
  fieldScience: ['一种{kw}的勘查方法', '一种{kw}的监测方法'],
};
const UTILITY_DEVICES = {
  thermal: ['烧结装置', '热处理装置', '制备装置', '检测装置'],
  chem: ['反应装置', '分离装置', '处理装置'],
  bio: ['加工装置', '发酵装置', '检测装置'],
  civil: ['加固结构', '监测装置', '连接构件'],
  device: ['控制装置', '检测装置', '监测装置', '试验装置'],
  agri: ['育苗装置', '播种装置', '喷施装置', '贮藏装置'],
  animal: ['饲喂装置', '检测装置'],
  tcm: ['提取装置', '炮制装置'],
  medicine: ['检测装置', '给药装置'],
  science: ['测量装置', '采样装置'],
  fieldScience: ['采样装置', '监测装置'],
};
const DESIGN_PRODUCTS = ['检测仪', '控制器', '控制箱', '手持终端'];

/** An invention title derived from the paper title, or null when no clean derivation exists. */
function titleDerivedInvention(title) {
  let t = title.replace(/[?？。]$/, '').trim();
  t = t.replace(/^(浅谈|浅析|试论|论|关于|谈谈)/, '');
  if (/——|--|:|：|\d+例|临床|治疗/.test(t)) return null;
  for (let i = 0; i < 3; i++) {
    t = t.replace(
      /(的)?(研究进展|研究现状|发展动态|进展|综述|初探|探讨|探析|探索|试验研究|实验研究|应用研究|研究|分析|浅析|比较|对比|可行性|思考)$/,
      '',
    );
  }
  t = t.replace(/(及其|及)应用$/, '');
  if (t.length < 6 || t.length > 40) return null;
  if (t.startsWith('一种')) t = t.slice(2);
  if (/(方法|系统|装置|工艺|设备|算法)$/.test(t)) return `一种${t}`;
  if (/技术$/.test(t)) return `一种${t.slice(0, -2)}方法`;
  const m = t.match(/^(.+)的(制备与表征|合成与表征|制备|合成|提取|测定|设计|研制|选育|开发)$/);
  if (
    m &&
    ['研制', '开发', '设计'].includes(m[2]) &&
    /(机|器|装置|系统|设备|仪|平台|库)$/.test(m[1])
  ) {
    return `一种${m[1]}`;
  }
  if (m) {
    const tail = {
      制备与表征: '制备方法',
      合成与表征: '合成方法',
      制备: '制备方法',
      合成: '合成方法',
      提取: '提取方法',
      测定: '测定方法',
      设计: '设计方法',
      研制: '制备方法',
      选育: '选育方法',
      开发: '实现方法',
    }[m[2]];
    return `一种${m[1]}的${tail}`;
  }
  if (/^基于.+的.+$/.test(t) && !/的影响$/.test(t)) return `一种${t}方法`;
  return null;
}

function patentTitle(paper, subfield, kind, index, kws, rng) {
  const kw = kws.length > 0 ? kws[index % kws.length] : paper.title.slice(0, 8);
  if (kind === 'DESIGN') return `${kw}${rng.pick(DESIGN_PRODUCTS)}`;
  if (kind === 'UTILITY_MODEL') {
    const device = rng.pick(UTILITY_DEVICES[subfield]);
    return rng.chance(0.5) ? `一种用于${kw}的${device}` : `一种${kw}${device}`;
  }
  const formula = kws.find((k) => FORMULA_RE.test(k));
  if (formula && index === 0)
    return rng.chance(0.5) ? `一种${formula}的制备方法` : `一种${formula}及其质量控制方法`;
  if (index === 0) {
    const derived = titleDerivedInvention(paper.title);
    if (derived) return derived;
  }
  return render(rng.pick(INVENTION_TITLES[subfield]), { kw }, rng);
}

function filingYear(rng) {
  return Number(
    rng.weighted({
      2015: 3,
      2016: 4,
      2017: 5,
      2018: 6,
      2019: 7,
      2020: 9,
      2021: 10,
      2022: 11,
      2023: 12,
      2024: 12,
      2025: 10,
    }),
  );
}

function makePatent(paper, subfield, index, kws, baseYear, usedNumbers, rng) {
  let kind = rng.weighted(PATENT_KIND_WEIGHTS[paper.category]);
  if (kind === 'DESIGN' && !DESIGN_SUBFIELDS.has(subfield)) kind = 'UTILITY_MODEL';
  let year = Math.min(2025, baseYear + (index === 0 ? 0 : rng.int(0, 2)));
  let filedOn = isoDate(year, rng.int(1, 12), rng.int(1, 28));
  if (filedOn > AS_OF) {
    year = 2025;
    filedOn = isoDate(2025, rng.int(1, 12), rng.int(1, 28));
  }
  let number;
  do {
    const serial = pad(rng.int(1, 1999999), 7);
    const body = `${year}${PATENT_TYPE_DIGIT[kind]}${serial}`;
    number = `${body}.${patentCheck(body)}`;
  } while (usedNumbers.has(number));
  usedNumbers.add(number);

  // Examination: inventions take 18–48 months, utility models and designs 4–10 months; some inventions
  // filed since 2022 are still in substantive examination.
  const grantAfter = kind === 'INVENTION' ? rng.int(18, 48) : rng.int(4, 10);
  let grantedOn = addMonths(filedOn, grantAfter, rng.int(0, 20));
  const stillExamined =
    grantedOn > AS_OF || (kind === 'INVENTION' && year >= 2022 && rng.chance(0.2));
  let legalStatus = 'GRANTED';
  let expiresOn = null;
  if (stillExamined) {
    legalStatus = 'PENDING';
    grantedOn = null;
  } else {
    expiresOn = addYears(filedOn, PATENT_TERM_YEARS[kind]);
    if (expiresOn <= AS_OF) legalStatus = 'EXPIRED';
  }
  const openLicence = legalStatus === 'GRANTED' && rng.chance(0.34);
  let openLicenceFeeYuan = null;
  if (openLicence) {
    const [lo, hi, step] = {
      INVENTION: [20000, 300000, 5000],
      UTILITY_MODEL: [5000, 60000, 1000],
      DESIGN: [3000, 20000, 1000],
    }[kind];
    openLicenceFeeYuan = roundTo(rng.logInt(lo, hi), step);
  }
  return {
    number,
    kind,
    title: patentTitle(paper, subfield, kind, index, kws, rng),
    legalStatus,
    filedOn,
    grantedOn,
    expiresOn,
    openLicence,
    openLicenceFeeYuan,
  };
}

function makeResult(paper, usedPatentNumbers) {
  const rng = new Rng(`result:${paper.id}`);
  const kws = usableKeywords(paper);
  const subfield = subfieldOf(paper);
  const isReview = REVIEW_RE.test(paper.title);
  const isSoft = subfield === 'soft';

  let trl = Number(rng.weighted(TRL_WEIGHTS[paper.category]));
  if (isReview) trl = Math.max(1, trl - 2);
  if (isSoft) trl = Math.min(trl, 4);

  let patentCount = Number(rng.weighted(PATENT_COUNT_WEIGHTS[paper.category]));
  if (isSoft) patentCount = 0;
  else if (isReview && rng.chance(0.6)) patentCount = 0;
  else if (['建筑学', '地理学'].includes(paper.discipline) && rng.chance(0.8)) patentCount = 0;
  else if (
    CLINICAL_RE.test(paper.title) &&
    !kws.some((k) => FORMULA_RE.test(k)) &&
    rng.chance(0.85)
  )
    patentCount = 0;
  const baseYear = filingYear(rng);
  const patents = [];
  const titles = new Set();
  for (let i = 0; i < patentCount; i++) {
    const p = makePatent(paper, subfield, i, kws, baseYear, usedPatentNumbers, rng);
    if (titles.has(p.title)) p.title = p.title.replace(/^一种/, '一种改进的');
    titles.add(p.title);
    patents.push(p);
  }
  const hasGranted = patents.some((p) => p.legalStatus === 'GRANTED');
  const hasPending = patents.some((p) => p.legalStatus === 'PENDING');
  const hasIp = hasGranted || hasPending;

  const modes = isSoft
    ? pickModes(rng, { JOINT_DEVELOPMENT: 0.4, SERVICE: 0.8 }, 'SERVICE')
    : pickModes(
        rng,
        {
          TRANSFER: hasIp ? 0.4 : 0.15,
          LICENSE: hasGranted ? 0.5 : hasPending ? 0.3 : 0.1,
          TRIAL_FIRST_LICENSE: hasGranted ? 0.72 : hasPending ? 0.3 : 0.05,
          JOINT_DEVELOPMENT: trl <= 5 ? 0.6 : 0.35,
          EQUITY: trl >= 6 ? 0.12 : 0.04,
          SERVICE: 0.22,
        },
        trl <= 5 ? 'JOINT_DEVELOPMENT' : 'LICENSE',
      );

  let priceMinYuan = null;
  let priceMaxYuan = null;
  if (!rng.chance(0.15)) {
    const [lo, hi] =
      isSoft || trl <= 3 ? [50000, 500000] : trl <= 6 ? [100000, 2000000] : [300000, 4000000];
    priceMinYuan = roundTo(rng.logInt(lo, hi), 10000);
    priceMaxYuan = Math.min(5000000, roundTo(priceMinYuan * rng.float(1.2, 3), 10000));
    if (priceMaxYuan < priceMinYuan) priceMaxYuan = priceMinYuan;
  }

  let level = rng.weighted(LEVEL_WEIGHTS);
  if (isSoft && level.startsWith('INTERNATIONAL')) level = 'NOT_EVALUATED';

  return {
    key: paper.id,
    title: paper.title,
    summary: paper.abstract,
    keywords: paper.keywords,
    discipline: paper.discipline,
    category: paper.category,
    institution: pickInstitution(paper, rng),
    trl,
    stage: stageOf(trl),
    level,
    modes,
    priceMinYuan,
    priceMaxYuan,
    serviceInvention: rng.chance(0.88),
    confidentialDetail: confidentialDetail(paper, subfield, kws, rng),
    patents,
  };
}

// ---------------------------------------------------------------------------------------------
// Divisions and industry sectors
// ---------------------------------------------------------------------------------------------

const DIVISIONS = {
  410302: {
    name: '老城区',
    county: false,
    prefixes: { 洛阳: 3, 洛阳市: 1 },
    resource: '古都文化和老字号资源',
    native: ['food', 'tourism'],
  },
  410303: {
    name: '西工区',
    county: false,
    prefixes: { 洛阳: 3, 洛阳市: 1 },
    resource: '城区商贸和科技服务资源',
    native: ['software', 'testing', 'food'],
  },
  410304: {
    name: '瀍河回族区',
    county: false,
    prefixes: { 洛阳: 3, 洛阳市: 1 },
    resource: '城区产业配套和清真食品传统',
    native: ['food', 'equipment', 'electronics'],
  },
  410305: {
    name: '涧西区',
    county: false,
    prefixes: { 洛阳: 4, 洛阳市: 1 },
    resource: '老工业基地的装备制造配套体系',
    native: ['bearing', 'miningMachinery', 'equipment', 'robotics', 'testing', 'electronics'],
  },
  410307: {
    name: '偃师区',
    county: false,
    prefixes: { 偃师市: 2, 洛阳: 2, 洛阳市偃师区: 1 },
    resource: '摩托车和三轮车产业集群',
    native: ['motorcycle', 'tricycle', 'equipment'],
  },
  410308: {
    name: '孟津区',
    county: false,
    prefixes: { 孟津县: 2, 洛阳: 2, 洛阳市孟津区: 1 },
    resource: '沿黄生态农业和文旅资源',
    native: ['fruit', 'livestock', 'food', 'tourism', 'sancai'],
  },
  410311: {
    name: '洛龙区',
    county: false,
    prefixes: { 洛阳: 4, 洛阳市: 1 },
    resource: '高新区和大学城的创新资源',
    native: ['software', 'robotics', 'electronics', 'biopharma', 'testing'],
  },
  410323: {
    name: '新安县',
    county: true,
    prefixes: { 新安县: 4, 洛阳: 1 },
    resource: '铝土矿和煤炭资源',
    native: ['aluminium', 'coalChem', 'coalMining', 'buildingMaterials'],
  },
  410324: {
    name: '栾川县',
    county: true,
    prefixes: { 栾川县: 4, 洛阳: 1 },
    resource: '钼钨矿产和山地旅游资源',
    native: ['molyMining', 'molyMaterials', 'tourism'],
  },
  410325: {
    name: '嵩县',
    county: true,
    prefixes: { 嵩县: 4, 洛阳: 1 },
    resource: '黄金和中药材资源',
    native: ['gold', 'herbs'],
  },
  410326: {
    name: '汝阳县',
    county: true,
    prefixes: { 汝阳县: 4, 洛阳: 1 },
    resource: '红薯、杜仲等特色农业资源',
    native: ['crops', 'herbs', 'food'],
  },
  410327: {
    name: '宜阳县',
    county: true,
    prefixes: { 宜阳县: 4, 洛阳: 1 },
    resource: '装备制造和建材产业基础',
    native: ['equipment', 'bearing', 'miningMachinery', 'buildingMaterials'],
  },
  410328: {
    name: '洛宁县',
    county: true,
    prefixes: { 洛宁县: 4, 洛阳: 1 },
    resource: '苹果、中药材等特色农业资源',
    native: ['fruit', 'herbs'],
  },
  410329: {
    name: '伊川县',
    county: true,
    prefixes: { 伊川县: 4, 洛阳: 1 },
    resource: '铝土矿、煤炭和耐火材料产业基础',
    native: ['refractory', 'aluminium', 'power', 'buildingMaterials', 'coalChem'],
  },
};

/** Which sectors sit where (100 enterprises, 58 of them in the 7 counties). */
const ENTERPRISE_PLAN = {
  410329: { refractory: 3, power: 2, aluminium: 2, buildingMaterials: 2, crops: 1 },
  410324: { molyMining: 3, molyMaterials: 3, tourism: 1, herbs: 1, fungi: 1 },
  410323: {
    aluminium: 2,
    coalChem: 2,
    biopharma: 2,
    buildingMaterials: 1,
    coalMining: 1,
    fruit: 1,
  },
  410327: {
    equipment: 3,
    bearing: 1,
    buildingMaterials: 1,
    coalChem: 1,
    crops: 1,
    miningMachinery: 1,
  },
  410325: { herbs: 2, gold: 2, fungi: 1, livestock: 1, crops: 1 },
  410326: { crops: 2, herbs: 1, molyMining: 1, buildingMaterials: 1, fungi: 1, food: 1 },
  410328: { fruit: 2, herbs: 2, gold: 1, livestock: 1, food: 1, equipment: 1 },
  410305: { bearing: 2, miningMachinery: 2, equipment: 2, robotics: 1, electronics: 1, testing: 1 },
  410311: {
    software: 2,
    robotics: 1,
    biopharma: 1,
    electronics: 1,
    testing: 1,
    food: 1,
    environment: 1,
  },
  410307: { motorcycle: 2, tricycle: 2, equipment: 2, textile: 1, refractory: 1 },
  410308: { fruit: 1, food: 1, livestock: 1, tourism: 1, sancai: 1, equipment: 1 },
  410303: { software: 1, food: 1, electronics: 1, testing: 1 },
  410302: { food: 1, tourism: 1, environment: 1 },
  410304: { equipment: 1, food: 1, environment: 1, electronics: 1 },
};

const HERBS = {
  410325: ['山茱萸', '柴胡', '天麻'],
  410326: ['杜仲', '连翘', '艾草'],
  410328: ['丹参', '金银花', '黄芩'],
  410324: ['连翘', '山茱萸', '猪苓'],
};
const FRUITS = {
  苹果: { stCur: '{i:3-4}个月', stTgt: '{i:6-8}个月', disease: '虎皮病和苦痘病' },
  樱桃: { stCur: '{i:7-10}天', stTgt: '{i:20-30}天', disease: '褐腐和果柄褐变' },
  梨: { stCur: '{i:2-3}个月', stTgt: '{i:5-6}个月', disease: '黑心病' },
};
const FRUIT_PATTERN = /果|蔬|梨|柿|苹果|樱桃|葡萄|温室|设施|施肥|水肥|苗木|喷雾|喷杆|补光/;
const FRUIT_BY_DIVISION = { 410328: '苹果', 410323: '樱桃', 410308: '梨' };
const CROPS = {
  谷子: { yCur: '{i:250-320}公斤', yTgt: '{i:380-450}公斤' },
  红薯: { yCur: '{i:2000-2500}公斤鲜薯', yTgt: '{i:3000-3500}公斤鲜薯' },
  小麦: { yCur: '{i:400-450}公斤', yTgt: '{i:500-550}公斤' },
  花生: { yCur: '{i:250-300}公斤', yTgt: '{i:350-400}公斤' },
};
const CROP_BY_DIVISION = { 410329: '谷子', 410326: '红薯', 410327: '花生', 410325: '小麦' };
const FOOD_BY_DIVISION = {
  410308: '牡丹籽油',
  410326: '红薯粉条',
  410302: '水席预制菜',
  410303: '浆面条',
  410328: '苹果醋饮料',
  410311: '速冻面点',
  410304: '清真牛肉制品',
};
const ANIMAL_BY_DIVISION = { 410325: '肉牛', 410328: '肉羊', 410308: '生猪' };
/** Per-product patterns a paper must also match before a need is phrased around it. */
const PRODUCT_PATTERNS = {
  牡丹籽油: /油|脂|牡丹|芍药|抗氧化|提取|蛋白/,
  红薯粉条: /淀粉|薯|粉丝|粉条|糊/,
  水席预制菜: /肉|保鲜|杀菌|冷冻|冻藏|腌制|蛋白/,
  浆面条: /面|发酵|乳酸|淀粉|豆|保鲜/,
  苹果醋饮料: /发酵|果|醋|饮料|澄清|乳酸|酵母|果汁/,
  速冻面点: /冷冻|冻藏|面|淀粉|速冻/,
  清真牛肉制品: /肉|保鲜|杀菌|腌制|Nisin|蛋白/,
  生猪: /猪|畜禽|粪|沼气|饲料|养殖/,
  肉牛: /牛|反刍|瘤胃|饲料|畜|粪/,
  肉羊: /羊|反刍|瘤胃|饲料|畜|粪/,
  红薯: /薯|脱毒|淀粉|种苗/,
  谷子: /谷子|粟|杂粮|旱作|种子|播种|排种/,
  小麦: /小麦|麦|种子|播种|排种|施肥|氮肥/,
  花生: /花生|种子|播种|排种|施肥/,
};
const WASTE_BY_DIVISION = {
  410329: '赤泥和粉煤灰',
  410323: '赤泥和粉煤灰',
  410327: '煤矸石',
  410326: '钼尾矿',
  410324: '钼尾矿',
};

/**
 * Each sector: GB/T 4754 大类 codes, name suffixes, business lines, CSL disciplines (exact CSL spelling),
 * a pattern that finds related CSL papers (title + keywords), vocabulary, metrics
 * ([name, unit, current lo, current hi, target lo, target hi, lowerIsBetter]), defects and hand-written
 * topics for needs that are not built around a paper.
 */
const SECTORS = {
  refractory: {
    codes: ['30'],
    suffixes: ['耐火材料有限公司', '高温材料有限公司', '耐材科技有限公司', '新材料科技有限公司'],
    biz: ['耐火材料研发与生产', '钢铁和有色冶炼用耐火材料生产', '不定形耐火材料及预制件生产'],
    products: ['镁碳砖', '高铝砖', '铝镁尖晶石浇注料', '刚玉莫来石制品', '钢包透气砖'],
    disciplines: ['材料科学与工程', '冶金工程'],
    re: /耐火|陶瓷|烧结|高温|Si3|SiC|莫来石|刚玉|氧化铝|镁砖|热震|窑|涂层|喷涂/,
    terms: ['耐火材料', '抗热震性', '显气孔率', '浇注料', '莫来石', '尖晶石', '钢包内衬'],
    metrics: [
      ['1400℃高温抗折强度', 'MPa', 6, 9, 12, 15],
      ['显气孔率', '%', 17, 20, 12, 14, true],
      ['钢包渣线寿命', '炉次', 60, 85, 110, 140],
      ['1100℃水冷热震次数', '次', 8, 12, 20, 30],
    ],
    defects: ['热震剥落', '结构疏松', '烧成裂纹', '氧化脱碳'],
    drivers: [
      '下游钢厂对炉衬寿命的要求逐年提高',
      '耐火原料价格持续上涨',
      '环保部门对窑炉排放的要求收紧',
    ],
    topics: [
      {
        t: '低碳镁碳砖抗氧化与抗热震性能提升',
        k: ['镁碳砖', '低碳化', '抗氧化剂', '抗热震性'],
        p: '公司低碳镁碳砖碳含量约{i:6-8}%，在钢包渣线部位使用寿命仅{i:60-80}炉次，主要失效形式为氧化脱碳后结构疏松和热震剥落。希望在不提高碳含量的前提下将寿命提高到{i:100-120}炉次以上。',
      },
      {
        t: '整体浇注料快速烘烤防爆裂技术',
        k: ['浇注料', '防爆裂', '烘烤制度', '透气性'],
        p: '铝镁浇注料整体浇注后按现行烘烤制度需{i:48-72}小时，缩短到{i:24-30}小时就会出现爆裂，近一年因此返修{i:3-6}次；需要防爆剂配方或新的烘烤曲线。',
      },
      {
        t: '水泥回转窑无铬耐火材料替代',
        k: ['无铬化', '镁铝尖晶石', '回转窑', '六价铬'],
        p: '现用镁铬砖存在六价铬环境风险，下游水泥客户要求限期完成替代；自研镁铝尖晶石砖挂窑皮性能差，烧成带寿命只有镁铬砖的{i:55-70}%。',
      },
      {
        t: '高铝砖隧道窑烧成节能与均温改造',
        k: ['隧道窑', '烧成制度', '节能降耗', '高铝砖'],
        p: '高铝砖烧成温度{i:1450-1500}℃，单位产品天然气消耗约{i:150-190}立方米/吨，窑内断面温差达{i:30-50}℃，成品率只有{i:82-88}%；希望通过窑炉结构和烧成曲线优化降低能耗{i:10-15}%。',
      },
    ],
  },
  aluminium: {
    codes: ['32'],
    suffixes: ['铝业有限公司', '铝材有限公司', '铝基新材料有限公司', '有色金属有限公司'],
    biz: ['铝板带箔加工', '电解铝及铝合金棒材生产', '再生铝回收与铸造铝合金生产'],
    products: ['铝合金板带', '电池铝箔', '6063铝合金棒', '再生铸造铝合金锭'],
    disciplines: ['冶金工程', '材料科学与工程'],
    re: /铝合金|铝电解|电解铝|铝箔|铝板|再生铝|熔盐|熔体|铸轧|挤压|冷加工|轧制|晶粒细化|阳极|雾化|弥散强化|冰晶石/,
    terms: ['铝合金', '电解铝', '铝箔', '再生铝', '铸轧', '晶粒细化', '熔体净化'],
    metrics: [
      ['吨铝直流电耗', 'kWh', 13250, 13450, 12800, 12950, true],
      ['综合成品率', '%', 72, 80, 85, 90],
      ['抗拉强度', 'MPa', 180, 210, 240, 270],
    ],
    defects: ['针孔', '粘辊', '边裂', '夹渣'],
    drivers: [
      '电价上涨使吨铝成本压力加大',
      '新能源汽车和储能客户对材料一致性要求更高',
      '铝加工行业能耗限额标准收紧',
    ],
    topics: [
      {
        t: '电池铝箔针孔与粘辊缺陷控制',
        k: ['电池铝箔', '针孔', '铸轧', '熔体净化'],
        p: '公司生产{i:10-15}微米电池铝箔，针孔超标和粘辊缺陷导致成品率只有{i:70-78}%；需要从熔体净化、铸轧工艺和轧制油管理等方面系统解决。',
      },
      {
        t: '再生铝熔体除铁净化技术',
        k: ['再生铝', '除铁', '熔体净化', '铸造铝合金'],
        p: '使用废铝易拉罐和型材边角料为原料，熔体含铁量常在{d:0.4-0.6}%以上，超出铸造铝合金牌号要求，只能降级使用；希望找到低成本除铁工艺，将铁含量控制在{d:0.15-0.25}%以下。',
      },
      {
        t: '铝电解槽低电压节能运行',
        k: ['铝电解', '槽电压', '阳极效应', '节能降耗'],
        p: '现有{i:400-500}kA电解槽平均电压约{d:3.90-4.00}V，阳极效应系数偏高，吨铝直流电耗在{i:13200-13400}kWh左右；目标是电耗降到{i:12800-12950}kWh以下并保持槽况稳定。',
      },
      {
        t: '6063铝合金挤压型材表面质量提升',
        k: ['6063铝合金', '挤压', '粗晶环', '均匀化退火'],
        p: '6063型材挤压后表面出现粗晶环和挤压条纹，约{i:5-8}%的产品需要返工；均匀化退火和挤压温度参数主要凭经验设定，缺乏系统验证。',
      },
      {
        t: '铝灰渣无害化处理与资源化',
        k: ['铝灰', '无害化处理', '资源化利用', '金属回收'],
        p: '熔铸车间每年产生铝灰约{i:2000-5000}吨，属于危险废物，委托处置费用每吨{i:2000-3000}元；希望就地回收金属铝，并把残渣无害化后综合利用。',
        d: ['冶金工程', '环境科学与工程'],
      },
      {
        t: '铝合金圆铸锭晶粒细化与偏析控制',
        k: ['铝合金铸锭', '晶粒细化', '宏观偏析', '半连续铸造'],
        p: '直径{i:400-600}mm的圆铸锭心部晶粒粗大、成分偏析明显，后续锻造开裂率约{i:3-6}%；需要细化剂选用和铸造参数优化方案。',
      },
    ],
  },
  molyMining: {
    codes: ['09'],
    suffixes: ['矿业有限公司', '钼业有限公司', '钨钼矿业有限公司', '矿产开发有限公司'],
    biz: ['钼矿采选', '钼钨共生矿开采和选矿', '钼矿选矿及伴生资源综合回收'],
    products: ['钼精矿', '白钨精矿', '萤石精粉'],
    disciplines: ['矿业工程', '冶金工程'],
    re: /钼|钨|浸出|选矿|选钛|矿体|尾矿|回采|充填|堆|放矿|浮选|品位|露天矿|边坡/,
    terms: ['钼精矿', '白钨矿', '浮选', '尾矿', '低品位矿', '选矿回收率', '伴生资源'],
    metrics: [
      ['钼选矿回收率', '%', 80, 84, 87, 90],
      ['白钨回收率', '%', 55, 62, 68, 75],
      ['采矿损失率', '%', 12, 16, 6, 9, true],
    ],
    defects: ['原矿品位波动', '矿泥干扰浮选', '药剂消耗偏高', '尾矿堆存压力'],
    drivers: [
      '矿山开采逐步转入深部，入选品位下降',
      '绿色矿山建设标准提高',
      '伴生资源综合利用被纳入考核',
    ],
    topics: [
      {
        t: '钼尾矿伴生白钨高效回收',
        k: ['白钨矿', '钼尾矿', '浮选', '综合回收'],
        p: '选钼尾矿中WO3品位约{d:0.06-0.09}%，每年排放尾矿约{i:300-500}万吨，现有工艺对白钨的回收率只有{i:50-60}%；希望提高到{i:68-75}%，同时降低加温精选的蒸汽消耗。',
      },
      {
        t: '低品位氧化钼矿选冶联合工艺',
        k: ['低品位矿', '氧化钼', '浸出', '选冶联合'],
        p: '矿区有约{i:800-1500}万吨氧化率超过{i:25-35}%的低品位钼矿，常规浮选回收率不足{i:55-65}%，长期作为废石堆存；希望找到经济可行的选冶联合或堆浸工艺。',
      },
      {
        d: ['矿业工程', '测绘科学与技术'],
        t: '露天采场高陡边坡监测预警',
        k: ['露天矿', '边坡监测', '变形预警', '三维重建'],
        p: '露天采场最大边坡高度超过{i:200-300}米，雨季局部滑塌时有发生，目前依靠人工巡检和少量位移监测点；需要能覆盖全采场、提前预警的边坡监测方案。',
      },
      {
        t: '尾砂胶结充填与尾矿库减量',
        k: ['尾矿库', '尾砂充填', '胶结充填', '充填体强度'],
        p: '尾矿库剩余库容约可使用{i:3-5}年，扩库审批困难；希望将尾砂用于井下胶结充填，要求充填体28天强度不低于{d:1.0-1.5}MPa，灰砂比控制在1:{i:6-10}。',
      },
      {
        t: '钼浮选过程泡沫图像智能控制',
        k: ['浮选', '智能控制', '泡沫图像', '药剂添加'],
        p: '浮选加药和液位控制依靠人工经验，不同班组之间钼回收率相差{d:1.0-2.5}个百分点；希望引进基于泡沫图像的浮选过程智能控制。',
        d: ['矿业工程', '控制科学与工程'],
      },
    ],
  },
  molyMaterials: {
    codes: ['32'],
    suffixes: ['钼业新材料有限公司', '钨钼材料有限公司', '难熔金属有限公司', '新材料科技有限公司'],
    biz: ['钼粉、钼板及钼制品深加工', '钨钼难熔金属制品生产', '高纯氧化钼及钼化工产品生产'],
    products: ['钼板', '钼丝', '钼靶材', '高纯三氧化钼', '钼坩埚'],
    disciplines: ['材料科学与工程', '冶金工程'],
    re: /粉末|烧结|合金|涂层|高温|雾化|喷涂|弥散|溅射|靶|难熔|钼|钨|致密/,
    terms: ['钼粉', '掺杂钼', '溅射靶材', '粉末冶金', '再结晶温度', '致密度', '难熔金属'],
    metrics: [
      ['烧结致密度', '%', 94.0, 96.0, 98.0, 99.5],
      ['再结晶温度', '℃', 1100, 1200, 1400, 1600],
      ['平均晶粒尺寸', 'μm', 80, 120, 30, 50, true],
    ],
    defects: ['轧制分层', '晶粒粗大', '高温脆断', '氧化挥发'],
    drivers: [
      '平板显示和光伏客户加快靶材国产化',
      '钼精矿价格高位运行，深加工附加值亟待提高',
      '下游对高端钼制品的纯度和一致性要求提高',
    ],
    topics: [
      {
        t: '大尺寸钼靶材致密化与晶粒均匀性控制',
        k: ['钼靶材', '溅射靶材', '致密化', '晶粒均匀性'],
        p: '为平板显示客户试制宽度{i:1800-2500}mm的钼靶材，致密度只能达到{d:97.0-98.0}%，边部和心部晶粒尺寸相差{i:2-3}倍，溅射时出现异常放电；需要烧结和轧制工艺方面的成熟方案。',
      },
      {
        t: '钼合金高温抗氧化涂层',
        k: ['钼合金', '抗氧化涂层', '硅化物涂层', '高温氧化'],
        p: '钼合金构件在{i:1200-1400}℃有氧环境下迅速氧化挥发，客户要求在该温度下服役不少于{i:50-100}小时；现有涂层经几次热循环后就开裂剥落。',
      },
      {
        t: '细钼丝拉拔断线控制',
        k: ['钼丝', '掺杂钼', '拉拔', '退火工艺'],
        p: '直径{d:0.05-0.08}mm细钼丝拉拔时断线频繁，每万米断线{i:3-6}次，影响线切割钼丝交货；怀疑与坯料掺杂均匀性和中间退火制度有关。',
      },
      {
        t: '钼粉氢还原粒度与氧含量控制',
        k: ['钼粉', '氢还原', '粒度分布', '氧含量'],
        p: '钼粉费氏粒度在{d:2.5-4.0}μm之间波动，氧含量偏高（约{i:800-1200}ppm），影响后续压制烧结；需要还原温度、氢气流量和舟皿装料方面的工艺优化。',
      },
    ],
  },
  power: {
    codes: ['44'],
    suffixes: ['发电有限公司', '热电有限公司', '能源有限公司'],
    biz: ['燃煤发电及集中供热', '热电联产', '火电及综合能源服务'],
    products: ['燃煤机组', '供热管网', '粉煤灰'],
    disciplines: ['动力工程及工程热物理', '电气工程', '环境科学与工程'],
    re: /锅炉|脱硫|燃煤|CO2|电力|电网|机组|风力|储能|烟气|超低排放|粉煤灰|传热|燃烧|汽轮机|电站|余热/,
    terms: ['燃煤机组', '超低排放', '灵活性改造', '储能调峰', '脱硝', '粉煤灰', '余热回收'],
    metrics: [
      ['供电煤耗', 'g/kWh', 305, 315, 290, 298, true],
      ['最低稳燃负荷', '%', 40, 45, 25, 30, true],
      ['氮氧化物排放浓度', 'mg/m³', 40, 50, 25, 30, true],
    ],
    defects: ['低负荷燃烧不稳', '空预器堵塞', '水冷壁高温腐蚀', '氨逃逸超标'],
    drivers: [
      '新能源大规模并网，机组调峰任务加重',
      '碳排放核查和能耗双控要求趋严',
      '燃煤价格波动压缩发电利润',
    ],
    topics: [
      {
        t: '燃煤机组深度调峰低负荷稳燃',
        k: ['深度调峰', '低负荷稳燃', '燃烧优化', '灵活性改造'],
        p: '两台{i:300-350}MW机组目前最低稳燃负荷约为额定负荷的{i:40-45}%，参与调峰的补偿收益有限；希望在不投油的条件下实现{i:25-30}%负荷稳定运行，同时保证脱硝入口烟温。',
      },
      {
        t: 'SCR脱硝喷氨优化与氨逃逸控制',
        k: ['SCR脱硝', '氨逃逸', '喷氨优化', '空预器堵塞'],
        p: '低负荷时SCR入口烟温偏低，喷氨量难以精确控制，氨逃逸经常超过{i:3-5}ppm，导致空预器硫酸氢铵堵塞，每年被迫停机清洗{i:1-3}次。',
      },
      {
        d: ['材料科学与工程', '环境科学与工程'],
        t: '电厂粉煤灰高值化利用',
        k: ['粉煤灰', '高值化利用', '固废资源化', '轻质建材'],
        p: '每年产生粉煤灰约{i:40-70}万吨，以低价外售水泥厂为主，淡季需要堆存；希望开发附加值更高的利用途径，如陶粒、轻质墙材或提取氧化铝等。',
      },
    ],
  },
  coalChem: {
    codes: ['26', '25'],
    suffixes: [
      ['化工有限公司', '26'],
      ['煤化工有限公司', '25', ['焦化及焦炉煤气综合利用', '煤制甲醇及下游产品生产']],
      ['能源化工有限公司', '25', ['焦化及焦炉煤气综合利用', '煤制甲醇及下游产品生产']],
    ],
    biz: ['焦化及焦炉煤气综合利用', '煤制甲醇及下游产品生产', '精细化工中间体生产'],
    products: ['甲醇', '焦炭', '煤焦油', '工业硫酸亚铁'],
    disciplines: ['化学/化学工程与技术', '环境科学与工程'],
    re: /煤|气化|甲醇|催化|萃取|反应器|结晶|废水|传质|焦|硫酸|填料床/,
    terms: ['焦炉煤气', '甲醇合成', '催化剂', '焦化废水', '结晶提纯', '传质强化', '副产物利用'],
    metrics: [
      ['甲醇合成催化剂寿命', '个月', 14, 18, 28, 36],
      ['废水COD', 'mg/L', 120, 180, 50, 80, true],
      ['产品纯度', '%', 98.0, 98.8, 99.5, 99.9],
    ],
    defects: ['催化剂失活', '设备腐蚀', '结晶结块', '废水指标波动'],
    drivers: [
      '园区对化工企业的环保和安全评估更加严格',
      '原料煤价格上涨使产品毛利下降',
      '下游客户对产品纯度提出更高要求',
    ],
    topics: [
      {
        d: ['环境科学与工程', '化学/化学工程与技术'],
        t: '焦化废水深度处理与回用',
        k: ['焦化废水', '深度处理', '高级氧化', '中水回用'],
        p: '焦化废水经生化处理后COD仍在{i:120-180}mg/L，总氮和氰化物波动大，不能满足回用要求；需要占地小、运行费用低的深度处理工艺，吨水处理成本控制在{i:8-15}元以内。',
      },
      {
        t: '焦炉煤气精脱硫与甲醇催化剂延寿',
        k: ['焦炉煤气', '甲醇合成', '精脱硫', '催化剂失活'],
        p: '甲醇合成催化剂使用{i:14-18}个月活性即明显下降，分析认为与原料气中有机硫和氯脱除不彻底有关；希望改进精脱硫工艺，使催化剂寿命达到{i:28-36}个月。',
      },
      {
        t: '副产硫酸亚铁提纯与资源化利用',
        k: ['硫酸亚铁', '结晶提纯', '副产物', '资源化利用'],
        p: '每年副产七水硫酸亚铁约{i:2-5}万吨，杂质钛、锰含量偏高，只能低价出售；希望通过重结晶或除杂工艺达到饲料级或电池材料前驱体级要求。',
      },
    ],
  },
  biopharma: {
    codes: ['27'],
    suffixes: ['生物科技有限公司', '药业有限公司', '制药有限公司', '生物医药有限公司'],
    biz: [
      '化学原料药及中间体生产',
      '中药提取物和保健食品原料生产',
      '兽用生物制品研发生产',
      '发酵类原料药生产',
    ],
    products: ['原料药', '中药提取物', '口服固体制剂', '兽用疫苗'],
    disciplines: ['药学', '生物学/生物科学与工程', '中医学/中药学'],
    re: /合成|制备|发酵|提取|纳米|质量标准|工艺|胶囊|制剂|乳剂|颗粒剂|注射液|含量测定|混悬|微条|色谱/,
    exclude: CLINICAL_RE,
    terms: ['原料药', '杂质控制', '制剂工艺', '一致性评价', '发酵工艺', '提取纯化', '质量标准'],
    metrics: [
      ['总收率', '%', 45, 55, 65, 75],
      ['有关物质总量', '%', 0.5, 0.8, 0.1, 0.3, true],
      ['发酵效价', 'U/mL', 1800, 2200, 2800, 3500],
    ],
    defects: ['杂质超标', '晶型不稳定', '批间差异大', '溶剂残留'],
    drivers: [
      '药品集中带量采购压低了产品价格',
      '药品监管部门对杂质研究的要求提高',
      '原料药项目环评审批趋严',
    ],
    topics: [
      {
        t: '原料药合成路线绿色化改造',
        k: ['原料药', '合成工艺', '溶剂替代', '杂质控制'],
        p: '某抗肿瘤原料药现有工艺步骤长，总收率只有{i:30-40}%，二氯甲烷等溶剂用量大，环保评估压力大；希望开发更短路线或连续流工艺，同时保证单个杂质不超过{d:0.10-0.15}%。',
      },
      {
        t: '中药提取物指标成分富集纯化',
        k: ['中药提取物', '大孔树脂', '纯化工艺', '含量测定'],
        p: '目前采用水提醇沉工艺，提取物中指标成分含量仅{i:8-15}%，出口客户要求达到{i:30-40}%以上，且批间含量差异不超过{i:5-8}%。',
      },
      {
        t: '口服固体制剂一致性评价处方工艺研究',
        k: ['一致性评价', '溶出曲线', '口服固体制剂', '处方工艺'],
        p: '两个口服固体制剂品种需要开展仿制药一致性评价，在pH6.8介质中溶出曲线与参比制剂差异较大（f2约{i:35-45}），需要处方与工艺研究支持。',
      },
    ],
  },
  herbs: {
    codes: ['01', '27'],
    suffixes: [
      ['中药材开发有限公司', '01'],
      ['本草科技有限公司', '01'],
      ['中药饮片有限公司', '27', ['中药材收购和饮片生产', '道地药材种苗繁育和饮片加工']],
      [
        '药材种植有限公司',
        '01',
        ['{herb}等中药材规范化种植与产地初加工', '中药材种植、收购和初加工'],
      ],
    ],
    biz: [
      '{herb}等中药材规范化种植与产地初加工',
      '道地药材种苗繁育和饮片加工',
      '中药材种植、收购和饮片生产',
    ],
    products: [],
    disciplines: ['中医学/中药学', '药学', '作物学'],
    re: /药材|饮片|炮制|种子|连作|栽培|育苗|组培|多糖|总黄酮|芍药苷|皂苷|生物碱|含量测定|质量标准|白术|三七|附子|桔梗/,
    exclude: CLINICAL_RE,
    terms: ['{herb}', '中药材', '规范化种植', '产地初加工', '有效成分', '种苗繁育', '连作障碍'],
    metrics: [
      ['有效成分含量', '%', 0.8, 1.2, 1.8, 2.5],
      ['种子发芽率', '%', 35, 50, 75, 85],
      ['亩产干品', '公斤', 120, 160, 200, 260],
    ],
    defects: ['根腐病', '有效成分含量不稳定', '采后霉变', '农残超标'],
    drivers: [
      '中药饮片企业对药材质量追溯的要求越来越严',
      '当地把中药材列为乡村振兴主导产业',
      '药材价格波动大、种植户积极性受影响',
    ],
    topics: [
      {
        d: ['作物学', '中医学/中药学'],
        t: '{herb}规范化种植与根腐病综合防控',
        k: ['{herb}', '连作障碍', '根腐病', '规范化种植'],
        p: '公司在{place}流转山地约{i:800-3000}亩种植{herb}，第二茬开始根腐病发病率达{i:20-35}%，亩产明显下降；希望获得土壤改良和病害综合防控的成套技术。',
      },
      {
        d: ['中医学/中药学', '农业工程'],
        t: '{herb}产地趁鲜加工与低温干燥',
        k: ['{herb}', '产地加工', '热泵干燥', '有效成分'],
        p: '{herb}采收后主要靠自然晾晒，遇连阴雨霉变损失可达{i:10-20}%，有效成分含量在{d:0.8-1.1}%至{d:1.5-2.0}%之间波动；需要低成本热泵干燥工艺及配套参数。',
      },
      {
        d: ['作物学', '中医学/中药学'],
        t: '{herb}种苗快繁与良种选育',
        k: ['{herb}', '种苗繁育', '组织培养', '良种选育'],
        p: '当地{herb}种子发芽率只有{i:30-50}%，种苗质量参差不齐；希望引进组培快繁或种子处理技术，使出苗率稳定在{i:75-85}%以上。',
      },
      {
        d: ['中医学/中药学', '药学'],
        t: '{herb}饮片质量标准提升与指纹图谱',
        k: ['{herb}', '中药饮片', '质量标准', '指纹图谱'],
        p: '饮片产品只按药典做常规检验，下游制药企业要求提供指纹图谱和至少{i:3-5}个成分的含量；公司缺少液相色谱方法开发能力，年送检费用约{i:20-60}万元，需要方法学研究和人员培训。',
      },
      {
        d: ['作物学', '林学/林业工程'],
        t: '{herb}林下仿野生种植技术',
        k: ['{herb}', '林下种植', '仿野生栽培', '生态种植'],
        p: '公司有约{i:1000-5000}亩林地，计划林下种植{herb}，但缺少密度、遮荫度和采收年限等技术参数，试种成活率只有{i:50-65}%。',
      },
    ],
  },
  fruit: {
    codes: ['01'],
    suffixes: ['农业科技有限公司', '果业有限公司', '生态农业有限公司', '农业开发有限公司'],
    biz: [
      '{fruit}种植、贮藏和销售',
      '{fruit}标准化种植基地建设和冷链销售',
      '特色林果种植和采后商品化处理',
    ],
    products: [],
    disciplines: ['园艺学', '农业工程', '食品科学与工程'],
    re: /保鲜|贮藏|育苗|品种|栽培|施肥|温室|补光|果|柿|梨|组培|测控|涂膜|喷雾|喷杆/,
    terms: ['{fruit}', '气调贮藏', '水肥一体化', '设施栽培', '果品分级', '冷链物流'],
    metrics: [
      ['优果率', '%', 55, 65, 75, 85],
      ['贮藏损耗率', '%', 12, 18, 5, 8, true],
    ],
    defects: ['采后腐烂', '裂果', '晚霜冻害', '{disease}'],
    drivers: [
      '电商和商超渠道对果品分级和货架期要求更高',
      '当地{fruit}种植面积扩大，集中上市压价明显',
      '劳动力成本上升，人工作业难以为继',
    ],
    topics: [
      {
        d: ['食品科学与工程', '园艺学'],
        t: '{fruit}气调贮藏保鲜与采后损耗控制',
        k: ['{fruit}', '气调贮藏', '保鲜剂', '采后损耗'],
        p: '公司有冷库约{i:2000-6000}吨，{fruit}常规冷藏{stCur}后品质明显下降，{disease}发生率达{i:10-18}%；希望引进气调或保鲜剂处理技术，把贮藏期延长到{stTgt}，损耗控制在{i:5-8}%以内。',
      },
      {
        d: ['农业工程', '园艺学'],
        t: '丘陵{fruit}园水肥一体化智能管控',
        k: ['{fruit}', '水肥一体化', '土壤墒情', '智能灌溉'],
        p: '基地{fruit}园约{i:500-2000}亩，位于丘陵坡地，灌溉施肥依靠人工，化肥用量偏大、优果率只有{i:55-65}%；希望建设低成本的水肥一体化和土壤墒情监测系统。',
      },
      {
        d: ['农业工程', '食品科学与工程'],
        t: '{fruit}自动分级与品质无损检测',
        k: ['{fruit}', '无损检测', '自动分级', '机器视觉'],
        p: '{fruit}分级依靠人工目测，每天分级能力约{i:10-30}吨，大小和糖度分级误差大，客户投诉率约{i:3-6}%；需要能同时检测外观和内部品质的分级设备。',
      },
      {
        d: ['园艺学'],
        t: '{fruit}花期晚霜冻害预警与防控',
        k: ['{fruit}', '晚霜冻害', '小气候监测', '防霜技术'],
        p: '近三年花期遭遇晚霜{i:2-3}次，坐果率下降{i:20-40}%；需要小气候监测预警和低成本的防霜技术。',
      },
    ],
  },
  crops: {
    codes: ['01', '13'],
    suffixes: [
      ['农业科技有限公司', '01'],
      ['种业有限公司', '01', ['{crop}良种繁育和订单种植']],
      ['农产品开发有限公司', '13'],
      ['粮油有限公司', '13', ['{crop}种植、收购和加工', '特色杂粮种植与初加工']],
    ],
    biz: ['{crop}种植、收购和加工', '{crop}良种繁育和订单种植', '特色杂粮种植与初加工'],
    products: [],
    disciplines: ['作物学', '农业资源利用', '农业工程'],
    re: /品种|种子|产量|玉米|小麦|红薯|油菜|氮|土壤|大豆|谷|施肥|播种|秸秆|育种|不育|排种|免耕|深松/,
    terms: ['{crop}', '优质品种', '氮肥利用率', '机械化播种', '土壤改良', '订单农业'],
    metrics: [
      ['氮肥利用率', '%', 28, 33, 40, 45],
      ['机械化作业率', '%', 40, 55, 80, 90],
    ],
    defects: ['品种退化', '旱情减产', '收获损失大', '土壤板结'],
    drivers: [
      '订单收购企业对品质一致性提出要求',
      '农村劳动力外出务工，种植环节用工紧张',
      '当地打造{crop}区域公用品牌',
    ],
    topics: [
      {
        d: ['作物学'],
        t: '{crop}品种退化防治与优质种源繁育',
        k: ['{crop}', '品种退化', '良种繁育', '脱毒种苗'],
        p: '合作社种植的{crop}多为农户自留种，连续种植多年后退化严重，亩产从{yTgt}下降到{yCur}左右；希望引进优质种源和配套的繁育技术。',
      },
      {
        d: ['作物学', '农业资源利用'],
        t: '旱地{crop}节水保墒与减肥增效栽培',
        k: ['{crop}', '旱作农业', '节水保墒', '减肥增效'],
        p: '基地约{i:1000-5000}亩丘陵旱地，靠天吃饭，亩产常年在{yCur}上下；希望通过覆膜、深松和配方施肥等技术把亩产提高到{yTgt}，化肥用量减少{i:10-20}%。',
      },
      {
        d: ['农业工程', '作物学'],
        t: '丘陵山地{crop}全程机械化配套技术',
        k: ['{crop}', '全程机械化', '小型农机', '丘陵山地'],
        p: '地块小而分散，大型农机进不去，播种和收获仍以人工为主，每亩人工成本约{i:300-500}元；需要适合丘陵山地的小型播种收获机械及农艺配套方案。',
      },
      {
        d: ['食品科学与工程', '作物学'],
        t: '{crop}产后储藏与品质分级',
        k: ['{crop}', '产后储藏', '品质分级', '霉变控制'],
        p: '收购旺季集中入库约{i:2000-8000}吨，简易仓储霉变和虫害损失约{i:5-10}%，品质分级靠人工；希望获得低成本储藏和快速分级技术。',
      },
    ],
  },
  fungi: {
    codes: ['01', '14'],
    suffixes: [
      ['食用菌有限公司', '01'],
      ['菌业科技有限公司', '01'],
      ['农业科技有限公司', '01'],
      ['食品有限公司', '14', ['香菇、木耳等食用菌深加工']],
    ],
    biz: ['香菇菌棒生产和鲜菇销售', '食用菌工厂化栽培', '香菇、木耳等食用菌深加工'],
    products: ['香菇', '黑木耳', '香菇酱'],
    disciplines: ['园艺学', '食品科学与工程', '生物学/生物科学与工程'],
    re: /食用菌|菇|木耳|菌丝|菌渣|菌种|真菌|灵芝|虫草|拟青霉|多糖提取|冻干|烘干|干燥/,
    terms: ['香菇', '菌棒', '杂菌污染', '出菇管理', '菌渣利用', '低温烘干'],
    metrics: [
      ['菌棒污染率', '%', 8, 15, 2, 4, true],
      ['生物学效率', '%', 70, 85, 95, 110],
    ],
    defects: ['绿霉污染', '畸形菇', '烂棒', '烘干褐变'],
    drivers: [
      '食用菌是当地脱贫后持续增收的主导产业',
      '木屑等原料价格上涨',
      '出口客户对农残和重金属检测更加严格',
    ],
    topics: [
      {
        t: '香菇菌棒杂菌污染综合控制',
        k: ['香菇', '菌棒', '杂菌污染', '灭菌工艺'],
        p: '年产菌棒约{i:300-800}万棒，夏季发菌期绿霉等杂菌污染率达{i:8-15}%，每年损失上百万元；希望在灭菌、接种环境和配方上获得系统改进方案，把污染率降到{i:2-4}%以下。',
      },
      {
        d: ['环境科学与工程', '农业资源利用'],
        t: '废弃菌渣资源化利用',
        k: ['菌渣', '资源化利用', '有机肥', '栽培基质'],
        p: '每年产生废弃菌渣约{i:1-3}万吨，目前多为就地堆放或焚烧；希望把菌渣转化为有机肥、育苗基质或饲料原料，并形成可推广的处理工艺。',
      },
      {
        t: '香菇低温烘干与风味保持',
        k: ['香菇', '低温烘干', '风味保持', '褐变控制'],
        p: '现用燃煤烘房烘干香菇，菇面褐变和开伞率高，一级品率只有{i:45-60}%；希望采用热泵烘干并给出分段温湿度曲线，使一级品率达到{i:75-85}%。',
      },
      {
        t: '香菇工厂化周年出菇环境控制',
        k: ['香菇', '工厂化栽培', '周年出菇', '环境控制'],
        p: '夏季高温期出菇困难，一年只能集中出菇{i:5-7}个月；希望建设工厂化出菇车间，需要温光水气的控制参数和节能方案。',
        d: ['园艺学', '农业工程'],
      },
    ],
  },
  food: {
    codes: ['13', '14'],
    suffixes: ['食品有限公司', '食品科技有限公司', '粮油食品有限公司'],
    biz: ['{product}等特色食品生产', '传统风味食品工业化生产', '特色农产品精深加工'],
    products: [],
    disciplines: ['食品科学与工程'],
    re: /.*/,
    terms: ['{product}', '保质期', '杀菌工艺', '风味保持', '标准化生产', '冷链'],
    metrics: [
      ['保质期', '天', 30, 90, 180, 270],
      ['日产能', '吨', 2, 5, 10, 15],
      ['产品合格率', '%', 90, 94, 98, 99],
    ],
    defects: ['褐变', '脂肪氧化', '断条', '微生物超标'],
    drivers: [
      '电商渠道快速增长，对保质期和包装提出新要求',
      '食品安全抽检频次增加',
      '老字号产品需要工业化扩产',
    ],
    topics: [
      {
        t: '{product}货架期延长与风味保持',
        k: ['{product}', '货架期', '非热杀菌', '风味保持'],
        p: '产品目前保质期只有{i:30-90}天，电商和商超渠道希望延长到{i:180-270}天；高温杀菌后风味和口感明显下降，希望采用非热杀菌或栅栏技术。',
      },
      {
        t: '传统{product}工业化生产线改造',
        k: ['{product}', '工业化生产', '工艺标准化', '自动化'],
        p: '{product}制作依赖手工和老师傅经验，批次间口感差异大，日产能只有{i:2-5}吨；希望实现关键工序自动化和工艺参数标准化。',
      },
      {
        t: '牡丹籽油精炼与饼粕高值化利用',
        k: ['牡丹籽油', '精炼工艺', '饼粕利用', '芍药苷'],
        p: '牡丹籽出油率只有{i:18-22}%，冷榨饼粕约占{i:70-78}%，目前作饲料低价处理；希望提高出油率，并从饼粕中提取芍药苷、牡丹籽蛋白等高值成分。',
        when: (v) => v.product === '牡丹籽油',
      },
      {
        t: '红薯粉条无矾化生产工艺',
        k: ['红薯粉条', '无矾工艺', '断条率', '淀粉改性'],
        p: '传统工艺依靠明矾改善粉条筋道性，铝残留检测风险高；去掉明矾后断条率升到{i:15-25}%，煮后浑汤；需要无矾配方和配套工艺。',
        when: (v) => v.product === '红薯粉条',
      },
    ],
  },
  livestock: {
    codes: ['03'],
    suffixes: ['牧业有限公司', '养殖有限公司', '生态农牧有限公司'],
    biz: ['{animal}规模化养殖', '{animal}繁育与育肥', '种养结合的{animal}生态养殖'],
    products: [],
    disciplines: ['畜牧学/兽医学', '环境科学与工程', '食品科学与工程'],
    re: /饲料|羔羊|畜|粪|养殖|猪|鸡|病原|大肠杆菌|沼气|蛋|肉|屠宰|牛|羊|瘤胃/,
    terms: ['{animal}', '规模化养殖', '粪污资源化', '饲料转化率', '疫病防控', '秸秆饲料化'],
    metrics: [
      ['料肉比', '', 3.2, 3.6, 2.8, 3.0, true],
      ['成活率', '%', 88, 92, 96, 98],
    ],
    defects: ['腹泻', '呼吸道疾病', '饲料霉变', '粪污外溢'],
    drivers: ['畜禽粪污资源化利用考核趋严', '饲料原料价格上涨', '养殖规模扩大后疫病防控压力增加'],
    topics: [
      {
        d: ['环境科学与工程', '畜牧学/兽医学'],
        t: '山区{animal}养殖场粪污资源化利用',
        k: ['{animal}', '粪污处理', '有机肥', '资源化利用'],
        p: '存栏{animal}约{i:2000-8000}头，每天产生粪污约{i:50-150}吨，现有沼气池产气效率低、冬季基本停运；需要适合山区的粪污处理和有机肥生产工艺。',
      },
      {
        d: ['畜牧学/兽医学'],
        t: '玉米秸秆青贮饲料品质提升',
        k: ['青贮饲料', '玉米秸秆', '乳酸菌剂', '有氧稳定性'],
        p: '每年青贮玉米秸秆约{i:5000-20000}吨，开窖后二次发酵和霉变损失约{i:8-15}%，{animal}采食量不稳定；希望获得青贮菌剂和窖贮管理技术。',
      },
      {
        d: ['畜牧学/兽医学'],
        t: '{animal}常见疫病快速检测',
        k: ['{animal}', '疫病快速检测', '病原鉴定', '精准用药'],
        p: '场内腹泻和呼吸道疾病多靠经验用药，抗生素用量偏大，年死淘率约{i:5-9}%；希望引进现场快速检测试剂盒和精准用药方案。',
      },
    ],
  },
  motorcycle: {
    codes: ['37'],
    suffixes: ['摩托车有限公司', '车业有限公司', '动力机械有限公司'],
    biz: ['摩托车整车及发动机生产', '摩托车发动机零部件加工', '越野摩托车整车制造'],
    products: ['摩托车发动机', '越野摩托车', '曲轴箱', '离合器总成'],
    disciplines: ['机械工程', '动力工程及工程热物理', '交通运输工程'],
    re: /齿轮|减速|传动|可靠|焊|发动机|喷嘴|雾化|PHEV|燃烧|振动|噪声|排气|微粒|柴油机|车架/,
    terms: ['摩托车发动机', '电喷系统', '车架焊接', '排放控制', '振动噪声', '离合器'],
    metrics: [
      ['焊接一次合格率', '%', 85, 92, 97, 99],
      ['台架耐久里程', '公里', 20000, 30000, 50000, 60000],
      ['怠速振动', 'mm/s', 8, 12, 4, 6, true],
    ],
    defects: ['焊接变形', '发动机异响', '冷启动困难', '漏油'],
    drivers: [
      '出口市场排放法规升级',
      '越野和休闲摩托车需求增长',
      '整车企业对配套件质量一致性要求提高',
    ],
    topics: [
      {
        t: '出口摩托车发动机电喷自主标定',
        k: ['摩托车发动机', '电喷系统', '排放标定', '冷启动'],
        p: '出口东南亚和南美的{i:125-250}mL发动机需满足更严的排放要求，冷启动阶段HC排放接近限值，电喷标定完全依赖供应商；希望掌握自主标定能力。',
      },
      {
        t: '摩托车车架焊接变形控制',
        k: ['车架焊接', '焊接变形', '焊接工装', '机器人焊接'],
        p: '车架焊接后变形量达{d:1.5-3.0}mm，需要人工校正，焊接一次合格率{i:85-92}%；希望优化焊接顺序和工装，目标一次合格率{i:97-99}%。',
      },
      {
        t: '单缸发动机振动噪声优化',
        k: ['单缸发动机', '振动噪声', '平衡轴', '模态分析'],
        p: '{i:250-450}mL单缸发动机在{i:5000-6000}r/min附近车把振动明显，用户反馈集中；需要整机振动噪声分析和平衡系统改进方案。',
      },
    ],
  },
  tricycle: {
    codes: ['36', '37'],
    suffixes: ['车辆有限公司', '电动车有限公司', '三轮车制造有限公司'],
    biz: ['电动三轮车整车制造', '燃油和电动三轮车生产', '农用三轮车及车桥生产'],
    products: ['电动三轮车', '车桥', '电机控制器', '动力电池包'],
    disciplines: ['电气工程', '机械工程', '交通运输工程'],
    re: /电池|储能|电机|控制器|超级电容|PWM|矢量控制|传动|齿轮|电源|软开关|车桥|差速/,
    exclude: /卫星|空间|风力|电力系统|电网|燃料电池/,
    terms: ['电动三轮车', '电机控制器', '锂电池包', '续航里程', '车桥', '爬坡性能'],
    metrics: [
      ['满载续航里程', '公里', 60, 75, 90, 110],
      ['控制器效率', '%', 88, 91, 94, 96],
      ['三包索赔率', '%', 1.5, 3.0, 0.5, 0.8, true],
    ],
    defects: ['控制器过热', '电池衰减快', '齿轮点蚀', '车架开裂'],
    drivers: [
      '农村物流和城镇配送对电动三轮车需求增长',
      '电动车强制性国家标准更新',
      '铅酸电池向锂电池切换',
    ],
    topics: [
      {
        t: '电动三轮车电机控制器效率与散热',
        k: ['电机控制器', '电动三轮车', '矢量控制', '散热设计'],
        p: '现用控制器在满载爬{i:15-20}%坡道时频繁过热保护，整车续航比同类产品低{i:10-15}%；需要控制算法和散热结构方面的改进方案。',
      },
      {
        d: ['电气工程', '动力工程及工程热物理'],
        t: '三轮车锂电池包热管理与安全',
        k: ['锂电池包', '热管理', '电池管理系统', '梯次利用'],
        p: '锂电池版车型冬季续航衰减{i:30-40}%，夏季高温充电时有鼓包；需要适合低成本车型的电池热管理和电池管理系统方案。',
      },
      {
        t: '重载车桥差速器齿轮降噪与寿命提升',
        k: ['车桥', '差速器齿轮', '齿轮点蚀', '热处理'],
        p: '差速器齿轮在重载工况下噪声大，部分用户使用{i:8-12}个月出现齿面点蚀，三包索赔率约{d:1.5-3.0}%；需要齿形修形和热处理工艺优化。',
      },
    ],
  },
  equipment: {
    codes: ['34', '35'],
    suffixes: ['机械有限公司', '重工机械有限公司', '装备制造有限公司', '机电设备有限公司'],
    biz: [
      '减速机和传动部件制造',
      '冶金及建材专用设备制造',
      '液压缸及液压系统生产',
      '农业机械及零部件生产',
      '非标自动化设备制造',
    ],
    products: ['齿轮减速机', '液压缸', '球磨机衬板', '拖拉机零部件', '输送设备'],
    disciplines: ['机械工程', '控制科学与工程', '材料科学与工程'],
    re: /齿轮|减速器|可靠|数控|机床|刀具|焊|涂层|耐磨|喷涂|视觉|标定|液压|制动|振动|疲劳|行星|铣削/,
    terms: ['减速机', '液压系统', '数控加工', '耐磨件', '焊接工艺', '可靠性设计', '故障诊断'],
    metrics: [
      ['设备综合效率OEE', '%', 45, 55, 70, 80],
      ['平均无故障时间', 'h', 3000, 5000, 10000, 15000],
      ['关键件合格率', '%', 90, 94, 98, 99],
    ],
    defects: ['齿面点蚀', '液压缸内泄', '焊缝开裂', '加工尺寸超差'],
    drivers: [
      '主机厂客户推行供应商质量分级',
      '原材料和人工成本上涨',
      '客户要求设备具备远程运维功能',
    ],
    topics: [
      {
        t: '重载硬齿面减速机可靠性与寿命提升',
        k: ['减速机', '可靠性设计', '齿面点蚀', '寿命试验'],
        p: '公司生产的硬齿面减速机用于矿山和建材行业，部分客户反映{i:8000-12000}小时内出现齿面点蚀和轴承失效；希望开展可靠性设计与试验，寿命目标{i:20000-30000}小时。',
      },
      {
        t: '球磨机耐磨衬板材料与热处理',
        k: ['耐磨衬板', '耐磨合金', '热处理工艺', '球磨机'],
        p: '球磨机高锰钢衬板使用寿命约{i:4-6}个月，磨损后需要频繁停机更换；希望开发新的耐磨合金或复合衬板，寿命提高{i:50-100}%。',
      },
      {
        d: ['机械工程', '计算机科学与技术'],
        t: '离散制造车间数控设备联网与排产',
        k: ['数控机床', '设备联网', '数据采集', '智能排产'],
        p: '车间有{i:30-60}台数控机床，品牌和年代不一，设备利用率统计靠人工，OEE约{i:45-55}%；需要低成本的数据采集和排产优化方案。',
      },
      {
        t: '工程液压缸内泄与密封寿命',
        k: ['液压缸', '密封件', '内泄漏', '表面处理'],
        p: '液压缸在{i:25-31}MPa工况下工作{i:6-10}个月后内泄量超标，返修率约{i:3-5}%；需要缸筒内表面处理和密封结构方面的改进。',
      },
      {
        t: '拖拉机变速箱齿轮渗碳淬火变形控制',
        k: ['拖拉机', '齿轮', '渗碳淬火', '热处理变形'],
        p: '变速箱齿轮渗碳淬火后畸变大，齿向精度下降{i:1-2}级，只能增加磨齿工序，单件成本增加约{i:30-60}元；希望通过工艺和工装优化控制变形。',
        when: (v) => v.biz.includes('农业机械'),
      },
      {
        t: '中厚板结构件机器人焊接工艺开发',
        k: ['机器人焊接', '焊接工艺', '焊缝跟踪', '结构件'],
        p: '中厚板结构件以人工焊接为主，焊工短缺且一次合格率约{i:88-93}%；拟引进焊接机器人，但坡口一致性差，需要焊缝跟踪和工艺参数库支持。',
      },
      {
        t: '带式输送机托辊降噪与节能',
        k: ['带式输送机', '托辊', '降噪', '节能'],
        p: '出口客户要求输送机运行噪声不高于{i:75-80}dB(A)，现有托辊在{d:3.0-4.5}m/s带速下噪声超标、旋转阻力偏大；需要托辊密封和轴承结构的改进方案。',
      },
      {
        t: '大型铸钢件缩松缩孔缺陷控制',
        k: ['铸钢件', '缩松缩孔', '铸造工艺', '凝固模拟'],
        p: '大型铸钢件超声探伤不合格率约{i:8-15}%，主要缺陷为缩松和缩孔，补焊返修工作量大；需要凝固模拟和浇冒口系统优化。',
        d: ['材料科学与工程', '机械工程'],
      },
      {
        t: '售后设备远程运维与故障诊断',
        k: ['远程运维', '故障诊断', '振动监测', '预测性维护'],
        p: '售出设备分布在全国{i:10-20}个省份，售后响应慢，客户要求提供故障预警；需要低成本的振动与温度监测终端和诊断模型。',
        d: ['机械工程', '控制科学与工程'],
      },
      {
        t: '铝合金薄壁件数控加工变形控制',
        k: ['数控加工', '加工变形', '刀具寿命', '薄壁件'],
        p: '铝合金薄壁壳体数控加工后平面度超差率约{i:6-12}%，刀具寿命短，单件加工时间{i:40-70}分钟；希望优化装夹方式和切削参数。',
      },
    ],
  },
  bearing: {
    codes: ['34'],
    suffixes: ['轴承有限公司', '精密轴承有限公司', '轴承科技有限公司'],
    biz: [
      '中小型滚动轴承生产',
      '风电和矿山机械用大型轴承制造',
      '轴承套圈锻造及热处理',
      '精密机床轴承生产',
    ],
    products: ['深沟球轴承', '圆锥滚子轴承', '风电主轴轴承', '轴承保持架'],
    disciplines: ['机械工程', '材料科学与工程'],
    re: /轴承|齿轮|可靠|涂层|耐磨|表面|粗糙|热处理|疲劳|润滑|振动|钢|纳米压痕|磨/,
    terms: ['滚动轴承', '疲劳寿命', '套圈热处理', '保持架', '振动噪声', '磨削烧伤'],
    metrics: [
      ['额定寿命试验达标率', '%', 80, 88, 95, 98],
      ['套圈淬火变形超差率', '%', 6, 10, 1, 2, true],
      ['振动值', 'dB', 48, 54, 40, 44, true],
    ],
    defects: ['磨削烧伤', '套圈变形', '早期疲劳剥落', '异音'],
    drivers: [
      '风电和工程机械客户加快轴承国产化替代',
      '主机厂对轴承振动噪声指标要求提高',
      '高端轴承钢价格上涨',
    ],
    topics: [
      {
        t: '轴承套圈淬火变形与组织控制',
        k: ['套圈热处理', '淬火变形', 'GCr15', '磨削烧伤'],
        p: 'GCr15套圈淬火后椭圆度超差率达{i:6-10}%，磨削余量加大，并偶有磨削烧伤；希望优化淬火冷却工艺，把变形超差率降到{i:1-2}%以下。',
      },
      {
        t: '风电主轴轴承疲劳寿命评估与试验',
        k: ['风电轴承', '疲劳寿命', '寿命试验', '有限元分析'],
        p: '正在开发{d:2.0-3.5}MW风机主轴轴承，缺少全尺寸寿命试验条件，客户要求提供寿命评估报告；需要载荷谱分析、寿命计算和缩比试验方法。',
      },
      {
        t: '轴承振动噪声在线自动检测',
        k: ['滚动轴承', '振动检测', '异音识别', '在线检测'],
        p: '目前靠人工听诊和抽检振动值判断噪声，漏检率较高，客户投诉主要集中在异音；需要基于振动信号的在线自动检测装置，检测节拍不超过{i:5-8}秒。',
      },
    ],
  },
  miningMachinery: {
    codes: ['35'],
    suffixes: ['矿山机械有限公司', '重型装备有限公司', '矿山装备有限公司'],
    biz: ['矿用提升机和破碎设备制造', '矿山机械维修与再制造', '选矿和输送设备生产'],
    products: ['矿井提升机', '圆锥破碎机', '半自磨机', '带式输送机'],
    disciplines: ['机械工程', '矿业工程', '控制科学与工程'],
    re: /提升机|破碎|堆料|皮带|输送|微震|故障|诊断|振动|减速器|磨机|衬板|可靠性|边坡/,
    terms: ['矿山机械', '提升机', '破碎机', '远程运维', '故障诊断', '再制造', '智能矿山'],
    metrics: [
      ['设备可用率', '%', 88, 92, 96, 98],
      ['衬板寿命', '个月', 3, 5, 7, 9],
      ['故障预警准确率', '%', 60, 70, 85, 90],
    ],
    defects: ['主轴裂纹', '制动闸瓦磨损', '衬板断裂', '轴承过热'],
    drivers: [
      '智能矿山建设要求设备具备状态感知能力',
      '矿山客户从买设备转向买服务',
      '大型铸锻件价格上涨',
    ],
    topics: [
      {
        t: '矿井提升机远程状态监测与故障预警',
        k: ['矿井提升机', '状态监测', '故障预警', '远程运维'],
        p: '已售出提升机约{i:80-150}台，售后主要靠现场服务，主轴装置和制动系统的故障不能提前发现；希望开发远程状态监测与故障预警系统。',
      },
      {
        t: '圆锥破碎机衬板磨损监测与寿命预测',
        k: ['圆锥破碎机', '衬板磨损', '寿命预测', '排料口调整'],
        p: '衬板磨损后排料口变大，产品粒度超标约{i:8-15}%，目前靠停机人工测量；希望实现在线磨损监测和剩余寿命预测。',
      },
      {
        t: '大型矿山设备铸锻件再制造修复',
        k: ['再制造', '激光熔覆', '大型铸锻件', '修复工艺'],
        p: '磨机大齿圈、提升机主轴等大件磨损或出现裂纹后整体更换成本高、周期长（{i:4-8}个月）；希望引进激光熔覆等再制造修复技术并形成工艺规范。',
      },
    ],
  },
  robotics: {
    codes: ['34', '35'],
    suffixes: ['智能科技有限公司', '自动化科技有限公司', '机器人有限公司'],
    biz: ['工业机器人系统集成', '机器视觉检测设备研发', '智能仓储物流装备制造'],
    products: ['机器人工作站', '视觉检测设备', 'AGV'],
    disciplines: ['控制科学与工程', '计算机科学与技术', '机械工程'],
    re: /视觉|机器人|路径|遥操作|标定|识别|图像|跟踪|定位|运动控制|预测控制|自适应控制|蚁群|神经网络|插补/,
    terms: ['工业机器人', '机器视觉', '路径规划', 'AGV', '缺陷检测', '运动控制'],
    metrics: [
      ['缺陷检出率', '%', 92, 95, 99, 99.5],
      ['误检率', '%', 3, 6, 0.5, 1, true],
      ['定位精度', 'mm', 0.5, 1.0, 0.1, 0.2, true],
    ],
    defects: ['误检漏检', '轨迹偏差', '调度死锁', '标定漂移'],
    drivers: [
      '制造企业机器换人需求快速增长',
      '项目交付周期被客户不断压缩',
      '核心算法依赖国外软件授权',
    ],
    topics: [
      {
        t: '复杂曲面铸件机器人打磨轨迹规划',
        k: ['工业机器人', '打磨', '轨迹规划', '力控'],
        p: '为铸件客户做机器人打磨工作站，曲面零件每换一个型号要示教{i:2-4}天，打磨一致性差；需要基于三维扫描的自动轨迹生成和力控打磨技术。',
      },
      {
        t: '金属件表面缺陷视觉检测算法',
        k: ['机器视觉', '缺陷检测', '深度学习', '小样本'],
        p: '冲压件缺陷检测设备的误检率约{i:3-6}%，对宽度小于{d:0.1-0.2}mm的细小划痕漏检较多；需要提升检测算法的准确率和在新品种上的泛化能力。',
      },
      {
        t: '多AGV协同调度与路径规划',
        k: ['AGV', '多车调度', '路径规划', '死锁避免'],
        p: '仓储项目中{i:20-40}台AGV同时运行时常出现拥堵和死锁，搬运效率比设计值低{i:20-30}%；需要多车协同调度和路径规划算法。',
      },
    ],
  },
  software: {
    anchorTitles: [
      '{kw1}算法研发与平台集成',
      '基于{kw1}的{kw2}软件开发',
      '{kw1}核心模块国产化开发',
    ],
    anchorProblems: [
      '客户现场对{kw1}相关功能的需求集中，公司现有方案在准确率和响应速度上不足，{kw2}方面缺少核心算法。',
      '现有系统在{kw1}上依赖第三方组件，授权费用高、难以定制，希望获得自主可控的{kw2}技术。',
      '希望把{kw1}集成到公司平台中，在{i:3-6}个月内完成{i:2-5}个客户现场的试点验证。',
    ],
    codes: ['65'],
    suffixes: ['信息技术有限公司', '软件有限公司', '数字科技有限公司'],
    biz: ['工业软件与数字化解决方案', '智慧农业信息平台开发', '企业信息化系统集成'],
    products: ['工业互联网平台', '物联网监测平台', 'MES系统'],
    disciplines: ['计算机科学与技术', '信息与通信工程', '控制科学与工程'],
    re: /算法|网络|数据|物联网|通信|识别|图像|模型|优化|无线|监控|检测|认证|检索|并行/,
    terms: ['工业互联网', '数据采集', '边缘计算', '物联网', '知识图谱', '预测模型'],
    metrics: [
      ['设备接入率', '%', 50, 65, 90, 95],
      ['预测准确率', '%', 70, 80, 90, 95],
      ['数据采集延迟', 'ms', 500, 1000, 50, 100, true],
    ],
    defects: ['协议不兼容', '数据丢包', '模型泛化差'],
    drivers: [
      '中小制造企业数字化转型需求释放',
      '客户对数据安全和本地化部署要求提高',
      '项目同质化竞争激烈',
    ],
    topics: [
      {
        t: '中小制造企业设备数据采集边缘网关',
        k: ['边缘计算', '数据采集', '工业协议', '设备联网'],
        p: '县域客户的设备以老旧机床和非标设备为主，工业协议五花八门，现有网关只能接入约{i:50-65}%的设备；需要低成本、多协议的边缘采集方案。',
      },
      {
        d: ['计算机科学与技术', '信息与通信工程'],
        t: '农产品质量追溯与物联网监测平台',
        k: ['农产品追溯', '物联网', '环境监测', '区块链'],
        p: '为县里的合作社建设追溯平台，田间传感器在山区信号差，数据丢包率达{i:10-20}%；需要低功耗组网方案和追溯数据防篡改机制。',
      },
      {
        t: '设备故障预测模型与运维知识图谱',
        k: ['故障预测', '知识图谱', '预测性维护', '设备运维'],
        p: '平台已积累约{i:200-800}台设备的运行数据，但故障样本少，预测模型准确率只有{i:60-75}%；希望引入知识图谱和小样本学习方法。',
      },
    ],
  },
  electronics: {
    codes: ['39', '38', '40'],
    suffixes: [
      ['电子科技有限公司', '39'],
      ['电气有限公司', '38', ['电源模块及电气控制设备制造', '变配电设备制造']],
      ['仪器仪表有限公司', '40', ['传感器与检测仪表生产']],
      ['光电科技有限公司', '39', ['光电器件生产', '传感器与检测仪表生产']],
    ],
    biz: ['传感器与检测仪表生产', '电源模块及电气控制设备制造', '光电器件生产', '变配电设备制造'],
    products: ['压力传感器', '开关电源', '光电探测器', '智能配电终端'],
    disciplines: ['电子科学与技术', '电气工程', '光学工程', '信息与通信工程'],
    re: /传感|电源|电路|FPGA|激光|光|检测|信号|滤波|电压|变压|电能|测量|器件|薄膜|LED|变换器|接收机/,
    terms: ['传感器', '电源模块', '电磁兼容', '信号处理', '光电检测', '电能质量'],
    metrics: [
      ['温度漂移', '%FS', 0.5, 1.0, 0.1, 0.2, true],
      ['转换效率', '%', 88, 91, 94, 96],
      ['EMC一次通过率', '%', 50, 65, 90, 95],
    ],
    defects: ['温漂大', '电磁干扰超标', '批次一致性差', '高温失效'],
    drivers: ['国产替代带来新的订单机会', '客户对产品可靠性和认证提出更高要求', '芯片价格波动'],
    topics: [
      {
        t: '工业开关电源电磁兼容整改',
        k: ['开关电源', '电磁兼容', '传导干扰', '软开关'],
        p: '新开发的{i:300-800}W开关电源传导和辐射干扰测试多次不通过，EMC一次通过率只有{i:50-65}%；需要电路拓扑和PCB布局层面的整改方案。',
      },
      {
        t: '高精度压力传感器温度漂移补偿',
        k: ['压力传感器', '温度漂移', '温度补偿', '标定'],
        p: 'MEMS压力传感器在-{i:20-40}℃至{i:85-125}℃范围内温漂达{d:0.5-1.0}%FS，客户要求不超过{d:0.1-0.2}%FS；需要补偿算法和批量标定方法。',
      },
      {
        t: '配电网电压暂降监测与治理装置',
        k: ['电压暂降', '电能质量', '配电网', '治理装置'],
        p: '园区精密制造客户因电压暂降导致生产线停机，单次损失数万元；希望开发电压暂降监测与快速补偿装置，响应时间不超过{i:2-5}ms。',
      },
    ],
  },
  buildingMaterials: {
    codes: ['30'],
    suffixes: ['建材有限公司', '新型建材有限公司', '环保建材有限公司'],
    biz: [
      '加气混凝土砌块和板材生产',
      '商品混凝土及预拌砂浆生产',
      '固废综合利用新型墙材生产',
      '装配式建筑构件生产',
    ],
    products: ['加气混凝土砌块', '预拌砂浆', '装配式预制构件', '固废烧结砖'],
    disciplines: ['材料科学与工程', '土木工程', '环境科学与工程'],
    re: /混凝土|石膏|水泥|固化|砂浆|沥青|粉煤灰|赤泥|胶凝|孔结构|碎石|固废|建筑|墙/,
    terms: ['粉煤灰', '脱硫石膏', '加气混凝土', '固废综合利用', '预拌砂浆', '装配式构件'],
    metrics: [
      ['28天抗压强度', 'MPa', 2.5, 3.5, 5.0, 6.0],
      ['干密度', 'kg/m³', 650, 700, 500, 550, true],
      ['固废掺量', '%', 30, 40, 60, 70],
    ],
    defects: ['制品开裂', '强度不稳定', '泛碱', '干缩变形'],
    drivers: [
      '绿色建材认证和装配式建筑比例要求提高',
      '当地大宗固废堆存压力大',
      '天然砂石资源受限、价格上涨',
    ],
    topics: [
      {
        t: '{waste}制备新型墙体材料',
        k: ['固废综合利用', '新型墙材', '{waste}', '胶凝材料'],
        p: '当地{waste}存量大，公司拟建年产{i:20-50}万立方米的新型墙材生产线，试制砌块28天抗压强度仅{d:2.5-3.5}MPa，放射性和碱含量也需要验证。',
      },
      {
        t: '蒸压加气混凝土板材开裂控制',
        k: ['加气混凝土', '板材开裂', '蒸压养护', '干缩'],
        p: '加气混凝土条板出釜后和安装后开裂投诉较多，约占发货量的{i:2-4}%；怀疑与配料、静停和蒸压制度有关，需要系统诊断。',
      },
      {
        t: '机制砂预拌砂浆保水与施工性能',
        k: ['预拌砂浆', '机制砂', '保水性', '外加剂'],
        p: '改用机制砂后，预拌砂浆保水率下降到{i:80-85}%，墙面空鼓开裂投诉增多；需要适合本地机制砂石粉含量的外加剂配方。',
      },
      {
        t: '预制构件蒸养节能与早期强度提升',
        k: ['预制构件', '蒸汽养护', '早强剂', '节能降耗'],
        p: '预制叠合板蒸养能耗高，冬季脱模强度不足导致模台周转周期约{d:1.5-2.0}天；希望降低蒸养能耗{i:20-30}%，并保证{i:12-16}小时脱模强度。',
        d: ['材料科学与工程', '土木工程'],
      },
      {
        t: '建筑垃圾再生骨料高值化利用',
        k: ['建筑垃圾', '再生骨料', '再生混凝土', '吸水率'],
        p: '周边拆迁每年产生建筑垃圾约{i:30-80}万吨，再生骨料吸水率达{i:6-9}%、压碎值偏高，只能用于路基回填；希望通过强化处理用于C30以下混凝土。',
      },
      {
        t: '粉煤灰基地聚合物免烧制品',
        k: ['粉煤灰', '地聚合物', '免烧砖', '碱激发'],
        p: '计划利用周边电厂粉煤灰生产免烧砖和路面砖，试制品28天强度只有{i:10-15}MPa，泛霜明显；需要碱激发剂配方和养护制度。',
      },
    ],
  },
  sancai: {
    anchorable: false,
    codes: ['30'],
    suffixes: ['唐三彩艺术有限公司', '陶瓷文化有限公司'],
    biz: ['唐三彩工艺品研发与生产', '仿古陶瓷和文创产品开发'],
    products: ['唐三彩'],
    disciplines: ['材料科学与工程', '化学/化学工程与技术'],
    re: /陶瓷|釉|烧成|颜料|色素|呈色|窑|三维重建/,
    terms: ['唐三彩', '低温釉', '无铅釉料', '烧成制度', '釉面开裂', '文创产品'],
    metrics: [
      ['烧成合格率', '%', 70, 80, 90, 95],
      ['铅溶出量', 'mg/L', 1.0, 3.0, 0.1, 0.2, true],
    ],
    defects: ['釉面开裂', '流釉', '呈色不稳', '铅溶出超标'],
    drivers: [
      '文旅融合带动唐三彩文创产品需求增长',
      '出口日用陶瓷的重金属溶出标准严格',
      '老艺人退休、传统工艺传承面临断层',
    ],
    topics: [
      {
        t: '唐三彩无铅低温釉料开发',
        k: ['唐三彩', '无铅釉料', '低温釉', '呈色'],
        p: '传统唐三彩采用低温铅釉，出口欧美的日用类文创产品铅溶出检测不合格；希望开发{i:850-950}℃左右烧成的无铅釉料，呈色接近传统的黄、绿、白三色。',
      },
      {
        t: '唐三彩烧成合格率提升',
        k: ['唐三彩', '烧成制度', '坯釉匹配', '釉面开裂'],
        p: '采用电窑素烧加釉烧二次烧成，釉面开裂和流釉导致合格率只有{i:70-80}%；希望获得窑温曲线和坯釉匹配的优化方案。',
      },
      {
        d: ['计算机科学与技术', '机械工程'],
        t: '唐三彩文物高精度三维数字化复制',
        k: ['三维扫描', '数字化复制', '唐三彩', '文创产品'],
        p: '复制馆藏唐三彩时手工翻模尺寸误差大，细部纹饰丢失；需要高精度三维扫描和模具快速制作技术，尺寸误差控制在{d:0.1-0.3}mm以内。',
      },
    ],
  },
  textile: {
    codes: ['17', '18'],
    suffixes: ['针织有限公司', '纺织科技有限公司', '服饰有限公司'],
    biz: ['针织面料及服装生产', '功能性纺织品开发', '户外服装加工'],
    products: ['针织面料', '功能性内衣', '户外服装'],
    disciplines: ['纺织科学与工程', '化学/化学工程与技术'],
    re: /纤维|染|织|纱|印花|整理|服装|涤纶|棉|阻燃|抗菌/,
    terms: ['针织面料', '功能性纤维', '染色牢度', '抗菌整理', '印染废水', '阻燃整理'],
    metrics: [
      ['耐水洗色牢度', '级', 3, 3, 4, 4],
      ['抗菌率', '%', 70, 85, 95, 99],
      ['一次染色合格率', '%', 80, 88, 95, 98],
    ],
    defects: ['色差', '起毛起球', '缩水率超标', '功能衰减'],
    drivers: ['品牌客户对功能性面料需求增加', '印染环节环保要求严格', '订单小批量、多品种趋势明显'],
    topics: [
      {
        t: '针织面料耐久抗菌与吸湿速干整理',
        k: ['针织面料', '抗菌整理', '吸湿速干', '耐洗性'],
        p: '现用抗菌整理剂洗涤{i:20-30}次后抗菌率降到{i:60-75}%，达不到客户要求的50次水洗后不低于{i:90-95}%；需要耐久性更好的整理工艺。',
      },
      {
        d: ['环境科学与工程', '纺织科学与工程'],
        t: '小批量印染废水处理与中水回用',
        k: ['印染废水', '中水回用', '脱色', '高级氧化'],
        p: '日排印染废水约{i:300-800}吨，色度和COD波动大，现有工艺出水只能勉强达标排放；希望实现{i:40-60}%中水回用。',
      },
    ],
  },
  environment: {
    codes: ['77', '46'],
    suffixes: ['环保科技有限公司', '环境工程有限公司', '生态环境科技有限公司'],
    biz: [
      '工业废水处理工程与运营',
      '土壤修复和矿山生态治理',
      '固废处置和资源化利用',
      '乡镇污水处理设施运营',
    ],
    products: ['污水处理站', '修复药剂', '污泥处理设备'],
    disciplines: ['环境科学与工程', '化学/化学工程与技术'],
    re: /废水|污染|重金属|吸附|土壤|修复|脱氮|除磷|厌氧|降解|沉积|颗粒物|污泥|藻|烟气|脱硫/,
    terms: ['工业废水', '重金属污染', '土壤修复', '污泥处置', '脱氮除磷', '矿山生态修复'],
    metrics: [
      ['出水总氮', 'mg/L', 18, 25, 10, 15, true],
      ['重金属浸出浓度', 'mg/L', 0.5, 1.0, 0.05, 0.1, true],
      ['吨水运行成本', '元', 2.5, 4.0, 1.2, 1.8, true],
    ],
    defects: ['冬季出水超标', '药剂投加过量', '二次污染'],
    drivers: [
      '地表水和农村污水排放标准提高',
      '黄河流域生态保护要求趋严',
      '政府购买服务项目对运营绩效考核加强',
    ],
    topics: [
      {
        t: '乡镇污水处理站低温脱氮除磷',
        k: ['脱氮除磷', '低温运行', '乡镇污水', '一体化设备'],
        p: '运营的{i:10-25}座乡镇污水站在冬季水温低于{i:8-10}℃时总氮出水超标，站点规模小、专业人员少；需要低能耗、易运维的强化脱氮工艺。',
      },
      {
        d: ['环境科学与工程', '农业资源利用'],
        t: '有色矿区重金属污染土壤修复',
        k: ['重金属污染', '土壤修复', '钝化剂', '植物修复'],
        p: '承接矿区周边约{i:500-2000}亩农田修复项目，土壤镉、铅超过风险筛选值{d:1.5-3.0}倍；需要成本可控、不影响耕种的钝化或植物修复技术。',
      },
      {
        t: '工业污泥减量与资源化',
        k: ['污泥减量', '资源化利用', '深度脱水', '热解'],
        p: '处理的工业污泥含水率约{i:80-85}%，外运处置费用每吨{i:300-500}元；希望通过深度脱水和热解等技术实现减量{i:50-70}%。',
      },
    ],
  },
  testing: {
    anchorTitles: ['{kw1}检测能力建设', '{kw1}检测方法开发与验证', '{kw1}与{kw2}测试方法引进'],
    anchorProblems: [
      '客户对{kw1}相关检测的需求增长，公司缺少成熟方法和标准物质，{kw2}方面的能力是空白。',
      '希望引进{kw1}相关方法，完成方法验证后申请资质扩项，检测周期控制在{i:3-7}天以内。',
    ],
    codes: ['74', '73'],
    suffixes: ['检测技术有限公司', '技术服务有限公司', '工程技术研究有限公司'],
    biz: ['材料检测与失效分析服务', '工业产品检验检测', '科技咨询与中试服务'],
    products: ['检测报告', '失效分析', '中试服务'],
    disciplines: ['材料科学与工程', '机械工程', '环境科学与工程'],
    re: /检测|测定|分析方法|显微力学|纳米压痕|色谱|光谱|无损|失效|寿命预测/,
    terms: ['检验检测', '失效分析', '无损检测', 'CMA资质', '寿命评估', '表征方法'],
    metrics: [
      ['检测周期', '天', 7, 10, 3, 4, true],
      ['方法检出限', 'mg/kg', 0.5, 1.0, 0.05, 0.1, true],
    ],
    defects: ['检测周期长', '方法缺失', '人员能力不足'],
    drivers: [
      '县域企业检测需求增长但本地能力不足',
      '资质扩项需要新的方法和设备',
      '客户要求出具失效原因而不只是检测数据',
    ],
    topics: [
      {
        d: ['机械工程', '材料科学与工程'],
        t: '承压设备焊缝相控阵超声检测工艺',
        k: ['相控阵超声', '焊缝检测', '无损检测', '缺陷定量'],
        p: '为锅炉和压力容器客户做焊缝检测，小径管和厚壁焊缝的缺陷定量误差较大；需要相控阵超声检测工艺和对比试块设计方法，以便申请资质扩项。',
      },
      {
        t: '金属零部件失效分析能力建设',
        k: ['失效分析', '断口分析', '疲劳断裂', '金相检验'],
        p: '县域机械企业送检的断裂件越来越多，公司只能出具检测数据，无法给出失效原因和改进建议；希望与科研团队共建失效分析能力，目标周期{i:7-10}天。',
      },
    ],
  },
  tourism: {
    anchorable: false,
    anchorTitles: ['{kw1}在景区运营中的应用', '景区{kw1}技术引进', '{kw1}与{kw2}集成应用'],
    anchorProblems: [
      '景区在{kw1}方面缺少专业技术支撑，{kw2}相关工作主要依赖外包，效果难以评估。',
      '希望将{kw1}应用于景区运营，在旅游旺季前完成试点，并形成可复制的方案。',
    ],
    codes: ['78', '88'],
    suffixes: [
      ['文化旅游开发有限公司', '78'],
      ['文旅发展有限公司', '78'],
      ['景区管理有限公司', '78', ['山岳型景区运营']],
      ['非遗文化传播有限公司', '88', ['非遗文化体验项目运营']],
    ],
    biz: ['山岳型景区运营', '乡村旅游和研学基地运营', '非遗文化体验项目运营'],
    products: ['景区', '研学基地', '非遗体验馆'],
    disciplines: ['计算机科学与技术', '交通运输工程', '建筑学'],
    re: /客流|行人|通行能力|景观|园林|古建|传统建筑|文物|三维重建|交通流|停车|图像检索/,
    terms: ['智慧景区', '客流预测', '游客分流', '文物数字化', '景区交通'],
    metrics: [
      ['高峰排队时间', '小时', 2, 3, 0.5, 1, true],
      ['客流预测误差', '%', 20, 30, 8, 10, true],
    ],
    defects: ['高峰拥堵', '预约爽约', '安全隐患'],
    drivers: ['节假日客流屡创新高', '文旅部门推进智慧景区建设', '游客对体验和服务品质要求提高'],
    topics: [
      {
        d: ['计算机科学与技术', '交通运输工程'],
        t: '山岳景区客流预测与游客动态分流',
        k: ['智慧景区', '客流预测', '游客分流', '视频分析'],
        p: '节假日单日游客超过{i:2-5}万人次，索道和观景台排队常超过{i:2-3}小时；希望基于票务、停车和视频数据预测客流并动态分流。',
      },
      {
        d: ['建筑学', '土木工程'],
        t: '古村落传统建筑修缮与结构安全评估',
        k: ['传统建筑', '结构安全', '修缮技术', '三维扫描'],
        p: '运营的古村落有{i:30-80}栋清代和民国时期民居，部分木构架出现歪闪和糟朽；需要结构安全快速评估和传统工艺修缮方案。',
      },
      {
        d: ['交通运输工程'],
        t: '景区山地交通接驳优化',
        k: ['景区交通', '接驳线路', '停车诱导', '仿真优化'],
        p: '景区停车场距入口{d:2-5}公里，高峰时段接驳车排队超过{i:40-60}分钟；需要接驳线路、发车频次和停车诱导的综合优化。',
      },
      {
        d: ['计算机科学与技术'],
        t: '文物建筑数字化展示与研学课程开发',
        k: ['数字化展示', '虚拟现实', '研学旅行', '文物数字化'],
        p: '每年接待研学团队约{i:300-800}批次，讲解形式单一；希望对{i:5-15}处重点建筑和藏品做三维数字化，开发沉浸式展示和研学课程。',
      },
      {
        d: ['地质学/地质资源与地质工程', '测绘科学与技术'],
        t: '景区游步道崩塌落石监测预警',
        k: ['地质灾害', '游步道', '监测预警', '落石'],
        p: '景区游步道沿线有{i:10-30}处崩塌落石隐患点，汛期需要频繁封闭；希望建设低成本、免维护的监测预警系统。',
      },
    ],
  },
  gold: {
    codes: ['09', '32'],
    suffixes: [
      ['黄金矿业有限公司', '09', ['金矿采选', '深部金矿开采']],
      ['金矿有限公司', '09', ['金矿采选', '深部金矿开采']],
      ['黄金冶炼有限公司', '32', ['金精矿冶炼和伴生元素回收']],
    ],
    biz: ['金矿采选', '金精矿冶炼和伴生元素回收', '深部金矿开采'],
    products: ['金精矿', '合质金', '伴生银铅精矿'],
    disciplines: ['矿业工程', '冶金工程'],
    re: /金精矿|金矿|提金|氰化|浸出|矿体|回采|充填|锑|电积|焙烧|尾矿|残矿|采矿|冒顶|微震|放矿|崩落/,
    terms: ['金精矿', '难处理金矿', '无氰提金', '深部开采', '尾矿综合利用', '伴生元素回收'],
    metrics: [
      ['金浸出率', '%', 60, 75, 90, 95],
      ['选矿回收率', '%', 82, 86, 90, 93],
      ['采矿贫化率', '%', 15, 20, 8, 12, true],
    ],
    defects: ['含砷含碳影响浸出', '贫化损失大', '地压显现', '氰化物环保风险'],
    drivers: [
      '浅部资源逐步枯竭，开采转入深部',
      '氰化物管理和尾矿库安全监管趋严',
      '金价高位运行，低品位资源有了开发价值',
    ],
    topics: [
      {
        t: '含砷难处理金精矿预处理',
        k: ['难处理金矿', '含砷金精矿', '预处理', '氰化浸出'],
        p: '部分金精矿含砷{d:2.0-5.0}%、含碳偏高，直接氰化浸出率仅{i:60-75}%；希望获得环保可行的预处理工艺，使金浸出率达到{i:90-95}%。',
      },
      {
        t: '环保型无氰提金药剂替代',
        k: ['无氰提金', '环保药剂', '堆浸', '金回收率'],
        p: '现用氰化堆浸工艺面临环保审查，拟替换为环保型提金药剂，但小试中金回收率比氰化低{i:5-10}个百分点、药剂成本高{i:20-40}%；需要工艺优化。',
      },
      {
        d: ['矿业工程'],
        t: '深部开采地压监测与采场稳定',
        k: ['深部开采', '地压监测', '微震监测', '采场稳定'],
        p: '主采中段已延深到地表以下{i:600-900}米，采场顶板片帮冒落增多；需要微震监测与地压控制技术，保障采场安全。',
      },
    ],
  },
  coalMining: {
    codes: ['06'],
    suffixes: ['煤业有限公司', '矿业有限公司'],
    biz: ['煤炭开采和洗选', '薄煤层开采'],
    products: ['原煤', '洗精煤'],
    disciplines: ['矿业工程', '机械工程', '控制科学与工程'],
    re: /巷道|冒顶|煤|微震|泥岩|充填|采矿|支护|提升/,
    terms: ['巷道支护', '薄煤层', '智能综采', '瓦斯抽采', '煤矸石', '冲击地压'],
    metrics: [
      ['巷道顶板下沉量', 'mm', 300, 500, 100, 150, true],
      ['工作面单产', '万吨/月', 3, 5, 7, 9],
    ],
    defects: ['巷道变形', '冒顶片帮', '矸石堆存'],
    drivers: ['煤矿智能化建设验收要求', '安全监管持续从严', '矸石山治理任务重'],
    topics: [
      {
        t: '松软破碎围岩巷道支护',
        k: ['巷道支护', '松软围岩', '锚注支护', '冒顶防治'],
        p: '部分回采巷道穿过泥岩和断层破碎带，锚杆支护后顶板下沉量达{i:300-500}mm，每年返修巷道约{i:800-1500}米；需要适合松软围岩的支护方案。',
      },
      {
        t: '薄煤层智能化开采装备',
        k: ['薄煤层', '智能综采', '采煤机', '远程控制'],
        p: '主采煤层厚度{d:0.8-1.3}米，工作面空间狭小，人工跟机作业强度大；需要适合薄煤层的智能化开采装备和控制方案。',
      },
      {
        t: '煤矸石井下充填与减量',
        k: ['煤矸石', '充填开采', '矸石减量', '充填材料'],
        p: '每年产生矸石约{i:20-40}万吨，地面矸石山占地且存在自燃风险；希望实现井下充填，充填率达到{i:60-80}%。',
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Enterprises
// ---------------------------------------------------------------------------------------------

const TRADE_FIRST =
  '恒鑫瑞宏嘉泰润丰源盛昌德博聚通凯锦宇诚弘祥卓汇豫伊嵩伏邙禾益佳正永明天立远广安隆晋'.split('');
const TRADE_SECOND = '鼎辉茂晟泽昊川峰耀达和信恒宸骏铭翔腾洲康拓硕晖淼森垚航岳澜彤煜'.split('');
/** Trade names of well-known Luoyang enterprises, never produced. */
const TRADE_BLACKLIST = new Set([
  '通达',
  '宏达',
  '恒达',
  '鑫达',
  '华达',
  '顺达',
  '中信',
  '万基',
  '龙宇',
  '中硅',
  '伊电',
  '洛钼',
  '洛轴',
  '一拖',
  '北方',
  '金鹰',
  '隆华',
  '宇通',
  '嘉和',
  '天明',
  '正大',
  '明泰',
  '安达',
  '永达',
  '瑞泽',
]);

const SURNAMES = '王李张刘陈杨赵郭孙马朱周吴徐胡高宋何韩吕任田范董贾史段孟牛申翟常苗杜程姚'.split(
  '',
);
const GIVEN_NAMES = [
  '建国',
  '志强',
  '海涛',
  '红梅',
  '晓东',
  '丽娟',
  '国伟',
  '卫东',
  '永军',
  '振华',
  '俊杰',
  '文博',
  '明辉',
  '玉兰',
  '春燕',
  '秀英',
  '新民',
  '宏伟',
  '亚楠',
  '雪峰',
  '佳琪',
  '凯',
  '鹏',
  '伟',
  '磊',
  '静',
  '敏',
  '娜',
  '涛',
  '强',
  '勇',
  '杰',
  '斌',
  '超',
  '浩然',
  '婷婷',
  '燕',
  '鑫',
  '建军',
  '海燕',
  '光辉',
  '延峰',
  '向阳',
  '晓丽',
  '利民',
  '保国',
  '怀远',
  '书娟',
  '少华',
];

const TIER_WEIGHTS = {
  county: { SEED: 30, SPROUT: 32, GROWTH: 26, LEADING: 12 },
  urban: { SEED: 20, SPROUT: 28, GROWTH: 32, LEADING: 20 },
};
const QUALIFICATION_PROBS = {
  SEED: { HIGH_TECH: 0.03, TECH_SME: 0.55, SPECIALISED: 0 },
  SPROUT: { HIGH_TECH: 0.25, TECH_SME: 0.85, SPECIALISED: 0.08 },
  GROWTH: { HIGH_TECH: 0.7, TECH_SME: 0.7, SPECIALISED: 0.35 },
  LEADING: { HIGH_TECH: 0.92, TECH_SME: 0.25, SPECIALISED: 0.6 },
};
const AGRI_SECTORS = new Set(['herbs', 'fruit', 'crops', 'fungi', 'livestock']);

function makeTradeName(rng, used) {
  for (;;) {
    const a = rng.pick(TRADE_FIRST);
    const b = rng.pick(TRADE_SECOND);
    const name = a + b;
    if (a !== b && !used.has(name) && !TRADE_BLACKLIST.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function makeUscc(divisionCode, rng, used) {
  for (;;) {
    // Organisation-code part: 8 body characters + GB 11714 check character. Enterprises registered since
    // 2015 get an "MA…" body as issued by market regulation; older ones an 8-digit legacy body.
    const body = rng.chance(0.75)
      ? `MA${Array.from({ length: 6 }, () => rng.pick(USCC_CHARSET.split(''))).join('')}`
      : `${rng.int(5, 7)}${pad(rng.int(0, 9999999), 7)}`;
    const first17 = `91${divisionCode}${body}${orgCodeCheck(body)}`;
    const uscc = first17 + usccCheck(first17);
    if (!used.has(uscc)) {
      used.add(uscc);
      return uscc;
    }
  }
}

function sectorVars(sectorId, code, bizLines, rng) {
  const sector = SECTORS[sectorId];
  const division = DIVISIONS[code];
  const v = {
    place: division.county ? division.name : `洛阳市${division.name}`,
    resource: division.resource,
  };
  if (sectorId === 'herbs') v.herb = v.prod = rng.pick(HERBS[code] ?? ['连翘']);
  else if (sectorId === 'fruit') {
    v.fruit = v.prod = FRUIT_BY_DIVISION[code] ?? '苹果';
    Object.assign(v, FRUITS[v.fruit]);
    v.productPattern = FRUIT_PATTERN;
  } else if (sectorId === 'crops') {
    v.crop = v.prod = CROP_BY_DIVISION[code] ?? '小麦';
    Object.assign(v, CROPS[v.crop]);
  } else if (sectorId === 'food') v.product = v.prod = FOOD_BY_DIVISION[code] ?? '速冻面点';
  else if (sectorId === 'livestock') v.animal = v.prod = ANIMAL_BY_DIVISION[code] ?? '生猪';
  else v.prod = rng.pick(sector.products);
  if (sectorId === 'buildingMaterials') v.waste = WASTE_BY_DIVISION[code] ?? '粉煤灰和建筑垃圾';
  v.biz = render(rng.pick(bizLines ?? sector.biz), v, rng);
  v.productPattern ??= PRODUCT_PATTERNS[v.prod] ?? null;
  return v;
}

function makeEnterprises() {
  const rng = new Rng('enterprises');
  const usedTrade = new Set();
  const usedUscc = new Set();
  const usedPhones = new Set();
  const usedContacts = new Set();
  const drafts = [];
  for (const [code, sectors] of Object.entries(ENTERPRISE_PLAN)) {
    const division = DIVISIONS[code];
    for (const [sectorId, count] of Object.entries(sectors)) {
      const sector = SECTORS[sectorId];
      for (let i = 0; i < count; i++) {
        const [suffix, suffixCode, suffixBiz] = [].concat(rng.pick(sector.suffixes));
        const vars = sectorVars(sectorId, code, suffixBiz, rng);
        let tier = rng.weighted(TIER_WEIGHTS[division.county ? 'county' : 'urban']);
        if (sectorId === 'power' && (tier === 'SEED' || tier === 'SPROUT')) tier = 'LEADING';
        const q = QUALIFICATION_PROBS[tier];
        const qualifications = ['HIGH_TECH', 'TECH_SME', 'SPECIALISED'].filter((k) =>
          rng.chance(AGRI_SECTORS.has(sectorId) && k !== 'TECH_SME' ? q[k] / 2 : q[k]),
        );
        const prefix = rng.weighted(division.prefixes);
        const name = `${prefix}${makeTradeName(rng, usedTrade)}${suffix}`;
        let phone;
        do phone = `0379-6${rng.int(2, 9)}${pad(rng.int(0, 999999), 6)}`;
        while (usedPhones.has(phone));
        usedPhones.add(phone);
        let contactName;
        do contactName = rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
        while (usedContacts.has(contactName));
        usedContacts.add(contactName);
        drafts.push({
          record: {
            key: '',
            name,
            uscc: makeUscc(code, rng, usedUscc),
            divisionCode: code,
            industryCode: suffixCode ?? rng.pick(sector.codes),
            qualifications,
            cultivationTier: tier,
            contactName,
            contactPhone: phone,
          },
          sectorId,
          vars,
          county: division.county,
        });
      }
    }
  }
  const shuffled = rng.shuffle(drafts);
  shuffled.forEach((d, i) => (d.record.key = `ent-${pad(i + 1, 3)}`));
  return shuffled.sort((a, b) => a.record.key.localeCompare(b.record.key));
}

// ---------------------------------------------------------------------------------------------
// Needs
// ---------------------------------------------------------------------------------------------

const NEED_TOTAL = 200;
const MODE_ZH = {
  TRANSFER: '技术转让',
  LICENSE: '专利许可',
  TRIAL_FIRST_LICENSE: '先试用后付费许可',
  JOINT_DEVELOPMENT: '合作开发',
  EQUITY: '作价入股',
  SERVICE: '技术服务',
};
const TIER_ZH = {
  SEED: '小微企业',
  SPROUT: '成长型中小企业',
  GROWTH: '骨干企业',
  LEADING: '龙头企业',
};
const TIER_REVENUE = {
  SEED: '{i:300-1500}',
  SPROUT: '{i:1500-5000}',
  GROWTH: '{i:5000-20000}',
  LEADING: '{i:20000-120000}',
};
const TIER_STAFF = {
  SEED: '{i:15-60}',
  SPROUT: '{i:60-200}',
  GROWTH: '{i:200-600}',
  LEADING: '{i:600-3000}',
};
const TIER_BUDGET = {
  SEED: [30000, 300000],
  SPROUT: [80000, 800000],
  GROWTH: [200000, 2000000],
  LEADING: [500000, 5000000],
};
const MARKETS = [
  '省内及华中地区',
  '全国二十多个省市',
  '长三角和珠三角地区',
  '中亚和东南亚市场',
  '周边县市和郑州、西安等地',
];

const SITUATION = [
  '公司位于{place}，主要从事{biz}，年销售收入约{revenue}万元。',
  '我公司成立于{i:1998-2020}年，是{place}一家从事{biz}的{tierZh}。',
  '公司长期从事{biz}，现有员工约{staff}人，产品主要销往{market}。',
  '作为{place}{biz}方面的{tierZh}，公司近几年产能持续扩大。',
  { t: '公司依托{place}的{resource}，从事{biz}已有{i:6-25}年。', native: true },
  '企业地处{place}，以{biz}为主业，现有员工约{staff}人。',
];
const DRIVER = [
  '随着{driver}，{kwA}方面的短板越来越突出。',
  '{driver}，现有工艺已难以满足要求。',
  '目前{kwA}环节主要依靠经验操作，质量波动较大。',
  '公司自身研发力量薄弱，在{kwA}方面缺少专业技术人员。',
  '近两年{driver}，公司已把{kwA}列为技术改造的重点。',
  '公司{metric}，正在系统梳理影响因素。',
];
const WANT = [
  { t: '希望与高校、科研院所合作，引进{kwA}相关的成熟技术成果。' },
  { t: '拟寻求{kwA}方面的技术成果，优先考虑能在现有产线上直接中试的方案。', factory: true },
  { t: '拟寻求{kwA}方面的成熟技术成果，优先考虑已有应用案例的方案。' },
  { t: '愿意以{modeText}方式合作，可提供中试场地、原料和配套资金。' },
  { t: '计划在{i:1-2}年内完成相关技术改造，需要有工程化经验的团队支持。' },
  { t: '如成果条件成熟，希望先免费试用、验证效果后再付费转化。', mode: 'TRIAL_FIRST_LICENSE' },
  { t: '希望找到在{kwA}方面有积累的研究团队共同攻关。', mode: 'JOINT_DEVELOPMENT' },
];
const EXTRA = [
  { t: '项目已列入公司年度技改计划。' },
  { t: '公司已入库科技型中小企业，可联合申报市级科技计划项目。', qualification: 'TECH_SME' },
  { t: '县里对“市研县产”对接项目有配套支持。', county: true },
  { t: '欢迎科研人员以“科技副总”身份到企业开展合作。' },
  { t: '公司可安排{i:2-5}名技术人员全程参与。' },
];
/** Need titles built around a paper keyword, by what the keyword names. */
const PROCESS_KEYWORD_RE =
  /(工艺|技术|方法|法|处理|浸出|焙烧|萃取|喷涂|烧结|合成|制备|提取|破碎|腌制|干燥|冻干|保鲜|发酵|焊|成形|加工|回收|监测|检测|测定|诱导|栽培|育苗|施肥|除磷|脱氮|治理|修复|充填|回采|支护|电积|电解|精炼|冶炼|澄清|改性|整理|染色|纺丝|扦插|繁殖|防治|控制|标定|校正|重建|定位|导航|跟踪|补光|调光|灌溉|脱硫|传热|燃烧|雾化|矫直|浸提|纯化|固化|涂膜|分析|模拟|仿真|设计)$/;
const EQUIPMENT_KEYWORD_RE = /(器|机|系统|设备|装置|电源|传感器|平台|减速器|发动机|仪)$/;
const OBJECT_KEYWORD_RE =
  /(剂|材料|砖|板|膜|涂层|合金|粉|粉体|粉末|颗粒|纤维|钢|混凝土|砂浆|胶囊|注射液|汤|散|片|油|淀粉|多糖|肽|菌|菌株|酶|种子|饲料|精矿|矿|煤|浆|电池|箔|丝|靶材|陶瓷|玻璃|催化剂|树脂|产品|制品|饮料|乳|肉|果|笋|薯|小麦|玉米|油菜|大豆|花生|锅炉|窑|炉|机组|构件|车|溶液|废水|烟尘|尾矿)$/;
const ANCHOR_TITLES = {
  process: [
    '{kw1}工艺优化与稳定生产',
    '{kw1}技术引进与工程化应用',
    '{kw1}工艺放大与产业化',
    '{kw1}关键参数优化',
    '{kw1}技术升级改造',
    '{kw1}与{kw2}集成应用',
  ],
  equipment: [
    '{kw1}国产化研制',
    '{kw1}成套技术及装备',
    '{kw1}性能提升与可靠性改进',
    '{kw1}关键技术攻关',
  ],
  object: [
    '{kw1}质量提升技术',
    '{kw1}性能提升与稳定生产',
    '{kw1}产业化关键技术',
    '{kw1}生产工艺优化',
    '{kw1}关键技术攻关',
    '{kw1}与{kw2}集成应用',
  ],
  other: ['{kw1}相关技术攻关', '{kw1}关键技术攻关', '{kw1}应用技术开发', '{kw1}技术合作需求'],
};
function keywordKind(k) {
  if (EQUIPMENT_KEYWORD_RE.test(k)) return 'equipment';
  if (PROCESS_KEYWORD_RE.test(k)) return 'process';
  if (OBJECT_KEYWORD_RE.test(k)) return 'object';
  return 'other';
}
const ANCHOR_PROBLEMS = [
  '目前{kw1}环节的关键指标波动较大，产品一次合格率只有{i:75-90}%，希望提高到{i:95-98}%以上。',
  '{kw1}相关工艺参数缺乏系统研究，{defect}时有发生，造成的废品率约{i:5-15}%。',
  '{kw2}目前依赖外购技术或进口设备，成本高、响应慢，希望掌握{kw1}的关键工艺并稳定生产。',
  '公司曾围绕{kw1}自行试验{i:2-5}轮，{kw2}方面的效果不明显，缺少机理层面的认识。',
  '主要瓶颈是{defect}，初步判断与{kw1}有关，需要在{kw2}方面找到可量产的解决方案。',
  '现有{kw2}方案在连续生产中稳定性不足，批次间差异约{i:8-20}%，每年因此造成损失约{i:30-300}万元。',
  '希望将{kw1}用于现有产线，单位产品成本降低{i:8-20}%以上，且不明显增加设备投资。',
];
const FARM_ANCHOR_PROBLEMS = [
  '基地在{kw1}方面主要凭经验管理，不同地块之间产量和品质差异大，优质品率只有{i:50-70}%。',
  '公司曾在{i:50-300}亩示范地上试验{kw1}，{kw2}方面的效果不稳定，需要专家现场指导和配套技术规程。',
  '{kw2}相关投入品和设备主要外购，成本偏高，希望掌握{kw1}的关键技术，每亩节本增效{i:200-600}元以上。',
  '主要问题是{defect}，初步判断与{kw1}有关，希望获得可在当地推广的解决方案。',
];
const PLANT_ANCHOR_PROBLEMS = [
  '目前{kw1}环节主要依靠人工经验调整，运行指标波动大，年均非计划停机{i:2-6}次。',
  '{kw1}相关参数缺乏系统研究，{defect}时有发生，每年因此增加成本约{i:50-400}万元。',
  '{kw2}目前依赖外购技术或进口设备，成本高、响应慢，希望掌握{kw1}的关键技术并稳定运行。',
  '主要瓶颈是{defect}，初步判断与{kw1}有关，需要在{kw2}方面找到可工程化的解决方案。',
  '希望将{kw1}用于现有系统改造，投资回收期不超过{i:2-4}年。',
];
const ANCHOR_PROBLEMS_BY_SECTOR = {
  herbs: FARM_ANCHOR_PROBLEMS,
  fruit: FARM_ANCHOR_PROBLEMS,
  crops: FARM_ANCHOR_PROBLEMS,
  fungi: FARM_ANCHOR_PROBLEMS,
  livestock: FARM_ANCHOR_PROBLEMS,
  power: PLANT_ANCHOR_PROBLEMS,
  coalChem: PLANT_ANCHOR_PROBLEMS,
  environment: PLANT_ANCHOR_PROBLEMS,
  coalMining: PLANT_ANCHOR_PROBLEMS,
  molyMining: PLANT_ANCHOR_PROBLEMS,
  gold: PLANT_ANCHOR_PROBLEMS,
};
const TOPIC_TAILS = [
  '希望在{i:6-12}个月内完成中试验证。',
  '技术方需提供工艺包和现场指导。',
  '要求成果有中试或工程应用案例。',
];

function formatValue(x, lo, hi) {
  const decimals = [lo, hi].some((n) => !Number.isInteger(n)) ? 1 : 0;
  return x.toFixed(decimals);
}
/** "X目前约A单位，目标提高到B单位以上" from a sector metric. */
function metricPhrase(metric, rng) {
  const [name, unit, cl, ch, tl, th, lowerIsBetter] = metric;
  const cur = formatValue(rng.float(cl, ch), cl, ch);
  const tgt = formatValue(rng.float(tl, th), tl, th);
  return lowerIsBetter
    ? `${name}目前约${cur}${unit}，要求降到${tgt}${unit}以下`
    : `${name}目前约${cur}${unit}，目标提高到${tgt}${unit}以上`;
}

const NON_FACTORY_SECTORS = new Set([
  'herbs',
  'fruit',
  'crops',
  'livestock',
  'tourism',
  'software',
  'testing',
  'environment',
  'power',
  'molyMining',
  'gold',
  'coalMining',
]);

function joinOr(items) {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join('、')}或${items[items.length - 1]}`;
}

function describe(ent, kwA, modes, rng) {
  const { record, vars, county } = ent;
  const sector = SECTORS[ent.sectorId];
  const v = {
    ...vars,
    kwA,
    tierZh: TIER_ZH[record.cultivationTier],
    revenue: TIER_REVENUE[record.cultivationTier],
    staff: TIER_STAFF[record.cultivationTier],
    market: rng.pick(MARKETS),
    driver: render(rng.pick(sector.drivers), vars, rng),
    modeText: joinOr(modes.map((m) => MODE_ZH[m])),
    metric: metricPhrase(rng.pick(sector.metrics), rng),
  };
  const native = DIVISIONS[record.divisionCode].native.includes(ent.sectorId);
  const situation = rng.pick(SITUATION.filter((t) => typeof t === 'string' || native));
  const parts = [typeof situation === 'string' ? situation : situation.t];
  if (rng.chance(0.7)) parts.push(rng.pick(DRIVER));
  const factory = !NON_FACTORY_SECTORS.has(ent.sectorId);
  const wants = WANT.filter((w) => (!w.mode || modes.includes(w.mode)) && (!w.factory || factory));
  parts.push(rng.pick(wants).t);
  if (rng.chance(0.45)) {
    const extras = EXTRA.filter(
      (e) =>
        (!e.qualification || record.qualifications.includes(e.qualification)) &&
        (!e.county || county),
    );
    parts.push(rng.pick(extras).t);
  }
  return parts.map((t) => render(t, v, rng)).join('');
}

function needBudget(tier, rng) {
  if (rng.chance(0.16)) return [null, null];
  const [lo, hi] = TIER_BUDGET[tier];
  const min = roundTo(rng.logInt(lo, hi), 10000);
  const max = Math.min(5000000, roundTo(min * rng.float(1.3, 2.5), 10000));
  return [min, Math.max(min, max)];
}

function needModes(county, rng) {
  return pickModes(
    rng,
    {
      TRANSFER: 0.3,
      LICENSE: 0.3,
      TRIAL_FIRST_LICENSE: county ? 0.5 : 0.35,
      JOINT_DEVELOPMENT: 0.4,
      EQUITY: 0.05,
      SERVICE: 0.2,
    },
    'JOINT_DEVELOPMENT',
  );
}

function uniqueStrings(list) {
  return [...new Set(list)];
}

function makeNeeds(enterprises, results) {
  const rng = new Rng('needs');
  const resultsByKey = new Map(results.map((r) => [r.key, r]));

  // How many needs each enterprise posts: counties 2 each, districts 1, then 42 extra, 3:1 to counties.
  const counts = new Map(enterprises.map((e) => [e.record.key, e.county ? 2 : 1]));
  let total = [...counts.values()].reduce((a, b) => a + b, 0);
  while (total < NEED_TOTAL) {
    const e = rng.weighted(enterprises.map((x) => [x, x.county ? 3 : 1]));
    if (counts.get(e.record.key) >= 4) continue;
    counts.set(e.record.key, counts.get(e.record.key) + 1);
    total++;
  }

  const usedPapers = new Set();
  const topicUse = new Map();
  const needs = [];
  for (const ent of enterprises) {
    const sector = SECTORS[ent.sectorId];
    const usedTopicsHere = new Set();
    for (let n = 0; n < counts.get(ent.record.key); n++) {
      const modes = needModes(ent.county, rng);
      let paper = null;
      const fits = (r) => {
        if (sector.anchorable === false) return false;
        const text = r.title + ' ' + r.keywords.join(' ');
        return (
          !usedPapers.has(r.key) &&
          !REVIEW_RE.test(r.title) &&
          !SOFT_RE.test(r.title) &&
          sector.disciplines.includes(r.discipline) &&
          sector.re.test(text) &&
          !(sector.exclude && sector.exclude.test(text)) &&
          (!ent.vars.productPattern || ent.vars.productPattern.test(text)) &&
          usableKeywords(r).length >= 2
        );
      };
      if (rng.chance(0.7)) {
        const candidates = results.filter(fits);
        const mature = candidates.filter((r) => r.trl >= 4);
        const pool = mature.length > 0 ? mature : candidates;
        if (pool.length > 0) paper = rng.pick(pool);
      }
      const topics = sector.topics.filter((t) => !t.when || t.when(ent.vars));
      const freshTopics = topics.filter(
        (t) => !usedTopicsHere.has(t.t) && !topicUse.has(`${ent.sectorId}:${t.t}`),
      );
      if (!paper && freshTopics.length === 0) {
        // All topics taken: anchor on a paper after all if there is one.
        const pool = results.filter(fits);
        if (pool.length > 0) paper = rng.pick(pool);
      }

      let need;
      if (paper) {
        usedPapers.add(paper.key);
        const kws = usableKeywords(resultsByKey.get(paper.key));
        // Lead with the keyword most central to the paper (it appears in the title) and closest to the
        // enterprise's own vocabulary.
        const rank = (k) =>
          (sector.re.test(k) ? 3 : 0) +
          (paper.title.includes(k) ? 2 : 0) +
          (ent.vars.productPattern && ent.vars.productPattern.test(k) ? 2 : 0);
        const best = Math.max(...kws.map(rank));
        const kw1 = rng.pick(kws.filter((k) => rank(k) === best));
        const rest = kws.filter((k) => k !== kw1);
        const kw2 = rng.pick(
          rest.filter((k) => paper.title.includes(k)).length > 0
            ? rest.filter((k) => paper.title.includes(k))
            : rest,
        );
        const v = { ...ent.vars, kw1, kw2 };
        let title = render(
          rng.pick(sector.anchorTitles ?? ANCHOR_TITLES[keywordKind(kw1)]),
          v,
          rng,
        );
        if (title.length > 30) title = render('{kw1}关键技术攻关', v, rng);
        const kind = keywordKind(kw1);
        // "目前X环节…" and "希望将X用于…" only read well when X is a process or a piece of equipment.
        const problemTemplates = (
          sector.anchorProblems ??
          ANCHOR_PROBLEMS_BY_SECTOR[ent.sectorId] ??
          ANCHOR_PROBLEMS
        ).filter(
          (t) =>
            kind === 'process' || kind === 'equipment' || !/^目前\{kw1\}|希望将\{kw1\}用于/.test(t),
        );
        const problem = rng
          .sample(problemTemplates, rng.chance(0.6) ? 2 : 1)
          .map((t) =>
            render(t, { ...v, defect: render(rng.pick(sector.defects), ent.vars, rng) }, rng),
          )
          .join('');
        const extraKw = kws.filter((k) => k !== kw1 && k !== kw2);
        const keywords = uniqueStrings([
          kw1,
          kw2,
          ...(extraKw.length > 0 && rng.chance(0.5) ? [rng.pick(extraKw)] : []),
          ...rng.sample(sector.terms, rng.int(1, 2)).map((t) => render(t, ent.vars, rng)),
        ]).slice(0, 6);
        const fields = [paper.discipline];
        const others = sector.disciplines.filter((d) => d !== paper.discipline);
        if (others.length > 0 && rng.chance(0.35)) fields.push(rng.pick(others));
        const minTrl = rng.chance(0.8)
          ? rng.int(4, Math.max(4, Math.min(8, paper.trl)))
          : rng.int(4, 8);
        need = {
          title,
          description: describe(ent, kw1, modes, rng),
          problem,
          fieldDisciplines: fields,
          keywords,
          minTrl,
        };
      } else {
        let pool = freshTopics;
        if (pool.length === 0) {
          const notHere = topics.filter((t) => !usedTopicsHere.has(t.t));
          const candidates = notHere.length > 0 ? notHere : topics;
          const least = Math.min(
            ...candidates.map((t) => topicUse.get(`${ent.sectorId}:${t.t}`) ?? 0),
          );
          pool = candidates.filter((t) => (topicUse.get(`${ent.sectorId}:${t.t}`) ?? 0) === least);
        }
        const topic = rng.pick(pool);
        usedTopicsHere.add(topic.t);
        topicUse.set(
          `${ent.sectorId}:${topic.t}`,
          (topicUse.get(`${ent.sectorId}:${topic.t}`) ?? 0) + 1,
        );
        const keywords = topic.k.map((k) => render(k, ent.vars, rng));
        const tk = keywords.filter((k) => k !== ent.vars.prod);
        const kwA = tk.slice(0, 2).join('和');
        let problem = render(topic.p, ent.vars, rng);
        if (rng.chance(0.3)) problem += render(rng.pick(TOPIC_TAILS), ent.vars, rng);
        const [primary, ...secondary] = sector.disciplines;
        const fields =
          topic.d ??
          (secondary.length > 0 && rng.chance(0.5) ? [primary, rng.pick(secondary)] : [primary]);
        const extra = sector.terms
          .map((t) => render(t, ent.vars, rng))
          .filter((t) => !keywords.includes(t));
        need = {
          title: render(topic.t, ent.vars, rng),
          description: describe(ent, kwA, modes, rng),
          problem,
          fieldDisciplines: fields,
          keywords: uniqueStrings([
            ...keywords,
            ...(rng.chance(0.4) && extra.length > 0 ? [rng.pick(extra)] : []),
          ]).slice(0, 6),
          minTrl: rng.int(4, 8),
        };
      }
      const [budgetMinYuan, budgetMaxYuan] = needBudget(ent.record.cultivationTier, rng);
      needs.push({
        key: '',
        enterpriseKey: ent.record.key,
        title: need.title,
        description: need.description,
        problem: need.problem,
        fieldDisciplines: need.fieldDisciplines,
        keywords: need.keywords,
        minTrl: need.minTrl,
        budgetMinYuan,
        budgetMaxYuan,
        deadlineInDays: rng.int(60, 540),
        modes,
        anchor: paper ? paper.key : null,
      });
    }
  }
  const shuffled = rng.shuffle(needs);
  shuffled.forEach((n, i) => (n.key = `need-${pad(i + 1, 3)}`));
  return shuffled;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function writeJsonl(file, rows) {
  writeFileSync(join(OUT_DIR, file), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

function main() {
  const papers = readCsl(INPUT).filter((p) => KEPT_CATEGORIES.has(p.category));
  const usedPatentNumbers = new Set();
  const results = papers.map((p) => makeResult(p, usedPatentNumbers));
  const enterprises = makeEnterprises();
  const needs = makeNeeds(enterprises, results);

  mkdirSync(OUT_DIR, { recursive: true });
  writeJsonl('csl-results.jsonl', results);
  writeJsonl(
    'enterprises.jsonl',
    enterprises.map((e) => e.record),
  );
  writeJsonl(
    'needs.jsonl',
    needs.map(({ anchor: _anchor, ...n }) => n),
  );

  const anchored = needs.filter((n) => n.anchor).length;
  const countyKeys = new Set(enterprises.filter((e) => e.county).map((e) => e.record.key));
  const countyNeeds = needs.filter((n) => countyKeys.has(n.enterpriseKey)).length;
  process.stdout.write(
    [
      `results: ${results.length} (patents: ${usedPatentNumbers.size})`,
      `enterprises: ${enterprises.length} (${countyKeys.size} in counties)`,
      `needs: ${needs.length} (${countyNeeds} from county enterprises, ${anchored} phrased around a CSL result)`,
      `written to ${OUT_DIR}`,
      '',
    ].join('\n'),
  );
}

main();
