/**
 * The values the mutation fuzzer draws from: plausible ones (what a careful client would send, so a
 * case gets past GraphQL and class-validator into the services) and hostile ones (what a careless or
 * malicious one sends). Plausible values are chosen by field name, as a form would label them.
 */
import { applicationCheckDigit, usccCheckCharacter } from '@techmatch/catalogue';
import fc from 'fast-check';

/**
 * A reference to a row that exists when the case is sent (a deal, a result…), resolved then from
 * the fuzz world's pools: `pick` chooses the row, `attr` what of it to send. `pick: 'anchor'` uses
 * the case's anchor, so `id` and `version` of one input name the same row.
 */
export class Ref {
  constructor(
    readonly pool: PoolName,
    readonly pick: number | 'anchor',
    readonly attr: 'id' | 'version' | 'patentIds' = 'id',
  ) {}
}

export const POOLS = [
  'result',
  'need',
  'enterprise',
  'institution',
  'patent',
  'deal',
  'offer',
  'match',
  'instalment',
  'notification',
] as const;
export type PoolName = (typeof POOLS)[number];

/** Reference data the plausible values come from (read from the database at set-up). */
export interface Vocabulary {
  divisionCodes: string[];
  industryCodes: string[];
  fieldCodes: string[];
  /** The demo sign-ins, so that some `login` cases succeed. */
  logins: Array<{ email: string; password: string }>;
}

const WORDS = [
  '轴承',
  '主轴',
  '数控机床',
  '耐火材料',
  '智能矿山',
  '机器人',
  '中药提取',
  '小麦育种',
  '高温合金',
  '光伏',
  '储能',
  '减速器',
  '牡丹',
  '铝合金',
  '传感器',
];
const PHRASES = [
  '一种高精度主轴轴承的热处理方法',
  '基于视觉的矿用机器人巡检系统',
  '耐高温陶瓷纤维复合材料制备工艺',
  '企业拟提升产品寿命，寻求成熟技术许可。',
  '高速运转时温升大，精度保持性差。',
  '牡丹籽油低温压榨与精炼技术',
  '用于新能源汽车的轻量化铝合金铸件',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '强'];

const chinese = (minWords = 1, maxWords = 4): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...WORDS, ...PHRASES), { minLength: minWords, maxLength: maxWords })
    .map((parts) => parts.join(''));

const personName = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...GIVEN), fc.boolean())
  .map(([s, g, two]) => (two ? `${s}${g}${g}` : `${s}${g}`));

const phone = fc
  .integer({ min: 0, max: 99_999_999 })
  .map((n) => `138${String(n).padStart(8, '0')}`);

const email = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/), fc.nat(999_999))
  .map(([name, n]) => `fuzz-${name}${n}@example.cn`);

/** A calendar date as the API takes it, within a few years of the demo's "now". */
const date = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z') })
  .filter((d) => !Number.isNaN(d.getTime()))
  .map((d) => d.toISOString().slice(0, 10));

/** A whole past month (first and last day), as a royalty period is reported. */
const pastMonth = fc
  .tuple(fc.integer({ min: 2024, max: 2026 }), fc.integer({ min: 1, max: 12 }))
  .map(([year, month]) => ({
    start: `${year}-${String(month).padStart(2, '0')}-01`,
    end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
  }));

/** A CN application number with a valid check digit (2003 form), as researchers write it. */
const patentNumber = fc
  .tuple(
    fc.integer({ min: 2005, max: 2025 }),
    fc.constantFrom('1', '2', '3'),
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.boolean(),
  )
  .map(([year, type, serial, prefixed]) => {
    const digits = `${year}${type}${String(serial).padStart(7, '0')}`;
    return `${prefixed ? 'ZL' : ''}${digits}.${applicationCheckDigit(digits)}`;
  });

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid unified social credit code for one of the divisions. */
const uscc = (divisions: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...divisions),
      fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 9, maxLength: 9 }),
    )
    .map(([division, body]) => {
      const first17 = `91${division}${body.join('')}`;
      return first17 + usccCheckCharacter(first17);
    });

const fen = fc.oneof(
  fc.constantFrom('0', '1', '100', '5000000', '100000000'),
  fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
);

