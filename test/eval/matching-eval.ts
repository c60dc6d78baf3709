/**
 * Matching quality on a CSL-format file (one paper a line: id, title, abstract, keywords,
 * discipline, category). Every paper becomes a published result through the catalogue service, at
 * one of the demo institutions (plus a county institute), with its discipline as its field. For
 * each paper an enterprise posts needs whose only text is the paper's keywords (all of them, and
 * only the last two), once with the paper's discipline as the need's field and once without. Each
 * need is matched by the service (MatchEngine.rematchNeed) and its ranking read back as a broker
 * reads it (MatchesService.forNeed). The paper itself is the answer (R@1, R@10, MRR@10); nDCG@10
 * grades 3 for the paper and 1 for another paper of its discipline. Plain Meilisearch on the same
 * papers is measured in the same run. Prints a table, then one JSON line.
 *
 *   npm run eval:matching -- --data ../shared/data/csl_dev.jsonl [--concurrency 4] [--limit n]
 *     [--dump rankings.jsonl]
 *
 * MATCH_WEIGHTS from the environment (JSON, e.g. {"text":0.6,"field":0.25}) is passed through.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import {
  CultivationTier,
  EnterprisesService,
  FieldScheme,
  InstitutionKind,
  InstitutionsService,
  type NewInstitution,
  NeedStatus,
  type ResultImportRow,
  ResearchResultsService,
  ResultLevel,
  ResultStage,
  ResultStatus,
  TaxonomyService,
  TechNeedsService,
  TransferMode,
} from '@techmatch/catalogue';
import { RequestContext, Role } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import {
  MATCHING_CONFIG,
  MatchEngine,
  type MatchingConfig,
  MatchesService,
} from '@techmatch/matching';
import { OutboxRelay } from '@techmatch/search';
import { DataSource } from 'typeorm';
import { DEMO_INSTITUTIONS } from '../../apps/api/src/demo/demo-data.js';
import {
  argument,
  numberArgument,
  type Paper,
  plainMeilisearch,
  type Ranker,
  readPapers,
  round4,
  startEvalApp,
} from './eval-support.js';

const FORMS = ['all', 'two'] as const;
const FIELD_CASES = ['field', 'nofield'] as const;
type Form = (typeof FORMS)[number];
type FieldCase = (typeof FIELD_CASES)[number];

interface Scores {
  'R@1': number;
  'R@10': number;
  'MRR@10': number;
  'nDCG@10': number;
}
type Report = Record<Form, Record<FieldCase, Scores>>;

/** One need of the evaluation: whose keywords, which of them, with or without the field. */
interface Case {
  paper: Paper;
  form: Form;
  field: FieldCase;
  sourceKey: string;
}

const DEPTH = 10;

/** A county institute besides the demo's urban ones: its results are not 市研县产 for county firms. */
const COUNTY_INSTITUTE: NewInstitution = {
  nameZh: '宜阳县农业科学研究所',
  nameEn: 'Yiyang County Institute of Agricultural Sciences',
  kind: InstitutionKind.RESEARCH_INSTITUTE,
  divisionCode: '410327',
};

/** Enterprises posting the needs: three in counties (the programme's case), one in a district. */
const ENTERPRISES = [
  { name: '伊川县评测机械制造有限公司', divisionCode: '410329', industryCode: '34' },
  { name: '宜阳县评测新材料有限公司', divisionCode: '410327', industryCode: '30' },
  { name: '新安县评测农业科技有限公司', divisionCode: '410323', industryCode: '01' },
  { name: '洛阳评测智能装备有限公司', divisionCode: '410305', industryCode: '35' },
];

/** FNV-1a: a paper's deterministic stand-in for chance (institution, TRL, modes, price). */
function hash(text: string, salt = ''): number {
  let h = 0x811c9dc5;
  for (const char of `${salt}:${text}`) {
    h ^= char.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A valid unified social credit code (GB 32100-2015), as test/catalogue/catalogue-fixtures.ts. */
function makeUscc(divisionCode: string, seed: number): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let body = `91${divisionCode}`;
  let state = seed;
  while (body.length < 17) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    body += charset[state % 31];
  }
  const sum = [...body].reduce(
    (total, char, i) => total + charset.indexOf(char) * (weights[i] ?? 0),
    0,
  );
  return body + charset[(31 - (sum % 31)) % 31];
}

