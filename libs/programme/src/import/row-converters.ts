import {
  NeedStatus,
  PatentKind,
  PatentLegalStatus,
  parsePatentNumber,
  ResultLevel,
  ResultStatus,
  type TransferMode,
} from '@techmatch/catalogue';
import type { LocalizedMessage } from '@techmatch/common';
import {
  CULTIVATION_TIERS,
  DEFAULT_STAGE_TRL,
  findTerm,
  fold,
  NEED_STATUSES,
  QUALIFICATIONS,
  RESULT_LEVELS,
  RESULT_STAGES,
  RESULT_STATUSES,
  STAGE_TRL,
  stageOfTrl,
  termList,
  TRANSFER_MODES,
  type Vocabulary,
  YES_NO,
} from '../vocabulary.js';
import { CellError, parseDate, parseInteger, parseMoney, splitList } from './cell-parsers.js';
import { type HeaderMap, IMPORT_COLUMNS } from './import-columns.js';
import type { ImportKind } from './import-kind.js';
import type { Lookup, ReferenceLookups } from './reference-lookups.js';

/** One reason a row was refused: its row number as a spreadsheet shows it, the column, why. */
export interface RowProblem {
  row: number;
  column: string;
  reason: LocalizedMessage;
}

/**
 * A row read into the shape of the GraphQL input (`input`), before validation, with the problems
 * found while reading its cells, and where each input property came from (for reporting).
 */
export interface ConvertedRow {
  row: number;
  input: Record<string, unknown>;
  problems: RowProblem[];
  /** Header of the column an input path (`patents.0.number`) came from. */
  columnOf(path: string): string;
  sourceKey: string | null;
  /** Status the row is stored in (imports publish unless the row says otherwise). */
  status: string;
  /** Needs: the enterprise the row names, resolved later against the catalogue. */
  enterprise?: { uscc: string | null; name: string | null };
}

/** Reads one row's cells by column key and remembers which header each input property used. */
class CellReader {
  readonly problems: RowProblem[] = [];
  private readonly origins = new Map<string, string>();

  constructor(
    private readonly kind: ImportKind,
    private readonly headers: HeaderMap,
    private readonly cells: readonly string[],
    readonly row: number,
  ) {}

  /**
   * The trimmed text of a column, '' when the column is absent or the cell empty. The apostrophe
   * that CSV exports put before text Excel would take for a formula (csv-export.ts) is dropped.
   */
  text(key: string): string {
    const mapped = this.headers.columns.get(key);
    const text = mapped ? (this.cells[mapped.index] ?? '').trim() : '';
    return text.replace(/^'(?=[=+\-@])/, '');
  }

  has(key: string): boolean {
    return this.text(key) !== '';
  }

  /** The header a column is written under in this file, or its standard wording. */
  header(key: string): string {
    return (
      this.headers.columns.get(key)?.header ??
      IMPORT_COLUMNS[this.kind].find((column) => column.key === key)?.headers[0] ??
      key
    );
  }

  unit(key: string): 'yuan' | 'wan' {
    return this.headers.columns.get(key)?.unit ?? 'yuan';
  }

  /** Input `property` comes from column `key`. */
  from(property: string, key: string): void {
    this.origins.set(property, this.header(key));
  }

  problem(key: string, reason: LocalizedMessage): void {
    this.problems.push({ row: this.row, column: this.header(key), reason });
  }

  /** Runs a cell parser, turning its CellError into a problem of that column. */
  read<T>(key: string, parse: () => T, fallback: T): T {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      this.problem(key, error.reason);
      return fallback;
    }
  }

  /** A list of words of a vocabulary; each unknown word is a problem naming the allowed ones. */
  terms<T extends string>(key: string, vocabulary: Vocabulary<T>): T[] {
    const values: T[] = [];
    for (const item of splitList(this.text(key))) {
      const value = findTerm(vocabulary, item);
      if (value) values.push(value);
      else this.unknownTerm(key, vocabulary, item);
    }
    return [...new Set(values)];
  }

  term<T extends string>(key: string, vocabulary: Vocabulary<T>): T | undefined {
    const text = this.text(key);
    if (text === '') return undefined;
    const value = findTerm(vocabulary, text);
    if (!value) this.unknownTerm(key, vocabulary, text);
    return value ?? undefined;
  }

  codes(key: string, lookup: (text: string) => Lookup): string[] {
    const codes: string[] = [];
    for (const item of splitList(this.text(key))) {
      const found = lookup(item);
      if ('code' in found) codes.push(found.code);
      else this.problem(key, found.problem);
    }
    return [...new Set(codes)];
  }