const SPECIAL = {
  sql: [
    "'; DROP TABLE users; --",
    "' OR '1'='1",
    '1; SELECT pg_sleep(10)',
    "') UNION SELECT password_hash FROM users --",
    '$1',
    "\\'; --",
    '%',
    '_',
    '%%%_\\',
  ],
  filter: [
    'id EXISTS OR id NOT EXISTS',
    '" OR status = "DRAFT',
    'status = DRAFT OR 1 = 1',
    '_geoRadius(0, 0, 1)',
    'title CONTAINS "a"',
    '*',
  ],
  markup: [
    '<script>alert(1)</script>',
    '<em>x</em>',
    '${7*7}',
    '{{7*7}}',
    '../../../etc/passwd',
    '{"$gt": ""}',
    '__proto__',
    'constructor',
  ],
  control: [
    '\u0000',
    'a\u0000b',
    '\u0007\u0008\u001b[31m',
    '\r\n\t',
    '\u202eRTL',
    '\u200b',
    '\ufeff',
    '\ud800',
    'x\udc00y',
    '\uffff',
  ],
  unicode: ['洛阳', '𠀀𪚥𰻞', '👩‍🔬🧪', 'Ｆｕｌｌ－ｗｉｄｔｈ １２３', 'é', 'e\u0301', 'ﷺ', 'ǅ', 'İ'],
  numeric: [
    '-1',
    '0',
    '00',
    '1.5',
    '1e3',
    '1e309',
    'NaN',
    'Infinity',
    '0x10',
    ' 1',
    '１２３',
    '99999999999999999999999999999',
    '9223372036854775807',
    '9223372036854775808',
    '-9223372036854775809',
  ],
  dates: [
    '2026-02-30',
    '2025-02-29',
    '0000-00-00',
    '9999-12-31',
    '0001-01-01',
    '2026-13-01',
    '20260101',
    '2026-1-1',
    '2026-01-01T00:00:00Z',
    'yesterday',
    '294277-01-01',
  ],
  emails: ['a@b', '@', 'a@@b.cn', 'A@EXAMPLE.CN', `${'x'.repeat(300)}@example.cn`, 'a b@c.cn'],
} as const;

/** Strings a validator must refuse or store as they are; never a 500. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '   ', '\t\n') },
  { weight: 4, arbitrary: fc.constantFrom(...Object.values(SPECIAL).flat()) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '洛', '𠀀', '\u0000', "'"), fc.constantFrom(201, 5_001, 30_000))
      .map(([unit, times]) => unit.repeat(times)),
  },
);

export const hostileInt: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, -1, 1, 2_147_483_647, -2_147_483_648, 10, 100) },
  { weight: 2, arbitrary: fc.integer() },
  // Outside GraphQL's Int, or not integers at all: refused while coercing variables.
  { weight: 1, arbitrary: fc.constantFrom(2_147_483_648, 1e15, 1.5, -0.5, '1', true) },
);

export const hostileId: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      'abc',
      '1',
      '-1',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '{6f1c2a4e-0000-4000-8000-000000000000}',
      "6f1c2a4e-0000-4000-8000-000000000000' OR '1'='1",
      '6f1c2a4e-0000-4000-8000-00000000000',
      '6F1C2A4E-0000-4000-8000-000000000000',
      'x'.repeat(5_000),
    ),
  },
  { weight: 3, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom(0, 123, -5) },
  // A real id of the wrong kind: a deal id where a result is wanted, and so on.
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...POOLS), fc.nat()).map(([pool, n]) => new Ref(pool, n)),
  },
);

/** A plausible value for a field, by its name; undefined when the name says nothing. */
export function plausibleByName(
  name: string,
  scalar: string,
  vocabulary: Vocabulary,
): fc.Arbitrary<unknown> | undefined {
  const key = name.toLowerCase();
  if (scalar === 'String') {
    if (key.includes('email')) return email;
    if (key === 'password') return fc.constantFrom('Fuzz-Pass-2026', 'Fuzz-密码-2026-ok');
    if (key.includes('phone')) return phone;
    if (key === 'displayname' || key === 'contactname' || key === 'owners') return personName;
    if (key === 'uscc') return uscc(vocabulary.divisionCodes);
    if (key.includes('division') || key.includes('territorycode'))
      return fc.constantFrom(...vocabulary.divisionCodes);
    if (key.includes('industry')) return fc.constantFrom(...vocabulary.industryCodes);
    if (key.startsWith('fieldcode')) return fc.constantFrom(...vocabulary.fieldCodes);
    if (key === 'number') return patentNumber;
    if (key.endsWith('on') && key !== 'reason') return date; // filedOn, paidOn, expiresOn …
    if (key === 'deadline' || key.startsWith('period')) return date;
    if (key.endsWith('fen')) return fen;
    if (key === 'idempotencykey')
      return fc.stringMatching(/^[A-Za-z0-9._:-]{8,40}$/).map((k) => `fuzz-${k}`);
    if (key === 'nameen') return fc.nat(9_999).map((n) => `Fuzz Institute ${n}`);
    if (key === 'name') return chinese(1, 2).map((s) => `${s}有限公司`);
    if (key === 'namezh') return chinese(1, 2).map((s) => `${s}研究院`);
    if (key === 'keywords') return fc.constantFrom(...WORDS);
    if (key === 'title') return chinese(1, 2);
    return chinese(1, 5);
  }
  if (scalar === 'Int') {
    if (key === 'trl' || key.endsWith('trl') || key.startsWith('trl'))
      return fc.integer({ min: 1, max: 9 });
    if (key === 'royaltyratebp') return fc.integer({ min: 1, max: 3_000 });
    if (key === 'trialdays') return fc.integer({ min: 1, max: 365 });
    if (key === 'conversiongracedays') return fc.integer({ min: 0, max: 90 });
    if (key === 'dueindays') return fc.integer({ min: 0, max: 365 });
    if (key.endsWith('yuan')) return fc.integer({ min: 0, max: 5_000_000 });
    if (key === 'first' || key === 'limit') return fc.integer({ min: 1, max: 50 });
    return fc.integer({ min: 0, max: 100 });
  }
  return undefined;
}

