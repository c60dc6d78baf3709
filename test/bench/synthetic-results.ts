/**
 * A large, deterministic catalogue for the search benchmarks, recombined from real abstracts: each
 * generated result takes its sentences, keywords and title halves from two or three papers of one
 * discipline. Repeating a fixed vocabulary would make the engine's dictionaries and posting lists
 * unrealistically small; recombination keeps CSL's real word distribution while every document
 * still differs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ResultLevel,
  type ResultImportRow,
  ResultStage,
  ResultStatus,
  TransferMode,
} from '@techmatch/catalogue';
import { Random } from './bench-support.js';

/** One source paper. Reads both the CSL format (id, abstract) and the demo file (key, summary). */
export interface SourcePaper {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  category: string;
}

/** The 737 CSL papers of the demo data; copied next to the compiled code by `nest build tools`. */
export const DEFAULT_SOURCE = join(
  import.meta.dirname,
  '../../apps/api/src/demo/data/csl-results.jsonl',
);

export async function readSourcePapers(file: string): Promise<SourcePaper[]> {
  const papers: SourcePaper[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Partial<SourcePaper> & { key?: string; summary?: string };
    const abstract = row.abstract ?? row.summary ?? '';
    if (!row.title || abstract.length < 20) continue;
    papers.push({
      id: row.id ?? row.key ?? String(papers.length),
      title: row.title,
      abstract,
      keywords: row.keywords ?? [],
      discipline: row.discipline ?? '',
      category: row.category ?? '',
    });
  }
  if (papers.length < 2) throw new Error(`${file}: fewer than two usable papers`);
  return papers;
}

/**
 * Sentence ends: Chinese stops, and the ASCII full stop CSL often uses between sentences — but not
 * inside a number (3.5) or an abbreviation run (e.g.).
 */
const SENTENCE_END = /(?<=[。！？；!?;])|(?<=[^\d.A-Za-z]\.)(?=[^\d\s.,)])/u;

const splitSentences = (text: string): string[] =>
  text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 8);

/** Splits a title at its first 的 ("基于X的 | Y方法"), the natural seam of Chinese paper titles. */
function titleHalves(title: string): { head: string | null; tail: string } {
  const at = title.indexOf('的');
  return at >= 2 && at < title.length - 2
    ? { head: title.slice(0, at + 1), tail: title.slice(at + 1) }
    : { head: null, tail: title };
}

interface PreparedPaper extends SourcePaper {
  sentences: string[];
  head: string | null;
  tail: string;
}

export interface GeneratorContext {
  institutionIds: string[];
  /** Field-tree code of a CSL discipline (within its category), '' when unknown. */
  fieldCode(discipline: string, category: string): string;
  /** Code of a CSL category (门类), the fallback when a discipline has no code of its own. */
  categoryCode(category: string): string;
}

export interface SyntheticDataset {
  rows: ResultImportRow[];
  sourcePapers: number;
  sourceSentences: number;
  distinctTitles: number;
  distinctSummaries: number;
  meanSummaryChars: number;
}

const TRL_WEIGHTS = [1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 9];
const LEVELS = [
  ...Array<ResultLevel>(6).fill(ResultLevel.NOT_EVALUATED),
  ResultLevel.DOMESTIC_ADVANCED,
  ResultLevel.DOMESTIC_ADVANCED,
  ResultLevel.DOMESTIC_LEADING,
  ResultLevel.INTERNATIONAL_ADVANCED,
  ResultLevel.INTERNATIONAL_LEADING,
];
const MODES = Object.values(TransferMode);
const TITLE_ENDINGS = ['研究', '关键技术', '应用研究', '工艺优化', '性能分析', '系统开发'];

const stageOf = (trl: number): ResultStage =>
  trl <= 3
    ? ResultStage.LAB
    : trl <= 6
      ? ResultStage.PILOT
      : trl <= 8
        ? ResultStage.INDUSTRIALISATION
        : ResultStage.MASS_PRODUCTION;

/** Asking prices spread over four orders of magnitude (10 thousand to 20 million yuan). */
function priceRange(random: Random): { priceMinYuan: number | null; priceMaxYuan: number | null } {
  if (random.chance(0.2)) return { priceMinYuan: null, priceMaxYuan: null };
  const min = Math.round(10 ** (4 + random.next() * 3.3) / 10_000) * 10_000;
  const max = Math.round((min * (1 + random.next() * 2)) / 10_000) * 10_000;
  return { priceMinYuan: min, priceMaxYuan: Math.max(min, max) };
}

