/**
 * Search recall on a CSL-format file (one paper a line: id, title, abstract, keywords, discipline):
 * every paper becomes a published result through the catalogue service, then each paper's keywords
 * (all of them, and only the last two) are the query and that paper is the answer. Three pipelines
 * are measured in one run: plain Meilisearch with default settings, a substring scan in Postgres,
 * and ours (GraphQL searchResults' service). Prints a table, then one JSON line.
 *
 *   npm run eval:search -- --data ../shared/data/csl_dev.jsonl
 */
import 'reflect-metadata';
import {
  InstitutionsService,
  InstitutionKind,
  ResearchResultsService,
  ResultLevel,
  ResultStage,
  ResultStatus,
  TransferMode,
} from '@techmatch/catalogue';
import { TransactionService } from '@techmatch/database';
import { OutboxRelay, SearchService } from '@techmatch/search';
import { DataSource } from 'typeorm';
import {
  argument,
  type Paper,
  plainMeilisearch,
  type Ranker,
  readPapers,
  round4,
  startEvalApp,
} from './eval-support.js';

interface Scores {
  'R@1': number;
  'R@10': number;
  'MRR@10': number;
  zero: number;
}

async function score(papers: Paper[], form: 'all' | 'two', rank: Ranker): Promise<Scores> {
  let r1 = 0;
  let r10 = 0;
  let mrr = 0;
  let zero = 0;
  for (const paper of papers) {
    const keywords = form === 'all' ? paper.keywords : paper.keywords.slice(-2);
    const ids = await rank(keywords);
    if (ids.length === 0) zero++;
    const position = ids.slice(0, 10).indexOf(paper.id);
    if (position === 0) r1++;
    if (position >= 0) {
      r10++;
      mrr += 1 / (position + 1);
    }
  }
  const n = papers.length;
  return { 'R@1': round4(r1 / n), 'R@10': round4(r10 / n), 'MRR@10': round4(mrr / n), zero };
}

async function main(): Promise<void> {
  const file = argument('data');
  if (!file) throw new Error('usage: npm run eval:search -- --data <file.jsonl>');
  const papers = await readPapers(file);

  const evalApp = await startEvalApp('search-eval');
  const { app, ctx } = evalApp;
  try {
    const tx = app.get(TransactionService);
    const institutions = app.get(InstitutionsService);
    const results = app.get(ResearchResultsService);
    const ids = new Map<string, string>();

    await tx.run(async (em) => {
      await institutions.ensure(
        ctx,
        [{ nameZh: '评测机构', kind: InstitutionKind.UNIVERSITY, divisionCode: '410311' }],
        em,
      );
    });
    const institutionId =
      (await institutions.list(ctx)).find((i) => i.nameZh === '评测机构')?.id ?? '';
    await tx.run((em) =>
      results.importMany(
        ctx,
        papers.map((paper) => ({
          sourceKey: paper.id,
          institutionId,
          title: paper.title.slice(0, 200),
          summary: paper.abstract,
          confidentialDetail: null,
          fieldCodes: [],
          keywords: paper.keywords.map((keyword) => keyword.slice(0, 50)),
          trl: 5,
          stage: ResultStage.PILOT,
          level: ResultLevel.NOT_EVALUATED,
          modes: [TransferMode.LICENSE],
          priceMinYuan: null,
          priceMaxYuan: null,
          serviceInvention: true,
          status: ResultStatus.PUBLISHED,
          patents: [],
        })),
        em,
      ),
    );
    const rows = await app
      .get(DataSource)
      .query<Array<{ id: string; source_key: string }>>(
        'SELECT id, source_key FROM research_results',
      );
    for (const row of rows) ids.set(row.id, row.source_key);
    const started = Date.now();
    await app.get(OutboxRelay).drain();
    process.stdout.write(
      `indexed ${papers.length} papers through the outbox in ${Date.now() - started} ms\n`,
    );

    // Plain Meilisearch: the same papers, default settings, as a baseline.
    const meili = await plainMeilisearch(evalApp, papers);

    const search = app.get(SearchService);
    const dataSource = app.get(DataSource);
    const pipelines: Record<string, Ranker> = {
      meili,
      substring: async (keywords) => {
        const found = await dataSource.query<Array<{ source_key: string }>>(
          `SELECT source_key FROM (
             SELECT source_key, (SELECT count(*) FROM unnest($1::text[]) AS kw
                                 WHERE title || ' ' || summary || ' ' || array_to_string(keywords, ' ') ILIKE '%' || kw || '%') AS found
               FROM research_results) ranked
            WHERE found > 0 ORDER BY found DESC, source_key LIMIT 10`,
          [keywords],
        );
        return found.map((row) => row.source_key);
      },
      ours: async (keywords) =>
        (
          await search.searchResults(ctx, { query: keywords.join(' '), first: 10, offset: 0 })
        ).hits.map((hit) => ids.get(hit.result.id) ?? ''),
    };

    const report: Record<string, Record<string, Scores>> = {};
    for (const [name, rank] of Object.entries(pipelines)) {
      report[name] = {
        all: await score(papers, 'all', rank),
        two: await score(papers, 'two', rank),
      };
      for (const form of ['all', 'two'] as const) {
        const s = report[name]?.[form];
        process.stdout.write(
          `${name.padEnd(10)} ${form.padEnd(4)} R@1 ${s?.['R@1']}  R@10 ${s?.['R@10']}  MRR@10 ${s?.['MRR@10']}  zero ${s?.zero}\n`,
        );
      }
    }
    process.stdout.write(
      `${JSON.stringify({ ours: report.ours, meili: report.meili, substring: report.substring })}\n`,
    );
  } finally {
    await evalApp.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