/** Which pool an ID field's plausible value comes from. */
export function poolForIdField(field: string, typeName: string, mutation: string): PoolName | null {
  const byField: Record<string, PoolName> = {
    dealId: 'deal',
    offerId: 'offer',
    resultId: 'result',
    needId: 'need',
    enterpriseId: 'enterprise',
    institutionId: 'institution',
    patentIds: 'patent',
    matchId: 'match',
    instalmentId: 'instalment',
    ids: 'notification',
  };
  if (byField[field]) return byField[field];
  if (field !== 'id') return null;
  const owner = `${typeName} ${mutation}`;
  if (/ResearchResult|UpdateResult/.test(owner)) return 'result';
  if (/TechNeed|UpdateNeed/.test(owner)) return 'need';
  if (/Enterprise/.test(owner)) return 'enterprise';
  if (/Institution/.test(owner)) return 'institution';
  if (/Patent/.test(owner)) return 'patent';
  return null;
}

/** A coherent offer (fee model with its own amounts, a schedule that adds up), before corruption. */
export const plausibleTerms = (vocabulary: Vocabulary): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      model: fc.constantFrom('LUMP_SUM', 'ROYALTY', 'ENTRY_PLUS_ROYALTY'),
      amount: fc.integer({ min: 1, max: 50_000_000 }),
      split: fc.boolean(),
      rate: fc.integer({ min: 1, max: 2_000 }),
      trial: fc.option(fc.integer({ min: 30, max: 365 }), { nil: undefined }),
      exclusivity: fc.constantFrom('NON_EXCLUSIVE', 'SOLE', 'EXCLUSIVE'),
      territory: fc.option(fc.constantFrom(...vocabulary.divisionCodes), { nil: undefined }),
    })
    .map(({ model, amount, split, rate, trial, exclusivity, territory }) => {
      const fixed = String(amount * 100);
      const schedule =
        split && model !== 'ROYALTY'
          ? [
              { dueInDays: 0, amountFen: String(amount * 50) },
              { dueInDays: 90, amountFen: String(amount * 50) },
            ]
          : undefined;
      return {
        feeModel: model,
        exclusivity,
        ...(model === 'LUMP_SUM' ? { lumpSumFen: fixed } : {}),
        ...(model === 'ENTRY_PLUS_ROYALTY' ? { entryFeeFen: fixed } : {}),
        ...(model !== 'LUMP_SUM' ? { royaltyRateBp: rate } : {}),
        ...(schedule ? { paymentSchedule: schedule } : {}),
        ...(trial === undefined ? {} : { trialDays: trial }),
        ...(territory === undefined ? {} : { territoryCodes: [territory] }),
      };
    });

/** A period that has ended, with net sales: what an enterprise reports each month. */
export const plausibleSales = fc
  .tuple(pastMonth, fen, fc.option(chinese(1, 2), { nil: undefined }))
  .map(([period, netSalesFen, note]) => ({
    periodStart: period.start,
    periodEnd: period.end,
    netSalesFen,
    ...(note === undefined ? {} : { note }),
  }));
