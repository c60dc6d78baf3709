import { errorCode, type GraphQLResponse } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { countRows, enterpriseIn, makeUscc, uniqueEmail } from './catalogue-fixtures.js';

const CREATE = `mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id status version enterprise { name } } }`;
const UPDATE = `mutation ($input: UpdateNeedInput!) { updateTechNeed(input: $input) { id version budgetMaxYuan } }`;
const ONE = `query ($id: ID!) { techNeed(id: $id) { id status } }`;
const REGISTER = `mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { accessToken } }`;
const act = (action: string): string =>
  `mutation ($id: ID!) { ${action}TechNeed(id: $id) { id status } }`;

/**
 * The fields a BAD_USER_INPUT names: from `extensions.fields` when our validation refused the input,
 * or from GraphQL's own message ("... at "input.budgetMinYuan"; Int cannot represent ...") when the
 * schema's types refused it before any resolver ran.
 */
const offendingPaths = (result: GraphQLResponse): string[] => {
  const fields = result.errors?.[0]?.extensions?.fields as Array<{ path: string }> | undefined;
  if (fields) return fields.map((field) => field.path);
  return [...(result.errors?.[0]?.message ?? '').matchAll(/at "([\w.]+)"/g)].map(
    (match) => match[1] ?? '',
  );
};

const inDays = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const validNeed = (overrides: Record<string, unknown> = {}) => ({
  title: '耐火材料窑炉节能改造技术',
  description: '我公司位于伊川县，主营镁碳砖生产，隧道窑能耗偏高，希望引进节能技术并开展合作。',
  problem: '烧成温度 1600℃ 时单位能耗 0.32 tce/t，目标降低 15%。',
  fieldCodes: ['0805'],
  keywords: ['耐火材料', '隧道窑', '节能'],
  minTrl: 6,
  budgetMinYuan: 200000,
  budgetMaxYuan: 1000000,
  deadline: inDays(120),
  modes: ['TRIAL_FIRST_LICENSE'],
  ...overrides,
});

