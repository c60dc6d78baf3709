import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '@techmatch/programme';
import { drainSearch } from '../search/search-support.js';
import { runCli } from '../utils/run-cli.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import {
  counts,
  problemCells,
  SAMPLES,
  sampleCopy,
  uploadMultipart,
  uploadRaw,
  csvRows,
} from './programme-fixtures.js';

/** The bad rows of docs/samples/results.csv and what is wrong with them (docs/import.md). */
const RESULT_PROBLEMS: Array<[number, string]> = [
  [6, '完成单位'],
  [7, '专利号'],
  [8, '成果简介'],
  [8, '成果所处阶段'],
  [9, '成果名称'],
  [10, '拟采取的转化方式'],
];
const NEED_PROBLEMS: Array<[number, string]> = [
  [5, '截止日期'],
  [6, '统一社会信用代码'],
  [7, '所属领域'],
  [7, '拟合作方式'],
  [8, '需求描述'],
  [8, '预算（万元）'],
];
const ENTERPRISE_PROBLEMS: Array<[number, string]> = [
  [5, '统一社会信用代码'],
  [6, '所在县区'],
  [7, '所属行业'],
  [7, '联系电话'],
  [8, '统一社会信用代码'],
];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The report the CLI prints with --json. */
async function cliImport(
  api: TestApi,
  args: string[],
): Promise<{ code: number; report: ImportReport & { reportFile: string }; stderr: string }> {
  const run = await runCli(api, ['import', ...args, '--json']);
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return { code: run.code, report: JSON.parse(line) as never, stderr: run.stderr };
  } catch {
    throw new Error(`no JSON report: ${run.stdout}\n${run.stderr}`);
  }
}