const MODE_SETS: TransferMode[][] = [
  [TransferMode.LICENSE],
  [TransferMode.TRIAL_FIRST_LICENSE, TransferMode.LICENSE],
  [TransferMode.TRANSFER, TransferMode.LICENSE],
  [TransferMode.JOINT_DEVELOPMENT],
  [TransferMode.TRANSFER],
  [TransferMode.SERVICE, TransferMode.JOINT_DEVELOPMENT],
];

/** Plausible, deterministic offer terms for a paper's result. */
function offerTerms(
  paper: Paper,
): Pick<ResultImportRow, 'trl' | 'stage' | 'level' | 'modes' | 'priceMinYuan' | 'priceMaxYuan'> {
  const trl = 3 + (hash(paper.id, 'trl') % 6);
  const stage =
    trl <= 4
      ? ResultStage.LAB
      : trl <= 6
        ? ResultStage.PILOT
        : trl === 7
          ? ResultStage.INDUSTRIALISATION
          : ResultStage.MASS_PRODUCTION;
  const levels = Object.values(ResultLevel);
  const priced = hash(paper.id, 'priced') % 5 !== 0;
  const priceMin = (5 + (hash(paper.id, 'price') % 76)) * 10_000;
  return {
    trl,
    stage,
    level: levels[hash(paper.id, 'level') % levels.length] ?? ResultLevel.NOT_EVALUATED,
    modes: MODE_SETS[hash(paper.id, 'modes') % MODE_SETS.length] ?? [TransferMode.LICENSE],
    priceMinYuan: priced ? priceMin : null,
    priceMaxYuan: priced ? priceMin * 2 : null,
  };
}

/** Discipline name ("材料科学与工程", "中医学/中药学") → field-tree code, as the demo seeder maps. */
async function disciplineCodes(
  taxonomy: TaxonomyService,
  ctx: RequestContext,
): Promise<(discipline: string, category: string) => string> {
  const fields = await taxonomy.fields(ctx, FieldScheme.DISCIPLINE);
  const categoryName = new Map(fields.filter((f) => !f.parentCode).map((f) => [f.code, f.nameZh]));
  const byName = new Map<string, string>();
  for (const field of fields) {
    if (!field.parentCode) continue;
    byName.set(`${categoryName.get(field.parentCode)}/${field.nameZh}`, field.code);
    if (!byName.has(field.nameZh)) byName.set(field.nameZh, field.code);
  }
  return (discipline, category) =>
    byName.get(`${category}/${discipline}`) ??
    byName.get(discipline) ??
    byName.get(`${category}/${discipline.split('/')[0]}`) ??
    '';
}

const keywordsOf = (paper: Paper, form: Form): string[] =>
  (form === 'all' ? paper.keywords : paper.keywords.slice(-2)).map((k) => k.slice(0, 50));

/** Metrics of rankings (paper ids, best first), one ranking per paper. */
function scoreRankings(
  papers: Paper[],
  rankings: Map<string, string[]>,
  discipline: Map<string, string>,
  sameDiscipline: Map<string, number>,
): Scores {
  let r1 = 0;
  let r10 = 0;
  let mrr = 0;
  let ndcg = 0;
  const discount = (index: number): number => 1 / Math.log2(index + 2);
  for (const paper of papers) {
    const ids = (rankings.get(paper.id) ?? []).slice(0, DEPTH);
    const position = ids.indexOf(paper.id);
    if (position === 0) r1++;
    if (position >= 0) {
      r10++;
      mrr += 1 / (position + 1);
    }
    const dcg = ids.reduce((sum, id, index) => {
      const gain = id === paper.id ? 3 : discipline.get(id) === paper.discipline ? 1 : 0;
      return sum + gain * discount(index);
    }, 0);
    const others = Math.min(DEPTH - 1, sameDiscipline.get(paper.discipline) ?? 0);
    let ideal = 3 * discount(0);
    for (let index = 1; index <= others; index++) ideal += discount(index);
    ndcg += dcg / ideal;
  }
  const n = papers.length;
  return {
    'R@1': round4(r1 / n),
    'R@10': round4(r10 / n),
    'MRR@10': round4(mrr / n),
    'nDCG@10': round4(ndcg / n),
  };
}

