import { errorCode, type GraphQLResponse } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { countRows, enterpriseIn, researcherAt } from './catalogue-fixtures.js';

const CREATE = `mutation ($input: CreateResultInput!) {
  createResearchResult(input: $input) { id status version institution { nameZh } patents { number kind } }
}`;
const UPDATE = `mutation ($input: UpdateResultInput!) { updateResearchResult(input: $input) { id title version } }`;
const ONE = `query ($id: ID!) { researchResult(id: $id) { id status title confidentialDetail } }`;
const act = (action: string): string =>
  `mutation ($id: ID!) { ${action}ResearchResult(id: $id) { id status version } }`;

const validResult = (overrides: Record<string, unknown> = {}) => ({
  title: '高强韧轴承钢真空热处理工艺',
  summary:
    '针对大型风电轴承套圈淬火变形大、心部韧性不足的问题，提出真空高压气淬与深冷处理复合工艺。',
  confidentialDetail: '淬火压力 12 bar，深冷 -120℃ 保温 4 h，变形量降低 38%。',
  fieldCodes: ['0805'],
  keywords: ['轴承钢', '真空热处理', '深冷处理'],
  trl: 6,
  stage: 'PILOT',
  modes: ['TRIAL_FIRST_LICENSE', 'LICENSE'],
  priceMinYuan: 300000,
  priceMaxYuan: 800000,
  patents: [
    {
      number: 'ZL 2023 1 0123456.6',
      title: '一种轴承钢真空热处理方法',
      kind: 'INVENTION',
      legalStatus: 'GRANTED',
    },
  ],
  ...overrides,
});

