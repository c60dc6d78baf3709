import { fold } from '../vocabulary.js';
import type { ImportKind } from './import-kind.js';

/** The unit a money column is written in: the header says it (预算（万元）), a cell may override. */
export type MoneyUnit = 'yuan' | 'wan';

/**
 * One column of an import form. `headers` holds the wording of the provincial forms first (what
 * docs/import.md lists and exports print), then other usual wordings and English names.
 */
export interface ImportColumn {
  key: string;
  headers: readonly string[];
  /** The column must be in the header row; a file without it is refused as a whole. */
  required?: boolean;
  /** Money columns: the unit of a bare number, when the matched header does not name one. */
  unit?: MoneyUnit;
}

const RESULT_COLUMNS: readonly ImportColumn[] = [
  { key: 'sourceKey', headers: ['成果编号', '来源编号', '编号', 'source key', 'sourceKey'] },
  { key: 'title', headers: ['成果名称', '项目名称', 'title'], required: true },
  { key: 'summary', headers: ['成果简介', '成果简介（公开）', '成果摘要', '简介', 'summary'] },
  {
    key: 'confidentialDetail',
    headers: ['非公开技术信息', '保密内容', '技术秘密', 'confidential detail'],
  },
  { key: 'fields', headers: ['所属领域', '技术领域', '学科领域', '领域', 'fields', 'field codes'] },
  { key: 'stage', headers: ['成果所处阶段', '所处阶段', '成果阶段', '成熟阶段', 'stage'] },
  { key: 'trl', headers: ['技术成熟度', '技术成熟度等级', 'TRL'] },
  { key: 'modes', headers: ['拟采取的转化方式', '转化方式', '拟转化方式', '合作方式', 'modes'] },
  {
    key: 'institution',
    headers: ['完成单位', '成果完成单位', '第一完成单位', '所属单位', '单位名称', 'institution'],
    required: true,
  },
  { key: 'keywords', headers: ['关键词', '关键字', 'keywords'] },
  { key: 'patents', headers: ['专利号', '相关专利', '专利', '专利申请号', 'patents'] },
  { key: 'patentStatus', headers: ['专利状态', '专利法律状态', 'patent status'] },
  { key: 'level', headers: ['成果水平', '技术水平', '评价水平', 'level'] },
  {
    key: 'price',
    headers: ['意向价格', '转化价格', '参考价格', '交易价格', 'price'],
    unit: 'wan',
  },
  { key: 'priceMin', headers: ['意向价格下限', 'price min'], unit: 'yuan' },
  { key: 'priceMax', headers: ['意向价格上限', 'price max'], unit: 'yuan' },
  { key: 'serviceInvention', headers: ['是否职务成果', '职务成果', 'service invention'] },
  { key: 'status', headers: ['状态', '发布状态', 'status'] },
];

const NEED_COLUMNS: readonly ImportColumn[] = [
  { key: 'sourceKey', headers: ['需求编号', '来源编号', '编号', 'source key', 'sourceKey'] },
  { key: 'title', headers: ['需求名称', '需求标题', '项目名称', 'title'], required: true },
  { key: 'description', headers: ['需求描述', '需求内容', '需求简介', '需求概述', 'description'] },
  {
    key: 'problem',
    headers: ['需解决的问题', '需解决的技术难题', '拟解决的问题', '技术难题', 'problem'],
  },
  { key: 'fields', headers: ['所属领域', '技术领域', '学科领域', '领域', 'fields', 'field codes'] },
  { key: 'keywords', headers: ['关键词', '关键字', 'keywords'] },
  { key: 'enterpriseName', headers: ['企业名称', '需求单位', '单位名称', 'enterprise'] },
  { key: 'uscc', headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'USCC'] },
  { key: 'budget', headers: ['预算', '预算金额', '投入预算', '拟投入资金', 'budget'], unit: 'wan' },
  { key: 'modes', headers: ['拟合作方式', '合作方式', '拟采取的合作方式', '转化方式', 'modes'] },
  { key: 'deadline', headers: ['截止日期', '需求截止日期', '有效期至', '截止时间', 'deadline'] },
  { key: 'minTrl', headers: ['最低技术成熟度', '技术成熟度要求', '技术成熟度', 'min TRL'] },
  { key: 'status', headers: ['状态', '发布状态', 'status'] },
];