/** Runs `work` over the items with at most `concurrency` at once. */
async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const file = argument('data');
  if (!file)
    throw new Error(
      'usage: npm run eval:matching -- --data <file.jsonl> [--concurrency n] [--limit n] [--dump file]',
    );
  const concurrency = numberArgument('concurrency', 4);
  const all = await readPapers(file);
  const papers = all.slice(0, numberArgument('limit', all.length));
  const dump = argument('dump');
  const started = Date.now();

  const weightsOverride = process.env.MATCH_WEIGHTS;
  // The match relay stays off (see startEvalApp): each need is matched here, once, after indexing.
  const evalApp = await startEvalApp(
    'matching-eval',
    weightsOverride ? { MATCH_WEIGHTS: weightsOverride } : {},
  );
  const { app, ctx } = evalApp;
  try {
    const tx = app.get(TransactionService);
    const dataSource = app.get(DataSource);
    const config = app.get<MatchingConfig>(MATCHING_CONFIG);
    const fieldCode = await disciplineCodes(app.get(TaxonomyService), ctx);

    // Institutions and enterprises.
    const institutions = app.get(InstitutionsService);
    const wantedInstitutions = [...DEMO_INSTITUTIONS, COUNTY_INSTITUTE];
    await tx.run((em) => institutions.ensure(ctx, wantedInstitutions, em));
    const institutionByName = new Map((await institutions.list(ctx)).map((i) => [i.nameZh, i]));
    const institutionIds = wantedInstitutions.map((i) => institutionByName.get(i.nameZh)?.id ?? '');
    const enterpriseRows = ENTERPRISES.map((row, index) => ({
      ...row,
      uscc: makeUscc(row.divisionCode, 20_260 + index),
      qualifications: [],
      cultivationTier: CultivationTier.GROWTH,
      contactName: null,
      contactPhone: null,
    }));
    const enterprises = app.get(EnterprisesService);
    const enterpriseIds = await tx.run(async (em) => {
      await enterprises.importMany(ctx, enterpriseRows, em);
      const byUscc = await enterprises.idsByUscc(
        ctx,
        enterpriseRows.map((row) => row.uscc),
        em,
      );
      return enterpriseRows.map((row) => byUscc.get(row.uscc) ?? '');
    });

    // Papers as published results, spread over the institutions by a hash of their id.
    const unmapped = new Set<string>();
    const rows: ResultImportRow[] = papers.map((paper) => {
      const code = fieldCode(paper.discipline, paper.category);
      if (!code) unmapped.add(`${paper.category}/${paper.discipline}`);
      return {
        sourceKey: paper.id,
        institutionId: institutionIds[hash(paper.id, 'institution') % institutionIds.length] ?? '',
        title: paper.title.slice(0, 200),
        summary: paper.abstract,
        confidentialDetail: null,
        fieldCodes: code ? [code] : [],
        keywords: paper.keywords.map((keyword) => keyword.slice(0, 50)),
        ...offerTerms(paper),
        serviceInvention: true,
        status: ResultStatus.PUBLISHED,
        patents: [],
      };
    });
    const results = app.get(ResearchResultsService);
    let mark = Date.now();
    for (let start = 0; start < rows.length; start += 500) {
      await tx.run((em) => results.importMany(ctx, rows.slice(start, start + 500), em));
    }
    const importMs = Date.now() - mark;
    mark = Date.now();
    await app.get(OutboxRelay).drain();
    const indexMs = Date.now() - mark;
    process.stderr.write(
      `imported ${rows.length} results in ${seconds(importMs)}, indexed in ${seconds(indexMs)}\n`,
    );

    const paperOf = new Map<string, string>();
    for (const row of await dataSource.query<Array<{ id: string; source_key: string }>>(
      'SELECT id, source_key FROM research_results',
    ))
      paperOf.set(row.id, row.source_key);

    // Four needs a paper, created up front: text = keywords only; no TRL floor, budget or modes.
    const cases: Case[] = papers.flatMap((paper) =>
      FORMS.flatMap((form) =>
        FIELD_CASES.map((field) => ({
          paper,
          form,
          field,
          sourceKey: `${paper.id}:${form}:${field}`,
        })),
      ),
    );
    const needs = app.get(TechNeedsService);
    mark = Date.now();
    for (let start = 0; start < cases.length; start += 1_000) {
      await tx.run((em) =>
        needs.importMany(
          ctx,
          cases.slice(start, start + 1_000).map(({ paper, form, field, sourceKey }) => {
            const keywords = keywordsOf(paper, form);
            const code = fieldCode(paper.discipline, paper.category);
            return {
              sourceKey,
              enterpriseId:
                enterpriseIds[hash(paper.id, 'enterprise') % enterpriseIds.length] ?? '',
              title: keywords.join('、').slice(0, 200),
              description: keywords.join('、'),
              problem: keywords.join('、'),
              fieldCodes: field === 'field' && code ? [code] : [],
              keywords,
              minTrl: null,
              budgetMinYuan: null,
              budgetMaxYuan: null,
              deadline: null,
              modes: [],
              status: NeedStatus.OPEN,
            };
          }),
          em,
        ),
      );
    }
    const needsMs = Date.now() - mark;
    const needIds = new Map<string, string>();
    for (const row of await dataSource.query<Array<{ id: string; source_key: string }>>(
      'SELECT id, source_key FROM tech_needs',
    ))
      needIds.set(row.source_key, row.id);
    process.stderr.write(`created ${cases.length} needs in ${seconds(needsMs)}\n`);

    // Match each need and read its ranking as a broker would.
    const engine = app.get(MatchEngine);
    const matches = app.get(MatchesService);
    const broker = new RequestContext('matching-eval', { userId: randomUUID(), role: Role.BROKER });
    const rankings = new Map<string, Array<{ paper: string; score: number }>>();
    let rematchMs = 0;
    let readMs = 0;
    let done = 0;
    mark = Date.now();
    await pool(cases, concurrency, async ({ sourceKey }) => {
      const needId = needIds.get(sourceKey);
      if (!needId) throw new Error(`need ${sourceKey} was not created`);
      let at = performance.now();
      await engine.rematchNeed(needId);
      rematchMs += performance.now() - at;
      at = performance.now();
      const page = await matches.forNeed(broker, needId, { first: DEPTH });
      readMs += performance.now() - at;
      rankings.set(
        sourceKey,
        page.edges.map(({ node }) => ({
          paper: paperOf.get(node.resultId) ?? '',
          score: node.score,
        })),
      );
      done++;
      if (done % 250 === 0 || done === cases.length) {
        const elapsed = Date.now() - mark;
        process.stderr.write(
          `matched ${done}/${cases.length} needs in ${seconds(elapsed)} (${(elapsed / done).toFixed(0)} ms a need)\n`,
        );
      }
    });
    const matchMs = Date.now() - mark;

    // Plain Meilisearch on the same papers: the field plays no part, both cases are one ranking.
    mark = Date.now();
    const meili: Ranker = await plainMeilisearch(evalApp, papers);
    const plainRankings = new Map<Form, Map<string, string[]>>();
    for (const form of FORMS) {
      const ranked = new Map<string, string[]>();
      for (const paper of papers) ranked.set(paper.id, await meili(keywordsOf(paper, form)));
      plainRankings.set(form, ranked);
    }
    const plainMs = Date.now() - mark;

    // Scores.
    const discipline = new Map(papers.map((paper) => [paper.id, paper.discipline]));
    const sameDiscipline = new Map<string, number>();
    for (const paper of papers)
      sameDiscipline.set(paper.discipline, (sameDiscipline.get(paper.discipline) ?? 0) + 1);
    for (const [name, count] of sameDiscipline) sameDiscipline.set(name, count - 1);
    const ours = {} as Report;
    const plain = {} as Report;
    for (const form of FORMS) {
      ours[form] = {} as Record<FieldCase, Scores>;
      plain[form] = {} as Record<FieldCase, Scores>;
      for (const field of FIELD_CASES) {
        const ranked = new Map(
          papers.map((paper) => [
            paper.id,
            (rankings.get(`${paper.id}:${form}:${field}`) ?? []).map((hit) => hit.paper),
          ]),
        );
        ours[form][field] = scoreRankings(papers, ranked, discipline, sameDiscipline);
        plain[form][field] = scoreRankings(
          papers,
          plainRankings.get(form) ?? new Map<string, string[]>(),
          discipline,
          sameDiscipline,
        );
      }
    }

    if (dump) {
      await writeFile(
        dump,
        cases
          .map(({ paper, form, field, sourceKey }) =>
            JSON.stringify({
              paper: paper.id,
              discipline: paper.discipline,
              form,
              field,
              keywords: keywordsOf(paper, form),
              ours: rankings.get(sourceKey) ?? [],
              meili: plainRankings.get(form)?.get(paper.id) ?? [],
            }),
          )
          .join('\n') + '\n',
      );
    }

    const divisions = new Map(
      (await app.get(TaxonomyService).divisions(ctx)).map((d) => [d.code, d]),
    );
    const whereabouts = (codes: string[]): string =>
      [...new Set(codes)]
        .map((code) => {
          const n = codes.filter((c) => c === code).length;
          const division = divisions.get(code);
          return `${n} in ${division?.nameZh ?? code} (${division?.kind.toLowerCase() ?? '?'})`;
        })
        .join(', ');
    const out = (line = ''): boolean => process.stdout.write(`${line}\n`);
    out(`Matching evaluation: ${file}`);
    out(
      `  ${papers.length} papers as published results, ${sameDiscipline.size} disciplines` +
        `${unmapped.size ? ` (no field code for ${[...unmapped].join(', ')})` : ''}, spread by hash over ` +
        `${institutionIds.length} institutions: ${whereabouts(wantedInstitutions.map((i) => i.divisionCode))}`,
    );
    out(
      `  ${cases.length} needs (4 a paper) of ${ENTERPRISES.length} enterprises: ` +
        `${whereabouts(ENTERPRISES.map((e) => e.divisionCode))}`,
    );
    out(
      '  need text = the keywords only (title, problem, description: the keywords joined by 、); ' +
        'minTrl, budget: null; modes: [] (neutral: those factors drop out of the score)',
    );
    out(
      `  weights ${JSON.stringify(config.weights)}${weightsOverride ? ' (MATCH_WEIGHTS)' : ''}; top K ${config.topK}`,
    );
    out(`  curves ${JSON.stringify(config.curves)}`);
    out(
      `  time: import ${seconds(importMs)}, index ${seconds(indexMs)}, needs ${seconds(needsMs)}, ` +
        `matching ${seconds(matchMs)} wall at concurrency ${concurrency} (rematchNeed ` +
        `${(rematchMs / cases.length).toFixed(0)} ms, forNeed ${(readMs / cases.length).toFixed(0)} ms a need), ` +
        `plain Meilisearch ${seconds(plainMs)}; total ${seconds(Date.now() - started)}`,
    );
    out();
    out(
      'R@1, R@10, MRR@10: the paper itself is the answer. nDCG@10: gain 3 for the paper, 1 for another ' +
        'paper of its discipline, 1/log2(rank + 1) discount; the ideal is 3 then as many 1s as the ' +
        'corpus has other papers of that discipline (up to 10 places)',
    );
    out('pipeline  keywords  need field   R@1     R@10    MRR@10  nDCG@10');
    for (const [name, report] of [
      ['ours', ours],
      ['meili', plain],
    ] as const) {
      for (const form of FORMS) {
        for (const field of FIELD_CASES) {
          const s = report[form][field];
          const cells = [s['R@1'], s['R@10'], s['MRR@10'], s['nDCG@10']].map((v) =>
            v.toFixed(4).padEnd(8),
          );
          out(`${name.padEnd(10)}${form.padEnd(10)}${field.padEnd(12)}${cells.join('').trimEnd()}`);
        }
      }
    }
    out();
    out(JSON.stringify({ ours, meili: plain }));
  } finally {
    await evalApp.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