describe('enterprises and their needs', () => {
  let api: TestApi;
  let enterpriseA: { token: string; enterpriseId: string };
  let enterpriseB: { token: string; enterpriseId: string };
  let broker: string;

  beforeAll(async () => {
    api = await startTestApi();
    enterpriseA = await enterpriseIn(api.client, '410329');
    enterpriseB = await enterpriseIn(api.client, '410324');
    broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-lifecycle: an enterprise drafts, updates, publishes, closes and re-opens a need', async () => {
    const created = await api.client.request<{
      createTechNeed: { id: string; status: string; version: number };
    }>(CREATE, { input: validNeed() }, enterpriseA.token);
    const need = created.data?.createTechNeed;
    expect(need).toMatchObject({ status: 'DRAFT', version: 1 });
    const id = need?.id ?? '';
    expect(errorCode(await api.client.request(ONE, { id }))).toBe('NOT_FOUND');

    const updated = await api.client.request<{ updateTechNeed: { version: number } }>(
      UPDATE,
      { input: { id, version: 1, budgetMaxYuan: 1500000 } },
      enterpriseA.token,
    );
    expect(updated.data?.updateTechNeed.version).toBe(2);
    expect(
      errorCode(
        await api.client.request(
          UPDATE,
          { input: { id, version: 1, minTrl: 3 } },
          enterpriseA.token,
        ),
      ),
    ).toBe('CONFLICT');

    await api.client.request(act('publish'), { id }, enterpriseA.token);
    expect(
      (await api.client.request<{ techNeed: { status: string } }>(ONE, { id })).data?.techNeed
        .status,
    ).toBe('OPEN');
    await api.client.request(act('archive'), { id }, enterpriseA.token);
    expect(errorCode(await api.client.request(ONE, { id }))).toBe('NOT_FOUND');
    const reopened = await api.client.request<{ reopenTechNeed: { status: string } }>(
      act('reopen'),
      { id },
      enterpriseA.token,
    );
    expect(reopened.data?.reopenTechNeed.status).toBe('OPEN');
  });

  it("failing-other-enterprise: enterprise B may not change enterprise A's need or enterprise", async () => {
    const created = await api.client.request<{ createTechNeed: { id: string } }>(
      CREATE,
      { input: validNeed() },
      enterpriseA.token,
    );
    const id = created.data?.createTechNeed.id ?? '';
    await api.client.request(act('publish'), { id }, enterpriseA.token);
    expect(
      errorCode(
        await api.client.request(
          UPDATE,
          { input: { id, version: 1, minTrl: 2 } },
          enterpriseB.token,
        ),
      ),
    ).toBe('FORBIDDEN');
    const update = await api.client.request(
      'mutation ($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { id } }',
      { input: { id: enterpriseA.enterpriseId, version: 1, name: '被篡改的名称' } },
      enterpriseB.token,
    );
    expect(errorCode(update)).toBe('FORBIDDEN');
  });

  it('successful-private-contact: contact details only for the enterprise itself and staff', async () => {
    const query = `query ($id: ID!) { enterprise(id: $id) { name contactPhone } }`;
    const email = uniqueEmail();
    const registered = await api.client.request<{ registerEnterprise: { accessToken: string } }>(
      REGISTER,
      {
        input: {
          account: { email, password: 'Factory-2026-ok', displayName: '联系人' },
          enterprise: {
            name: '宜阳县某装备制造有限公司',
            uscc: makeUscc('410327'),
            divisionCode: '410327',
            industryCode: '34',
            contactPhone: '0379-68881234',
          },
        },
      },
    );
    const token = registered.data?.registerEnterprise.accessToken;
    const mine = await api.client.request<{ myEnterprise: { id: string } }>(
      '{ myEnterprise { id } }',
      {},
      token,
    );
    const id = mine.data?.myEnterprise.id;
    const phone = async (as?: string) =>
      (await api.client.request<{ enterprise: { contactPhone: string | null } }>(query, { id }, as))
        .data?.enterprise.contactPhone;
    expect(await phone(token)).toBe('0379-68881234');
    expect(await phone(broker)).toBe('0379-68881234');
    expect(await phone(enterpriseB.token)).toBeNull();
    expect(await phone()).toBeNull();
  });

  describe('rejected input writes nothing', () => {
    it.each([
      ['deadline in the past', { deadline: '2020-01-01' }, 'input.deadline'],
      ['budget reversed', { budgetMinYuan: 5, budgetMaxYuan: 1 }, 'input.budgetMinYuan'],
      ['fractional yuan', { budgetMinYuan: 1.5 }, 'input.budgetMinYuan'],
      ['minimum TRL 0', { minTrl: 0 }, 'input.minTrl'],
      ['unknown field code', { fieldCodes: ['0000'] }, 'input.fieldCodes'],
      ['description too long', { description: '长'.repeat(5001) }, 'input.description'],
    ])('failing-need-%s', async (_name, overrides, path) => {
      const before = await countRows(api.databaseUrl, 'tech_needs');
      const result = await api.client.request(
        CREATE,
        { input: validNeed(overrides) },
        enterpriseA.token,
      );
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(offendingPaths(result)).toContain(path);
      expect(await countRows(api.databaseUrl, 'tech_needs')).toBe(before);
    });

    it.each([
      [
        'credit code with a wrong check character',
        { uscc: '91410329MA4XXXXXX0' },
        'input.enterprise.uscc',
      ],
      ['credit code of 17 characters', { uscc: '91410329MA4XXXXXX' }, 'input.enterprise.uscc'],
      ['unknown division', { divisionCode: '110101' }, 'input.enterprise.divisionCode'],
      ['unknown industry', { industryCode: '99' }, 'input.enterprise.industryCode'],
    ])('failing-enterprise-%s', async (_name, overrides, path) => {
      const before = [
        await countRows(api.databaseUrl, 'enterprises'),
        await countRows(api.databaseUrl, 'users'),
      ];
      const result = await api.client.request(REGISTER, {
        input: {
          account: { email: uniqueEmail(), password: 'Factory-2026-ok', displayName: '联系人' },
          enterprise: {
            name: '栾川县某钼业有限公司',
            uscc: makeUscc('410324'),
            divisionCode: '410324',
            industryCode: '09',
            ...overrides,
          },
        },
      });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(
        (result.errors?.[0]?.extensions?.fields as Array<{ path: string }>).map((f) => f.path),
      ).toContain(path);
      expect([
        await countRows(api.databaseUrl, 'enterprises'),
        await countRows(api.databaseUrl, 'users'),
      ]).toEqual(before);
    });

    // Found by the mutation fuzzer: null reached the UPDATE of a NOT NULL column, a 500.
    it.each(['name', 'divisionCode', 'industryCode', 'qualifications'])(
      'failing-enterprise-update-null-%s: BAD_USER_INPUT, the enterprise unchanged',
      async (field) => {
        const read = `query ($id: ID!) { enterprise(id: $id) { name divisionCode industryCode qualifications version } }`;
        const before = await api.client.request(
          read,
          { id: enterpriseA.enterpriseId },
          enterpriseA.token,
        );
        const result = await api.client.request(
          'mutation ($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { id } }',
          { input: { id: enterpriseA.enterpriseId, version: 1, [field]: null } },
          enterpriseA.token,
        );
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
        expect(offendingPaths(result)).toEqual([`input.${field}`]);
        expect(
          await api.client.request(read, { id: enterpriseA.enterpriseId }, enterpriseA.token),
        ).toEqual(before);
      },
    );

    it('failing-enterprise-duplicate-credit-code: CONFLICT, and no user is left behind', async () => {
      const uscc = makeUscc('410325');
      const input = (email: string) => ({
        account: { email, password: 'Factory-2026-ok', displayName: '联系人' },
        enterprise: {
          name: '嵩县某中药材有限公司',
          uscc,
          divisionCode: '410325',
          industryCode: '27',
        },
      });
      expect(
        errorCode(await api.client.request(REGISTER, { input: input(uniqueEmail()) })),
      ).toBeUndefined();
      const users = await countRows(api.databaseUrl, 'users');
      expect(errorCode(await api.client.request(REGISTER, { input: input(uniqueEmail()) }))).toBe(
        'CONFLICT',
      );
      expect(await countRows(api.databaseUrl, 'users')).toBe(users);
    });
  });
});