const ENTERPRISE_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', headers: ['企业名称', '单位名称', '企业全称', 'name'], required: true },
  {
    key: 'uscc',
    headers: ['统一社会信用代码', '社会信用代码', '信用代码', 'USCC'],
    required: true,
  },
  {
    key: 'division',
    headers: ['所在县区', '所在区县', '所属县区', '县区', '所在地区', '行政区划', 'division'],
  },
  { key: 'industry', headers: ['所属行业', '行业', '行业类别', '行业代码', 'industry'] },
  { key: 'contactName', headers: ['联系人', '联系人姓名', 'contact name'] },
  { key: 'contactPhone', headers: ['联系电话', '联系方式', '电话', '手机', 'contact phone'] },
  { key: 'qualifications', headers: ['企业资质', '资质', '企业类型', 'qualifications'] },
  { key: 'tier', headers: ['培育层级', '培育库', '培育梯次', 'cultivation tier'] },
];

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  results: RESULT_COLUMNS,
  needs: NEED_COLUMNS,
  enterprises: ENTERPRISE_COLUMNS,
};

/** A header as compared: folded, without the required-field star or a trailing colon. */
export const normaliseHeader = (header: string): string =>
  fold(header).replace(/^[*]+|[*:]+$/g, '');

const UNIT_NOTE = /\(([^)]*)\)$/;

/** Where a column is in the file, under which header, and in which unit its money is written. */
export interface MappedColumn {
  column: ImportColumn;
  index: number;
  header: string;
  unit?: MoneyUnit;
}

export interface HeaderMap {
  columns: Map<string, MappedColumn>;
  /** Headers that name no column of this kind: reported, not read. */
  ignored: string[];
  /** Required columns the header row lacks. */
  missing: ImportColumn[];
  duplicated: string[];
}

/**
 * Maps a header row onto a kind's columns. A header matches a column's wording exactly (after
 * folding), or once a trailing note in brackets is dropped: 预算（万元） is 预算 in 万元, 所属领域
 * （代码或名称） is 所属领域.
 */
export function mapHeaders(kind: ImportKind, cells: readonly string[]): HeaderMap {
  const lookup = new Map<string, ImportColumn>();
  for (const column of IMPORT_COLUMNS[kind]) {
    for (const header of column.headers) lookup.set(normaliseHeader(header), column);
  }
  const columns = new Map<string, MappedColumn>();
  const ignored: string[] = [];
  const duplicated: string[] = [];
  cells.forEach((cell, index) => {
    const header = cell.trim();
    if (header === '') return;
    const folded = normaliseHeader(header);
    const note = UNIT_NOTE.exec(folded);
    const bare = note ? folded.slice(0, note.index) : folded;
    const column = lookup.get(folded) ?? lookup.get(bare);
    if (!column) {
      ignored.push(header);
      return;
    }
    if (columns.has(column.key)) {
      duplicated.push(header);
      return;
    }
    const unitNote = note?.[1] ?? '';
    const unit: MoneyUnit | undefined = unitNote.includes('万')
      ? 'wan'
      : unitNote.includes('元')
        ? 'yuan'
        : column.unit;
    columns.set(column.key, { column, index, header, ...(unit ? { unit } : {}) });
  });
  const missing = IMPORT_COLUMNS[kind].filter(
    (column) => column.required && !columns.has(column.key),
  );
  return { columns, ignored, missing, duplicated };
}

/** How many of a row's cells are headers of this kind: the header row is the first with two. */
export function headerScore(kind: ImportKind, cells: readonly string[]): number {
  const { columns } = mapHeaders(kind, cells);
  return columns.size;
}