describe('research results', () => {
  let api: TestApi;
  let researcher: string;
  let otherResearcher: string;
  let broker: string;
  let enterprise: string;

  beforeAll(async () => {
    api = await startTestApi();
    researcher = await researcherAt(api.client, '河南科技大学');
    otherResearcher = await researcherAt(api.client, '洛阳理工学院');
    broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    enterprise = (await enterpriseIn(api.client, '410329')).token;
  });

  afterAll(async () => {
    await api.close();
  });

  const create = async (input = validResult()) => {
    const result = await api.client.request<{
      createResearchResult: {
        id: string;
        status: string;
        version: number;
        institution: { nameZh: string };
      };
    }>(CREATE, { input }, researcher);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createResearchResult;
  };

  it('successful-lifecycle: a researcher drafts, edits, publishes, archives and re-opens a result', async () => {
    const draft = await create();
    expect(draft).toMatchObject({
      status: 'DRAFT',
      version: 1,
      institution: { nameZh: '河南科技大学' },
    });

    // Drafts are invisible to the public, visible to their institution.
    expect(errorCode(await api.client.request(ONE, { id: draft.id }))).toBe('NOT_FOUND');
    expect((await api.client.request(ONE, { id: draft.id }, researcher)).data).toBeTruthy();

    const updated = await api.client.request<{
      updateResearchResult: { version: number; title: string };
    }>(
      UPDATE,
      { input: { id: draft.id, version: 1, title: '风电轴承钢真空热处理工艺' } },
      researcher,
    );
    expect(updated.data?.updateResearchResult).toEqual(
      expect.objectContaining({ version: 2, title: '风电轴承钢真空热处理工艺' }),
    );

    const published = await api.client.request<{ publishResearchResult: { status: string } }>(
      act('publish'),
      { id: draft.id },
      researcher,
    );
    expect(published.data?.publishResearchResult.status).toBe('PUBLISHED');
    expect(
      (await api.client.request<{ researchResult: { status: string } }>(ONE, { id: draft.id })).data
        ?.researchResult.status,
    ).toBe('PUBLISHED');

    await api.client.request(act('archive'), { id: draft.id }, researcher);
    expect(errorCode(await api.client.request(ONE, { id: draft.id }))).toBe('NOT_FOUND');
    const reopened = await api.client.request<{ reopenResearchResult: { status: string } }>(
      act('reopen'),
      { id: draft.id },
      researcher,
    );
    expect(reopened.data?.reopenResearchResult.status).toBe('PUBLISHED');
  });

  it('successful-partial-update: fields an update leaves out keep their values, defaults included', async () => {
    const draft = await create(
      validResult({ level: 'DOMESTIC_LEADING', serviceInvention: false, patents: [] }),
    );
    const FIELDS = 'keywords level serviceInvention summary trl';
    const read = async () =>
      (
        await api.client.request<{ researchResult: Record<string, unknown> }>(
          `query ($id: ID!) { researchResult(id: $id) { ${FIELDS} } }`,
          { id: draft.id },
          researcher,
        )
      ).data?.researchResult;
    const before = await read();
    expect(before).toMatchObject({ level: 'DOMESTIC_LEADING', serviceInvention: false });
    const summary = '仅修改简介：真空高压气淬与深冷处理复合工艺，变形量降低三成以上。';
    const updated = await api.client.request(
      UPDATE,
      { input: { id: draft.id, version: 1, summary } },
      researcher,
    );
    expect(updated.errors).toBeUndefined();
    expect(await read()).toEqual({ ...before, summary });
  });

  it('failing-stale-version: an update with an old version is CONFLICT and changes nothing', async () => {
    const draft = await create(validResult({ patents: [] }));
    await api.client.request(UPDATE, { input: { id: draft.id, version: 1, trl: 7 } }, researcher);
    const stale = await api.client.request(
      UPDATE,
      { input: { id: draft.id, version: 1, title: '覆盖他人的修改' } },
      researcher,
    );
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    const now = await api.client.request<{ researchResult: { title: string } }>(
      ONE,
      { id: draft.id },
      researcher,
    );
    expect(now.data?.researchResult.title).toBe(validResult().title);
  });

  it('failing-transition: publishing a published result is CONFLICT naming state and allowed actions', async () => {
    const draft = await create(validResult({ patents: [] }));
    await api.client.request(act('publish'), { id: draft.id }, researcher);
    const again = await api.client.request(act('publish'), { id: draft.id }, researcher);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions).toMatchObject({
      status: 'PUBLISHED',
      allowedActions: ['archive'],
    });
  });

  it('failing-ownership: another institution, or an enterprise, may not change the result', async () => {
    const draft = await create(validResult({ patents: [] }));
    const other = await api.client.request(
      UPDATE,
      { input: { id: draft.id, version: 1, trl: 9 } },
      otherResearcher,
    );
    expect(errorCode(other)).toBe('NOT_FOUND'); // a draft of someone else does not exist for them
    await api.client.request(act('publish'), { id: draft.id }, researcher);
    const published = await api.client.request(
      UPDATE,
      { input: { id: draft.id, version: 1, trl: 9 } },
      otherResearcher,
    );
    expect(errorCode(published)).toBe('FORBIDDEN');
    expect(
      errorCode(
        await api.client.request(CREATE, { input: validResult({ patents: [] }) }, enterprise),
      ),
    ).toBe('FORBIDDEN');
  });

  it('successful-confidential-detail: owners and brokers see it; the public and enterprises get null', async () => {
    const draft = await create(validResult({ patents: [] }));
    await api.client.request(act('publish'), { id: draft.id }, researcher);
    const detail = async (token?: string) =>
      (
        await api.client.request<{ researchResult: { confidentialDetail: string | null } }>(
          ONE,
          { id: draft.id },
          token,
        )
      ).data?.researchResult.confidentialDetail;
    expect(await detail(researcher)).toContain('12 bar');
    expect(await detail(broker)).toContain('12 bar');
    expect(await detail()).toBeNull();
    expect(await detail(enterprise)).toBeNull();
    expect(await detail(otherResearcher)).toBeNull();
  });

  it('successful-patents: found by any number form, added to and changed on their own result only', async () => {
    const draft = await create(validResult({ patents: [] }));
    await api.client.request(act('publish'), { id: draft.id }, researcher);
    const add = `mutation ($input: AddPatentsInput!) { addPatents(input: $input) { id number kind } }`;
    const patent = {
      number: 'CN 114123456 A',
      title: '一种深冷处理装置',
      kind: 'INVENTION',
      legalStatus: 'PENDING',
    };
    expect(
      errorCode(
        await api.client.request(
          add,
          { input: { resultId: draft.id, patents: [patent] } },
          otherResearcher,
        ),
      ),
    ).toBe('NOT_FOUND');
    const added = await api.client.request<{ addPatents: Array<{ id: string; number: string }> }>(
      add,
      { input: { resultId: draft.id, patents: [patent] } },
      researcher,
    );
    expect(added.data?.addPatents.map((p) => p.number)).toEqual(['CN114123456A']);
    expect(
      errorCode(
        await api.client.request(
          add,
          { input: { resultId: draft.id, patents: [patent] } },
          researcher,
        ),
      ),
    ).toBe('CONFLICT');

    const byNumber = `query ($n: String!) { patentByNumber(number: $n) { number legalStatus } }`;
    expect(
      (
        await api.client.request<{ patentByNumber: { number: string } }>(byNumber, {
          n: 'cn114123456a',
        })
      ).data,
    ).toBeDefined();
    const granted = await api.client.request<{
      updatePatent: { legalStatus: string; grantedOn: string };
    }>(
      `mutation ($input: UpdatePatentInput!) { updatePatent(input: $input) { legalStatus grantedOn } }`,
      {
        input: {
          id: added.data?.addPatents[0]?.id,
          legalStatus: 'GRANTED',
          grantedOn: '2025-03-14',
        },
      },
      researcher,
    );
    expect(granted.data?.updatePatent).toEqual({ legalStatus: 'GRANTED', grantedOn: '2025-03-14' });
    const badDate = await api.client.request(
      `mutation ($input: UpdatePatentInput!) { updatePatent(input: $input) { id } }`,
      { input: { id: added.data?.addPatents[0]?.id, grantedOn: '2025-02-30' } },
      researcher,
    );
    expect(errorCode(badDate)).toBe('BAD_USER_INPUT');
  });

  describe('rejected input writes nothing', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['TRL out of 1–9', { trl: 10 }, 'input.trl'],
      [
        'price range reversed',
        { priceMinYuan: 900000, priceMaxYuan: 100000 },
        'input.priceMinYuan',
      ],
      ['negative price', { priceMinYuan: -1, priceMaxYuan: 10 }, 'input.priceMinYuan'],
      ['unknown field code', { fieldCodes: ['9999'] }, 'input.fieldCodes'],
      [
        'bad patent check digit',
        {
          patents: [
            { number: '202310123456.7', title: '专利', kind: 'INVENTION', legalStatus: 'PENDING' },
          ],
        },
        'input.patents.0.number',
      ],
      ['title too long', { title: '长'.repeat(201) }, 'input.title'],
      ['no transfer mode', { modes: [] }, 'input.modes'],
    ];

    it.each(cases)('failing-%s', async (_name, overrides, path) => {
      const before = [
        await countRows(api.databaseUrl, 'research_results'),
        await countRows(api.databaseUrl, 'patents'),
      ];
      const result: GraphQLResponse = await api.client.request(
        CREATE,
        { input: validResult(overrides) },
        researcher,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      const fields = result.errors?.[0]?.extensions?.fields as Array<{
        path: string;
        message: { zh: string; en: string };
      }>;
      expect(fields.map((field) => field.path)).toContain(path);
      expect(fields[0]?.message.zh).toBeTruthy();
      expect(fields[0]?.message.en).toBeTruthy();
      expect([
        await countRows(api.databaseUrl, 'research_results'),
        await countRows(api.databaseUrl, 'patents'),
      ]).toEqual(before);
    });
  });
});