describe('spreadsheet import: npm run cli -- import … and POST /imports/:kind', () => {
  let api: TestApi;
  let broker: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    admin = await api.client.login('admin@demo.techmatch.cn', 'Demo-Admin-2026');
    await drainSearch(api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('failing-all-or-nothing: bad rows are reported by row, column and reason, and nothing is written', async () => {
    const before = await counts(api);
    const file = await sampleCopy('results.csv');
    const { code, report } = await cliImport(api, ['results', file]);
    expect(code).toBe(1);
    expect(report).toMatchObject({
      outcome: 'REJECTED',
      committed: false,
      rows: 9,
      accepted: 4,
      created: 0,
      rejectedRows: 5,
      format: 'csv',
      encoding: 'utf-8',
    });
    expect(problemCells(report)).toEqual(RESULT_PROBLEMS);
    const reasons = report.problems.map((problem) => problem.reason);
    expect(reasons[0]?.zh).toContain('未登记的完成单位“洛阳某某大学”');
    expect(reasons[1]?.zh).toContain('专利号无效');
    expect(reasons[2]).toMatchObject({ zh: '成果简介 长度过短' });
    expect(reasons[3]?.en).toContain('unknown stage "研究中期"');
    expect(reasons[4]?.zh).toContain('与第 2 行重复');
    expect(reasons[5]?.zh).toContain('拟采取的转化方式');
    expect(await counts(api)).toEqual(before);

    // The report beside the input: UTF-8 with BOM, one line per problem, both languages.
    const csv = await readFile(report.reportFile);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvRows(csv);
    expect(lines[0]).toEqual(['行号', '列', '原因', 'Reason']);
    expect(lines.slice(1).map((line) => [Number(line[0]), line[1]])).toEqual(RESULT_PROBLEMS);
  });

  it('successful-dry-run: validates everything and writes nothing', async () => {
    const before = await counts(api);
    const { code, report } = await cliImport(api, [
      'results',
      await sampleCopy('results.csv'),
      '--dry-run',
    ]);
    expect(code).toBe(1);
    expect(report).toMatchObject({
      outcome: 'DRY_RUN',
      committed: false,
      created: 4,
      rejectedRows: 5,
    });
    expect(await counts(api)).toEqual(before);
  });

  it('successful-partial-then-reimport: valid rows are written with their outbox rows, searchable; a second import adds nothing', async () => {
    const before = await counts(api);
    const file = await sampleCopy('results.csv');
    const first = await cliImport(api, ['results', file, '--partial']);
    expect(first.report).toMatchObject({
      outcome: 'PARTIAL',
      committed: true,
      created: 4,
      alreadyPresent: 0,
    });
    expect(problemCells(first.report)).toEqual(RESULT_PROBLEMS);
    const after = await counts(api);
    expect(after).toEqual({
      ...before,
      results: before.results + 4,
      patents: before.patents + 3,
      outbox: before.outbox + 4,
    });

    await drainSearch(api);
    const search = await api.client.request<{
      searchResults: {
        hits: Array<{ result: { title: string; trl: number; institution: { nameZh: string } } }>;
      };
    }>(
      'query ($q: String!) { searchResults(query: $q, first: 5) { hits { result { title trl institution { nameZh } } } } }',
      { q: '高温合金涡轮叶片精密铸造' },
    );
    expect(search.data?.searchResults.hits[0]?.result).toEqual({
      title: '高温合金涡轮叶片精密铸造工艺',
      trl: 6,
      institution: { nameZh: '河南省先进高温材料中试基地' },
    });

    // (Indexing itself adds outbox rows for matching: compare with the state after it.)
    const indexed = await counts(api);
    const again = await cliImport(api, ['results', file, '--partial']);
    expect(again.report).toMatchObject({ created: 0, alreadyPresent: 4, accepted: 4 });
    expect(await counts(api)).toEqual(indexed);
  });

  it('successful-xlsx-upload: the XLSX sample over HTTP reads exactly like the CSV (rows, problems); re-upload adds nothing', async () => {
    const before = await counts(api);
    const answer = await uploadMultipart(
      api,
      'results',
      `${SAMPLES}/results.xlsx`,
      broker,
      '?partial=true',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      format: 'xlsx',
      file: 'results.xlsx',
      outcome: 'PARTIAL',
      created: 0,
      alreadyPresent: 4,
    });
    expect(problemCells(answer.body)).toEqual(RESULT_PROBLEMS);
    expect(await counts(api)).toEqual(before);
  });

  it('successful-enterprises-then-needs: all or nothing refuses with 422, --partial imports, needs find their enterprises', async () => {
    const before = await counts(api);
    const refused = await uploadMultipart(api, 'enterprises', `${SAMPLES}/enterprises.xlsx`, admin);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ outcome: 'REJECTED', accepted: 3, rejectedRows: 4 });
    expect(problemCells(refused.body)).toEqual(ENTERPRISE_PROBLEMS);
    expect(refused.body.problems[1]?.reason.zh).toContain('未知的洛阳市县区“郑州市”');
    expect(await counts(api)).toEqual(before);

    const partial = await uploadMultipart(
      api,
      'enterprises',
      `${SAMPLES}/enterprises.xlsx`,
      admin,
      '?partial=1',
    );
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ outcome: 'PARTIAL', created: 3 });
    expect((await counts(api)).enterprises).toBe(before.enterprises + 3);

    const needs = await cliImport(api, ['needs', await sampleCopy('needs.csv'), '--partial']);
    expect(needs.report).toMatchObject({ outcome: 'PARTIAL', created: 3, rejectedRows: 4 });
    expect(problemCells(needs.report)).toEqual(NEED_PROBLEMS);
    expect(needs.report.problems[1]?.reason.zh).toContain('未登记的企业');
    const afterNeeds = await counts(api);
    expect(afterNeeds.needs).toBe(before.needs + 3);

    const again = await cliImport(api, ['needs', await sampleCopy('needs.csv'), '--partial']);
    expect(again.report).toMatchObject({ created: 0, alreadyPresent: 3 });
    expect((await counts(api)).needs).toBe(afterNeeds.needs);
  });

  it('successful-concurrent-uploads: two uploads of one new file at once write its rows once', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'import-e2e-')), 'concurrent.csv');
    const lines = [
      '成果名称,成果简介,所属领域,成果所处阶段,拟采取的转化方式,完成单位',
      ...[1, 2, 3].map(
        (i) =>
          `并发导入测试成果${i},用于检查两个同时上传的同一文件只写入一次的成果简介。,0802,中试,许可,河南科技大学`,
      ),
    ];
    await writeFile(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    const before = await counts(api);
    const [a, b] = await Promise.all([
      uploadRaw(api, 'results', path, broker, 'text/csv', '?partial=true'),
      uploadRaw(api, 'results', path, admin, 'text/csv', '?partial=true'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.created, b.body.created].sort()).toEqual([0, 3]);
    expect(a.body.alreadyPresent + b.body.alreadyPresent).toBe(3);
    expect((await counts(api)).results).toBe(before.results + 3);
  });

  it('successful-gb18030-body: a GBK CSV as the raw request body is detected and read', async () => {
    const answer = await uploadRaw(
      api,
      'needs',
      `${SAMPLES}/needs.gbk.csv`,
      broker,
      'text/csv',
      '?dryRun=true',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ encoding: 'gb18030', outcome: 'DRY_RUN', rows: 7 });
    expect(problemCells(answer.body)).toEqual(NEED_PROBLEMS);
  });

  it('failing-access: enterprises and researchers get 403 with a clear JSON error, anonymous callers 401', async () => {
    const enterprise = await api.client.login(
      'enterprise@demo.techmatch.cn',
      'Demo-Enterprise-2026',
    );
    const researcher = await api.client.login(
      'researcher@demo.techmatch.cn',
      'Demo-Researcher-2026',
    );
    const before = await counts(api);
    for (const token of [enterprise, researcher]) {
      const answer = await uploadRaw<Record<string, unknown>>(
        api,
        'results',
        `${SAMPLES}/results.xlsx`,
        token,
        XLSX,
      );
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN',
        requiredRoles: ['BROKER', 'ADMIN'],
        messages: { zh: expect.stringContaining('BROKER、ADMIN') as string },
      });
    }
    const anonymous = await uploadRaw<Record<string, unknown>>(
      api,
      'results',
      `${SAMPLES}/results.xlsx`,
      undefined,
      XLSX,
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await counts(api)).toEqual(before);
  });

  it('failing-request: an unknown kind, a missing file, a JSON body and headings of another kind are 400', async () => {
    const kind = await uploadRaw<Record<string, unknown>>(
      api,
      'patents',
      `${SAMPLES}/results.csv`,
      broker,
      'text/csv',
    );
    expect(kind).toMatchObject({ status: 400, body: { code: 'BAD_USER_INPUT' } });
    const flagged = await uploadMultipart<Record<string, unknown>>(
      api,
      'results',
      `${SAMPLES}/results.csv`,
      broker,
      '?dryRun=maybe',
    );
    expect(flagged).toMatchObject({
      status: 400,
      body: { code: 'BAD_USER_INPUT', messages: { en: 'dryRun must be true or false' } },
    });
    const json = await fetch(`${api.baseUrl}/imports/results`, {
      method: 'POST',
      headers: { authorization: `Bearer ${broker}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    const wrongKind = await uploadRaw<Record<string, unknown>>(
      api,
      'enterprises',
      `${SAMPLES}/results.csv`,
      broker,
      'text/csv',
    );
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toContain('找不到表头');
    const cli = await runCli(api, ['import', 'enterprises', `${SAMPLES}/results.csv`]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('no header row');
  });
});
