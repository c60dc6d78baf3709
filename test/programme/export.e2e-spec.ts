import type { CellValue } from 'exceljs';
import { ExcelJS, type ImportReport } from '@techmatch/programme';
import { castForDeals, type DealCast, dealApi, must } from '../deals/deal-fixtures.js';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { csvRows } from './programme-fixtures.js';

interface Links {
  csvUrl: string;
  xlsxUrl: string;
  expiresAt: string;
}

interface ResultNode {
  id: string;
  sourceKey?: string;
  title: string;
  summary: string;
  fieldCodes: string[];
  keywords: string[];
  trl: number;
  status: string;
  publishedAt: string | null;
  institution: { nameZh: string };
  patents: Array<{ number: string }>;
}

const RESULT_HEADERS = [
  '系统编号',
  '成果编号',
  '成果名称',
  '成果简介',
  '所属领域',
  '关键词',
  '成果所处阶段',
  '技术成熟度',
  '成果水平',
  '拟采取的转化方式',
  '意向价格下限（元）',
  '意向价格上限（元）',
  '是否职务成果',
  '完成单位',
  '专利号',
  '状态',
  '发布时间',
];

const chinaTime = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** An XLSX cell as the CSV writes the same value: what a round trip must agree on. */
function asCsvText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function download(api: TestApi, url: string) {
  const response = await fetch(`${api.baseUrl}${url}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as CellValue[]).slice(1);
    rows.push(
      Array.from({ length: RESULT_HEADERS.length }, (_, i) => asCsvText(values[i] ?? null)),
    );
  });
  return rows;
}

describe('exports: CSV and XLSX behind signed links', () => {
  let api: TestApi;
  let broker: string;
  let enterprise: string;

  const FILTER = { trlMin: 7 };

  const exportLinks = (token: string | undefined, filter: Record<string, unknown> = FILTER) =>
    api.client.request<{ researchResultsExport: Links }>(
      'query ($filter: ResultFilter) { researchResultsExport(filter: $filter) { csvUrl xlsxUrl expiresAt } }',
      { filter },
      token,
    );

  /** Every result the caller's researchResults shows for the filter, page by page. */
  async function listed(token: string | undefined): Promise<ResultNode[]> {
    const nodes: ResultNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        researchResults: {
          edges: Array<{ node: ResultNode }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = must(
        await api.client.request(
          `query ($filter: ResultFilter, $after: String) {
             researchResults(filter: $filter, first: 100, after: $after) {
               edges { node { id title summary fieldCodes keywords trl status publishedAt
                 institution { nameZh } patents { number } } }
               pageInfo { hasNextPage endCursor } } }`,
          { filter: FILTER, after },
          token,
        ),
      );
      nodes.push(...page.researchResults.edges.map((edge) => edge.node));
      if (!page.researchResults.pageInfo.hasNextPage) return nodes;
      after = page.researchResults.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    api = await startTestApi();
    broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    enterprise = await api.client.login('enterprise@demo.techmatch.cn', 'Demo-Enterprise-2026');
    // A draft the broker sees and the enterprise does not.
    const institutions = await api.client.request<{ institutions: Array<{ id: string }> }>(
      '{ institutions { id } }',
    );
    must(
      await api.client.request(
        `mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id } }`,
        {
          input: {
            institutionId: institutions.data?.institutions[0]?.id,
            title: '=导出测试草稿, 含"引号"与逗号',
            summary: '一项尚未发布的成果，\n简介有两行，用来检查 CSV 的引号和换行。',
            fieldCodes: ['0802'],
            keywords: ['导出', '测试'],
            trl: 8,
            stage: 'INDUSTRIALISATION',
            modes: ['LICENSE'],
          },
        },
        broker,
      ),
    );
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-csv-round-trip: UTF-8 with BOM, the import headings, every row as the list shows it', async () => {
    const links = must(await exportLinks(broker)).researchResultsExport;
    expect(links.csvUrl).toMatch(/^\/exports\//);
    expect(Date.parse(links.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    const file = await download(api, links.csvUrl);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('科技成果.csv')}`);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const [header, ...rows] = csvRows(file.bytes);
    expect(header).toEqual(RESULT_HEADERS);
    const nodes = await listed(broker);
    expect(rows).toHaveLength(nodes.length);
    expect(nodes.some((node) => node.status === 'DRAFT')).toBe(true);
    const byId = new Map(rows.map((row) => [row[0], row]));
    for (const node of nodes) {
      const row = byId.get(node.id);
      expect(row).toBeDefined();
      const cell = (name: string): string => row?.[RESULT_HEADERS.indexOf(name)] ?? '';
      // The CSV defuses a title Excel would take for a formula with a leading apostrophe.
      expect(cell('成果名称')).toBe(node.title.startsWith('=') ? `'${node.title}` : node.title);
      expect(cell('成果简介')).toBe(node.summary);
      expect(cell('所属领域')).toBe(node.fieldCodes.join('；'));
      expect(cell('关键词')).toBe(node.keywords.join('；'));
      expect(cell('技术成熟度')).toBe(String(node.trl));
      expect(cell('完成单位')).toBe(node.institution.nameZh);
      expect(cell('专利号').split('；').filter(Boolean).sort()).toEqual(
        node.patents.map((patent) => patent.number).sort(),
      );
      expect(cell('发布时间')).toBe(node.publishedAt ? chinaTime(node.publishedAt) : '');
    }
  });

  it('successful-xlsx-round-trip: the workbook holds the same table as the CSV', async () => {
    const links = must(await exportLinks(broker)).researchResultsExport;
    const csv = csvRows((await download(api, links.csvUrl)).bytes);
    const xlsx = await download(api, links.xlsxUrl);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await xlsxRows(xlsx.bytes);
    const unformula = (row: string[]): string[] =>
      row.map((cell) => (cell.startsWith("'=") ? cell.slice(1) : cell));
    expect(rows).toEqual(csv.map(unformula));
  });

  it('successful-access-at-download: an enterprise’s link yields published results only', async () => {
    const links = must(await exportLinks(enterprise)).researchResultsExport;
    const [, ...rows] = csvRows((await download(api, links.csvUrl)).bytes);
    const visible = await listed(enterprise);
    expect(rows.map((row) => row[0]).sort()).toEqual(visible.map((node) => node.id).sort());
    expect(rows.every((row) => row[RESULT_HEADERS.indexOf('状态')] === '已发布')).toBe(true);
  });

  it('successful-export-reimports: the exported file imports again and adds nothing', async () => {
    const links = must(await exportLinks(broker)).researchResultsExport;
    const file = await download(api, links.csvUrl);
    const response = await fetch(`${api.baseUrl}/imports/results?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${broker}`, 'content-type': 'text/csv' },
      body: file.bytes,
    });
    const report = (await response.json()) as ImportReport;
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      created: 0,
      rejectedRows: 0,
      ignoredColumns: ['系统编号', '发布时间'],
    });
    expect(report.alreadyPresent).toBe(report.rows);
  });

  it('failing-bad-filter: the filter is validated like researchResults’ (BAD_USER_INPUT, by path)', async () => {
    const refused = await exportLinks(broker, { trlMin: 12, institutionId: 'not-a-uuid' });
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'filter.trlMin' }),
        expect.objectContaining({ path: 'filter.institutionId' }),
      ]),
    );
  });

  it('failing-links: anonymous callers get no link; a forged or garbled link is 401 JSON', async () => {
    expect(errorCode(await exportLinks(undefined))).toBe('UNAUTHENTICATED');
    const links = must(await exportLinks(broker)).researchResultsExport;
    const [body, signature] = links.csvUrl.slice('/exports/'.length).split('.');
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as {
      p: Record<string, unknown>;
    };
    claims.p = {};
    const forged = `/exports/${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const url of [forged, '/exports/nonsense']) {
      const answer = await fetch(`${api.baseUrl}${url}`);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        messages: { zh: '下载链接无效，请重新生成' },
      });
    }
  });

  describe('the deals ledger', () => {
    let cast: DealCast;

    beforeAll(async () => {
      cast = await castForDeals(api);
    });

    it('successful-ledger-round-trip: charges and payments with the running balance, in CSV and XLSX; outsiders get NOT_FOUND', async () => {
      const deals = dealApi(api);
      const deal = must(
        await deals.open(cast.broker, {
          kind: 'LICENSE',
          title: '轴承专利普通许可（导出）',
          resultId: cast.results[0]?.id,
          enterpriseId: cast.enterprise.enterpriseId,
          patentIds: cast.results[0]?.patentIds,
        }),
      ).openDeal;
      const offer = must(
        await deals.propose(cast.researcher, deal.id, 1, {
          exclusivity: 'NON_EXCLUSIVE',
          feeModel: 'LUMP_SUM',
          lumpSumFen: '8000050',
          paymentSchedule: [
            { dueInDays: 0, amountFen: '3000050' },
            { dueInDays: 30, amountFen: '5000000' },
          ],
        }),
      ).proposeOffer;
      must(await deals.accept(cast.enterprise.token, offer.id, 2));
      const money = must(
        await api.client.request<{ deal: { instalments: Array<{ id: string }> } }>(
          'query ($id: ID!) { deal(id: $id) { instalments { id } } }',
          { id: deal.id },
          cast.broker,
        ),
      );
      must(
        await api.client.request(
          'mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
          {
            input: {
              instalmentId: money.deal.instalments[0]?.id,
              amountFen: '1000000',
              idempotencyKey: `export-${deal.id}`,
            },
          },
          cast.broker,
        ),
      );
      const ledger = must(
        await api.client.request<{
          dealLedger: Array<{
            sequence: number;
            kind: string;
            amountFen: string;
            paymentId: string | null;
          }>;
        }>(
          'query ($id: ID!) { dealLedger(dealId: $id) { sequence kind amountFen paymentId } }',
          { id: deal.id },
          cast.enterprise.token,
        ),
      ).dealLedger;
      expect(ledger.map((entry) => entry.kind)).toEqual(['CHARGE', 'CHARGE', 'PAYMENT']);

      const links = must(
        await api.client.request<{ dealLedgerExport: Links }>(
          'query ($id: ID!) { dealLedgerExport(dealId: $id) { csvUrl xlsxUrl } }',
          { id: deal.id },
          cast.enterprise.token,
        ),
      ).dealLedgerExport;
      const [header, ...rows] = csvRows((await download(api, links.csvUrl)).bytes);
      expect(header?.slice(0, 5)).toEqual([
        '序号',
        '类型',
        '金额（元）',
        '金额（分）',
        '未付余额（元）',
      ]);
      expect(rows.map((row) => row.slice(0, 5))).toEqual([
        ['1', '应收', '30000.50', '3000050', '30000.50'],
        ['2', '应收', '50000.00', '5000000', '80000.50'],
        ['3', '收款', '10000.00', '1000000', '70000.50'],
      ]);
      expect(rows.map((row) => row[6] || null)).toEqual(ledger.map((entry) => entry.paymentId));

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await download(api, links.xlsxUrl)).bytes as unknown as ArrayBuffer,
      );
      const sheet = workbook.worksheets[0];
      expect(sheet?.name).toBe('交易台账');
      expect((sheet?.getRow(4).values as CellValue[]).slice(1, 6)).toEqual([
        3,
        '收款',
        '10000.00',
        '1000000',
        '70000.50',
      ]);

      const outsider = await api.client.request(
        'query ($id: ID!) { dealLedgerExport(dealId: $id) { csvUrl } }',
        { id: deal.id },
        cast.outsideResearcher,
      );
      expect(errorCode(outsider)).toBe('NOT_FOUND');
    });
  });
});
