import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { countRows, enterpriseIn, researcherAt } from './catalogue-fixtures.js';

const CREATE_INSTITUTION = `mutation ($input: InstitutionInput!) { createInstitution(input: $input) { id nameZh division { nameZh kind } } }`;
const CREATE_RESULT = `mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id status institution { nameZh } } }`;
const CREATE_NEED = `mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id status version enterprise { id } } }`;
const DRAFT_RESULTS = `{ researchResults(first: 100, filter: { statuses: [DRAFT] }) { totalCount edges { node { status } } } }`;

const result = (institutionId?: string) => ({
  ...(institutionId ? { institutionId } : {}),
  title: '矿用重载减速器智能诊断系统',
  summary: '基于振动与油液多源数据融合的矿用重载减速器故障诊断与寿命预测系统。',
  confidentialDetail: '诊断模型准确率 96.4%，训练数据来自 37 台设备三年运行记录。',
  fieldCodes: ['0802'],
  trl: 7,
  stage: 'INDUSTRIALISATION',
  modes: ['LICENSE'],
});

const need = (enterpriseId?: string) => ({
  ...(enterpriseId ? { enterpriseId } : {}),
  title: '钼矿选矿回收率提升技术',
  description: '我公司位于栾川县，钼矿选矿回收率偏低，希望与高校合作攻关。',
  problem: '钼回收率 85%，目标 90% 以上。',
  fieldCodes: ['0819'],
  modes: ['JOINT_DEVELOPMENT'],
});

describe('brokers and admins across the catalogue', () => {
  let api: TestApi;
  let admin: string;
  let broker: string;
  let researcher: string;
  let enterprise: { token: string; enterpriseId: string };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.client.login('admin@demo.techmatch.cn', 'Demo-Admin-2026');
    broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    researcher = await researcherAt(api.client, '龙门实验室');
    enterprise = await enterpriseIn(api.client, '410324');
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-admin-institution: an admin registers an institution in a county', async () => {
    const created = await api.client.request<{ createInstitution: { division: { kind: string } } }>(
      CREATE_INSTITUTION,
      { input: { nameZh: '伊川县中试基地', kind: 'PILOT_BASE', divisionCode: '410329' } },
      admin,
    );
    expect(created.data?.createInstitution.division).toEqual({ nameZh: '伊川县', kind: 'COUNTY' });
    const again = await api.client.request(
      CREATE_INSTITUTION,
      { input: { nameZh: '伊川县中试基地', kind: 'PILOT_BASE', divisionCode: '410329' } },
      admin,
    );
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('failing-institution-by-others: brokers and researchers may not register institutions', async () => {
    const input = { nameZh: '未授权机构', kind: 'OTHER', divisionCode: '410311' };
    expect(errorCode(await api.client.request(CREATE_INSTITUTION, { input }, broker))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await api.client.request(CREATE_INSTITUTION, { input }, researcher))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await api.client.request(
          CREATE_INSTITUTION,
          { input: { ...input, divisionCode: '110101' } },
          admin,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('successful-broker-result: a broker lists a result for a named institution, and sees its drafts', async () => {
    const institutions = await api.client.request<{
      institutions: Array<{ id: string; nameZh: string }>;
    }>('{ institutions { id nameZh } }');
    const lab = institutions.data?.institutions.find(
      (i) => i.nameZh === '智能矿山重型装备全国重点实验室',
    );
    expect(errorCode(await api.client.request(CREATE_RESULT, { input: result() }, broker))).toBe(
      'BAD_USER_INPUT',
    );
    const created = await api.client.request<{
      createResearchResult: { status: string; institution: { nameZh: string } };
    }>(CREATE_RESULT, { input: result(lab?.id) }, broker);
    expect(created.data?.createResearchResult).toEqual(
      expect.objectContaining({ status: 'DRAFT', institution: { nameZh: lab?.nameZh } }),
    );

    // Drafts: brokers see them in the list; the public asking for them gets none.
    const forBroker = await api.client.request<{ researchResults: { totalCount: number } }>(
      DRAFT_RESULTS,
      {},
      broker,
    );
    const forPublic = await api.client.request<{ researchResults: { totalCount: number } }>(
      DRAFT_RESULTS,
    );
    expect(forBroker.data?.researchResults.totalCount).toBeGreaterThan(0);
    expect(forPublic.data?.researchResults.totalCount).toBe(0);
  });

  it('successful-admin-need: an admin posts and edits a need for an enterprise, which the enterprise then sees as its own', async () => {
    expect(errorCode(await api.client.request(CREATE_NEED, { input: need() }, admin))).toBe(
      'BAD_USER_INPUT',
    );
    const created = await api.client.request<{
      createTechNeed: { id: string; version: number; enterprise: { id: string } };
    }>(CREATE_NEED, { input: need(enterprise.enterpriseId) }, admin);
    const id = created.data?.createTechNeed.id;
    expect(created.data?.createTechNeed.enterprise.id).toBe(enterprise.enterpriseId);
    const update = `mutation ($input: UpdateNeedInput!) { updateTechNeed(input: $input) { version } }`;
    expect(
      (
        await api.client.request<{ updateTechNeed: { version: number } }>(
          update,
          { input: { id, version: 1, minTrl: 5 } },
          admin,
        )
      ).data,
    ).toEqual({
      updateTechNeed: { version: 2 },
    });
    expect(
      errorCode(await api.client.request(update, { input: { id, version: 1, minTrl: 6 } }, broker)),
    ).toBe('CONFLICT');
    const mine = await api.client.request<{ myNeeds: { totalCount: number } }>(
      '{ myNeeds(first: 10) { totalCount } }',
      {},
      enterprise.token,
    );
    expect(mine.data?.myNeeds.totalCount).toBe(1);
  });

  it('failing-wrong-side: researchers post no needs, enterprises list no results', async () => {
    const needs = await countRows(api.databaseUrl, 'tech_needs');
    expect(errorCode(await api.client.request(CREATE_NEED, { input: need() }, researcher))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(
        await api.client.request('{ myResults(first: 5) { totalCount } }', {}, enterprise.token),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(await api.client.request(CREATE_RESULT, { input: result() }, enterprise.token)),
    ).toBe('FORBIDDEN');
    expect(await countRows(api.databaseUrl, 'tech_needs')).toBe(needs);
  });
});