export function generateResults(
  papers: SourcePaper[],
  count: number,
  seed: number,
  context: GeneratorContext,
): SyntheticDataset {
  const random = new Random(seed);
  const prepared: PreparedPaper[] = papers.map((paper) => ({
    ...paper,
    sentences: splitSentences(paper.abstract),
    ...titleHalves(paper.title),
  }));
  // Documents draw from one discipline, so their text, keywords and field codes stay coherent.
  const byDiscipline = new Map<string, PreparedPaper[]>();
  for (const paper of prepared) {
    const key = `${paper.category}/${paper.discipline}`;
    byDiscipline.set(key, [...(byDiscipline.get(key) ?? []), paper]);
  }
  const byCategory = new Map<string, PreparedPaper[]>();
  for (const paper of prepared) {
    byCategory.set(paper.category, [...(byCategory.get(paper.category) ?? []), paper]);
  }

  const rows: ResultImportRow[] = [];
  const titles = new Set<string>();
  const summaries = new Set<string>();
  let summaryChars = 0;
  for (let i = 0; i < count; i++) {
    const anchor = random.pick(prepared);
    let group = byDiscipline.get(`${anchor.category}/${anchor.discipline}`) ?? [anchor];
    if (group.length < 3) group = byCategory.get(anchor.category) ?? group;
    if (group.length < 2) group = prepared;
    const others = random.int(1, 2);
    const donors = [
      anchor,
      ...random
        .sample(group, others + 1)
        .filter((paper) => paper !== anchor)
        .slice(0, others),
    ];

    const keywords = random.sample(
      [...new Set(donors.flatMap((paper) => paper.keywords.map((kw) => kw.slice(0, 50))))],
      random.int(3, 6),
    );
    // A few redraws make repeats rare; the dataset reports how many distinct texts it holds.
    let title = makeTitle(random, donors, keywords);
    for (let retry = 0; titles.has(title) && retry < 10; retry++) {
      title = makeTitle(random, donors, random.sample(keywords, keywords.length));
    }
    const length = random.pick(prepared).abstract.length;
    let summary = makeSummary(random, donors, length);
    for (let retry = 0; summaries.has(summary) && retry < 5; retry++) {
      donors.push(random.pick(byCategory.get(anchor.category) ?? prepared));
      summary = makeSummary(random, donors, length);
    }
    const fieldCodes = makeFieldCodes(random, anchor, group, context);
    const trl = random.pick(TRL_WEIGHTS);
    rows.push({
      sourceKey: `bench-${seed}-${i}`,
      institutionId: random.pick(context.institutionIds),
      title,
      summary,
      confidentialDetail: random.chance(0.5)
        ? null
        : `中试数据与工艺参数表（${random.int(2, 60)}批次）由课题组保存，仅向合作方开放。`,
      fieldCodes,
      keywords,
      trl,
      stage: stageOf(trl),
      level: random.pick(LEVELS),
      modes: random.sample(MODES, random.int(1, 4)),
      ...priceRange(random),
      serviceInvention: random.chance(0.85),
      status: ResultStatus.PUBLISHED,
      patents: [],
    });
    titles.add(title);
    summaries.add(summary);
    summaryChars += summary.length;
  }
  return {
    rows,
    sourcePapers: papers.length,
    sourceSentences: prepared.reduce((sum, paper) => sum + paper.sentences.length, 0),
    distinctTitles: titles.size,
    distinctSummaries: summaries.size,
    meanSummaryChars: Math.round(summaryChars / Math.max(1, count)),
  };
}

/** A first half from one paper and a second from another, or a keyword-led variant. */
function makeTitle(random: Random, donors: PreparedPaper[], keywords: string[]): string {
  const heads = donors.map((paper) => paper.head).filter((head): head is string => head !== null);
  const tail = random.pick(donors).tail;
  const [first, second] = keywords;
  const roll = random.next();
  let title: string;
  if (roll < 0.45 && heads.length > 0) title = random.pick(heads) + tail;
  else if (roll < 0.65 && first) title = `基于${first}的${tail}`;
  else if (roll < 0.8 && first && second) title = `${first}在${second}中的应用`;
  else if (first && second) title = `${first}与${second}${random.pick(TITLE_ENDINGS)}`;
  else title = tail;
  return title.slice(0, 200);
}

/** Sentences of the donors in random order, about as long as a real abstract. */
function makeSummary(random: Random, donors: PreparedPaper[], targetChars: number): string {
  const pool = random.sample([...new Set(donors.flatMap((paper) => paper.sentences))], 12);
  let summary = '';
  for (const sentence of pool) {
    summary += /[。！？；!?;.]$/u.test(sentence) ? sentence : `${sentence}。`;
    if (summary.length >= Math.max(80, targetChars)) break;
  }
  return summary.slice(0, 5000);
}

function makeFieldCodes(
  random: Random,
  anchor: PreparedPaper,
  group: PreparedPaper[],
  context: GeneratorContext,
): string[] {
  const codes = [context.fieldCode(anchor.discipline, anchor.category)];
  if (random.chance(0.25)) {
    const other = random.pick(group);
    codes.push(context.fieldCode(other.discipline, other.category));
  }
  const known = [...new Set(codes.filter((code) => code !== ''))];
  if (known.length > 0) return known;
  const category = context.categoryCode(anchor.category);
  return category ? [category] : [];
}