  columnOf = (path: string): string => {
    const top = path.split('.')[0] ?? path;
    return this.origins.get(path) ?? this.origins.get(top) ?? top;
  };

  private unknownTerm<T extends string>(
    key: string,
    vocabulary: Vocabulary<T>,
    text: string,
  ): void {
    this.problem(key, {
      zh: `无法识别的${vocabulary.label.zh}“${text}”（可选：${termList(vocabulary)}）`,
      en: `unknown ${vocabulary.label.en} "${text}" (one of: ${termList(vocabulary)})`,
    });
  }
}

const nonEmpty = (text: string): string | undefined => (text === '' ? undefined : text);

function convertResult(cells: CellReader, lookups: ReferenceLookups): ConvertedRow {
  const input: Record<string, unknown> = {};
  const origin = (property: string, key: string, value: unknown): void => {
    cells.from(property, key);
    if (value !== undefined) input[property] = value;
  };

  const institution = cells.text('institution');
  cells.from('institutionId', 'institution');
  if (institution === '') {
    cells.problem('institution', { zh: '完成单位不能为空', en: 'the institution is required' });
  } else {
    const found = lookups.institution(institution);
    if ('id' in found) input.institutionId = found.id;
    else cells.problem('institution', found.problem);
  }
  origin('title', 'title', cells.text('title'));
  origin('summary', 'summary', cells.text('summary'));
  origin('confidentialDetail', 'confidentialDetail', nonEmpty(cells.text('confidentialDetail')));
  origin(
    'fieldCodes',
    'fields',
    cells.codes('fields', (text) => lookups.field(text)),
  );
  origin('keywords', 'keywords', splitList(cells.text('keywords')));

  // Stage and TRL: either may be given; the other follows from it.
  const stage = cells.term('stage', RESULT_STAGES);
  const trlText = cells.text('trl');
  let trl: number | string | undefined = trlText === '' ? undefined : parseInteger(trlText);
  if (trl === undefined && stage) {
    const stageText = fold(cells.text('stage'));
    trl = STAGE_TRL.find(([term]) => stageText.includes(term))?.[1] ?? DEFAULT_STAGE_TRL[stage];
  }
  cells.from('stage', 'stage');
  cells.from('trl', trlText === '' ? 'stage' : 'trl');
  if (stage) input.stage = stage;
  else if (typeof trl === 'number' && !cells.has('stage')) input.stage = stageOfTrl(trl);
  if (trl !== undefined) input.trl = trl;

  origin('modes', 'modes', cells.terms('modes', TRANSFER_MODES) satisfies TransferMode[]);
  origin('level', 'level', cells.term('level', RESULT_LEVELS) ?? ResultLevel.NOT_EVALUATED);
  // Without the column: a service invention, as the GraphQL input's default says.
  origin(
    'serviceInvention',
    'serviceInvention',
    cells.has('serviceInvention') ? cells.term('serviceInvention', YES_NO) === 'true' : true,
  );

  const price = cells.has('price')
    ? cells.read('price', () => parseMoney(cells.text('price'), cells.unit('price'), 'both'), {
        min: null,
        max: null,
      })
    : {
        min: cells.read(
          'priceMin',
          () => parseMoney(cells.text('priceMin'), cells.unit('priceMin'), 'max').max,
          null,
        ),
        max: cells.read(
          'priceMax',
          () => parseMoney(cells.text('priceMax'), cells.unit('priceMax'), 'max').max,
          null,
        ),
      };
  const priceKey = cells.has('price') ? 'price' : 'priceMin';
  origin('priceMinYuan', priceKey, price.min);
  origin('priceMaxYuan', cells.has('price') ? 'price' : 'priceMax', price.max);

  const legal = cells.term('patentStatus', PATENT_STATUSES);
  const title = cells.text('title');
  cells.from('patents', 'patents');
  input.patents = splitList(cells.text('patents')).map((number) => {
    const parsed = parsePatentNumber(number);
    return {
      number,
      title: title === '' ? number : title,
      kind: parsed?.patentType ? PatentKind[parsed.patentType] : PatentKind.INVENTION,
      legalStatus:
        legal ?? (parsed?.granted ? PatentLegalStatus.GRANTED : PatentLegalStatus.PENDING),
      owners: institution === '' ? [] : [institution],
      openLicence: false,
    };
  });

  const status = cells.term('status', RESULT_STATUSES) ?? ResultStatus.PUBLISHED;
  return {
    row: cells.row,
    input,
    problems: cells.problems,
    columnOf: cells.columnOf,
    sourceKey: nonEmpty(cells.text('sourceKey')) ?? null,
    status,
  };
}

const PATENT_STATUSES: Vocabulary<PatentLegalStatus> = {
  label: { zh: '专利状态', en: 'patent status' },
  terms: {
    [PatentLegalStatus.GRANTED]: ['已授权', '授权', '有效', '维持'],
    [PatentLegalStatus.PENDING]: ['申请中', '实审', '实质审查', '公开', '受理'],
    [PatentLegalStatus.EXPIRED]: ['已过期', '过期', '届满', '终止'],
    [PatentLegalStatus.INVALIDATED]: ['已无效', '无效', '宣告无效'],
  },
};

function convertNeed(cells: CellReader, lookups: ReferenceLookups): ConvertedRow {
  const input: Record<string, unknown> = {};
  const origin = (property: string, key: string, value: unknown): void => {
    cells.from(property, key);
    if (value !== undefined) input[property] = value;
  };
  origin('title', 'title', cells.text('title'));
  origin('description', 'description', cells.text('description'));
  origin('problem', 'problem', cells.text('problem'));
  origin(
    'fieldCodes',
    'fields',
    cells.codes('fields', (text) => lookups.field(text)),
  );
  origin('keywords', 'keywords', splitList(cells.text('keywords')));
  if (cells.has('minTrl')) origin('minTrl', 'minTrl', parseInteger(cells.text('minTrl')));
  const budget = cells.read(
    'budget',
    () => parseMoney(cells.text('budget'), cells.unit('budget'), 'max'),
    { min: null, max: null },
  );
  origin('budgetMinYuan', 'budget', budget.min);
  origin('budgetMaxYuan', 'budget', budget.max);
  origin('modes', 'modes', cells.terms('modes', TRANSFER_MODES));
  if (cells.has('deadline')) origin('deadline', 'deadline', parseDate(cells.text('deadline')));

  const uscc = nonEmpty(cells.text('uscc')) ?? null;
  const name = nonEmpty(cells.text('enterpriseName')) ?? null;
  cells.from('enterpriseId', uscc ? 'uscc' : 'enterpriseName');
  if (!uscc && !name) {
    cells.problem('enterpriseName', {
      zh: '须填写企业名称或统一社会信用代码',
      en: 'give the enterprise name or its unified social credit code',
    });
  }
  return {
    row: cells.row,
    input,
    problems: cells.problems,
    columnOf: cells.columnOf,
    sourceKey: nonEmpty(cells.text('sourceKey')) ?? null,
    status: cells.term('status', NEED_STATUSES) ?? NeedStatus.OPEN,
    enterprise: { uscc, name },
  };
}

function convertEnterprise(cells: CellReader, lookups: ReferenceLookups): ConvertedRow {
  const input: Record<string, unknown> = {};
  const origin = (property: string, key: string, value: unknown): void => {
    cells.from(property, key);
    if (value !== undefined) input[property] = value;
  };
  origin('name', 'name', cells.text('name'));
  origin('uscc', 'uscc', cells.text('uscc'));
  // An empty or unknown cell is reported here; a placeholder that passes the input's format rule
  // then stands in, as that rule would only say the same less clearly.
  const code = (key: string, lookup: (text: string) => Lookup, placeholder: string): string => {
    const text = cells.text(key);
    const found: Lookup =
      text === ''
        ? {
            problem: {
              zh: `${cells.header(key)}不能为空`,
              en: `${cells.header(key)} is required`,
            },
          }
        : lookup(text);
    if ('code' in found) return found.code;
    cells.problem(key, found.problem);
    return placeholder;
  };
  origin(
    'divisionCode',
    'division',
    code('division', (t) => lookups.division(t), '000000'),
  );
  origin(
    'industryCode',
    'industry',
    code('industry', (t) => lookups.industry(t), '00'),
  );
  origin('contactName', 'contactName', nonEmpty(cells.text('contactName')));
  origin('contactPhone', 'contactPhone', nonEmpty(cells.text('contactPhone')));
  origin('qualifications', 'qualifications', cells.terms('qualifications', QUALIFICATIONS));
  origin('cultivationTier', 'tier', cells.term('tier', CULTIVATION_TIERS));
  return {
    row: cells.row,
    input,
    problems: cells.problems,
    columnOf: cells.columnOf,
    sourceKey: null,
    status: '',
  };
}

/** Reads one data row of a kind into its input shape; pure, given the header map and lookups. */
export function convertRow(
  kind: ImportKind,
  headers: HeaderMap,
  cells: readonly string[],
  row: number,
  lookups: ReferenceLookups,
): ConvertedRow {
  const reader = new CellReader(kind, headers, cells, row);
  switch (kind) {
    case 'results':
      return convertResult(reader, lookups);
    case 'needs':
      return convertNeed(reader, lookups);
    case 'enterprises':
      return convertEnterprise(reader, lookups);
  }
}
