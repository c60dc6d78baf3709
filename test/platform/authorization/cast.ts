import { MatchEngine } from '@techmatch/matching';
import { OutboxRelay } from '@techmatch/search';
import { makeUscc, uniqueEmail } from '../../catalogue/catalogue-fixtures.js';
import { must, testClock } from '../../deals/deal-fixtures.js';
import type { TestApi } from '../../utils/test-api.js';
import { withClient } from '../../utils/test-database.js';
import { type FreshObjects, freshObjects, type Owners } from './fresh-objects.js';
import { chinaDate, NEED_A, ok, patentInput, RESULT_Y, unique } from './inputs.js';

/**
 * The callers of the authorisation matrix. `researcher` works at institution Y, which owns the
 * results and is the institution side of the deals; `otherResearcher` at another institution Z.
 * Enterprise A owns the needs and is the enterprise side of the deals; enterprise B is a stranger.
 */
export const ROLES = [
  'anonymous',
  'enterpriseA',
  'enterpriseB',
  'researcher',
  'otherResearcher',
  'broker',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD = 'Matrix-Test-2026';

interface Session {
  accessToken: string;
  refreshToken: string;
}

export interface Account {
  email: string;
  password: string;
}

const DEMO_BROKER: Account = { email: 'broker@demo.techmatch.cn', password: 'Demo-Broker-2026' };
const DEMO_ADMIN: Account = { email: 'admin@demo.techmatch.cn', password: 'Demo-Admin-2026' };
const DAY = 86_400_000;

/**
 * What the callers own and share, made through the API as their owners would; only the matching
 * is run directly (the relay is off in tests) and the licence is dated back on the TestClock.
 */
export interface Cast {
  api: TestApi;
  tokens: Record<Role, string | undefined>;
  userIds: Record<Role, string | null>;
  /** Each enterprise user's enterprise. */
  enterprises: { A: string; B: string };
  institutions: { Y: string; Z: string; spare: string };
  /** Enterprise A's published need (with matches) and a draft of its own. */
  needA: string;
  draftNeedA: string;
  /** Y's published result with a confidential detail, matched with needA. */
  resultY: string;
  /** Y's draft result, with a confidential detail and one patent. */
  draftResultY: { id: string; patentId: string; patentNumber: string };
  /** A demo result of Y with patents: what the deals license. */
  demoResultY: { id: string; patentIds: string[] };
  /** A LICENSED deal between A and Y (entry fee and royalty), with its entry-fee instalment. */
  deal: { id: string; instalmentId: string };
  /** Days (YYYY-MM-DD, China time) after the licence began and before the clock's today. */
  salesDays: string[];
  matchId: string;
  /** Enterprise A's user's notifications (from the deal and the matches). */
  notificationsOfA: string[];
  /** Each signed-in role's e-mail and password (for rows that need a session of their own). */
  accounts: Record<Role, Account | null>;
  /**
   * The refresh token of each role's session in `tokens` (anonymous: of a second session of A's):
   * the refreshSession row spends them, which leaves those sessions and access tokens as they are.
   */
  refreshTokens: Record<Role, string>;
  fresh: FreshObjects;
}

export async function buildCast(api: TestApi): Promise<Cast> {
  const client = api.client;
  const request = client.request.bind(client);

  // The search index gets only what this spec creates: indexing the demo catalogue would cost
  // the spec most of its time, and what search may show is decided per document either way.
  await withClient(api.databaseUrl, (db) =>
    db.query('UPDATE outbox_events SET processed_at = now() WHERE processed_at IS NULL'),
  );
  const signIn = async (account: Account) =>
    ok(
      await request<{ login: Session }>(
        'mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }',
        { input: account },
      ),
      'login',
    );
  const [broker, admin] = await Promise.all([signIn(DEMO_BROKER), signIn(DEMO_ADMIN)]);

  // Institution Y: the one whose demo results carry the most patents; Z: any other.
  interface Listed {
    id: string;
    institutionId: string;
    institution: { nameZh: string };
    patents: Array<{ id: string }>;
  }
  const listed = ok(
    await request<{ researchResults: { edges: Array<{ node: Listed }> } }>(
      '{ researchResults(first: 100) { edges { node { id institutionId institution { nameZh } patents { id } } } } }',
    ),
    'researchResults',
  ).edges.map((edge) => edge.node);
  const first = listed.find((node) => node.patents.length > 0);
  const other = listed.find((node) => node.institutionId !== first?.institutionId);
  if (!first || !other) throw new Error('the demo data lacks results with patents');
  const demoResultY = { id: first.id, patentIds: first.patents.map((p) => p.id) };

  const registerEnterprise = async (divisionCode: string, contact: boolean) => {
    const email = uniqueEmail();
    const payload = ok(
      await request<{ registerEnterprise: Session & { user: { id: string } } }>(
        `mutation ($input: RegisterEnterpriseInput!) {
           registerEnterprise(input: $input) { accessToken refreshToken user { id } } }`,
        {
          input: {
            account: { email, password: PASSWORD, displayName: '矩阵测试企业联系人' },
            enterprise: {
              name: `矩阵测试企业${unique()}有限公司`,
              uscc: makeUscc(divisionCode),
              divisionCode,
              industryCode: '34',
              ...(contact ? { contactName: '王经理', contactPhone: '13800138000' } : {}),
            },
          },
        },
      ),
      'registerEnterprise',
    );
    const mine = ok(
      await request<{ myEnterprise: { id: string } }>(
        '{ myEnterprise { id } }',
        {},
        payload.accessToken,
      ),
      'myEnterprise',
    );
    return {
      token: payload.accessToken,
      refreshToken: payload.refreshToken,
      userId: payload.user.id,
      enterpriseId: mine.id,
      email,
    };
  };

  const registerResearcher = async (institutionId: string) => {
    const email = uniqueEmail();
    const payload = ok(
      await request<{ registerResearcher: Session }>(
        `mutation ($input: RegisterResearcherInput!) {
           registerResearcher(input: $input) { accessToken refreshToken } }`,
        {
          input: {
            institutionId,
            account: { email, password: PASSWORD, displayName: '矩阵测试研究员' },
          },
        },
      ),
      'registerResearcher',
    );
    return { token: payload.accessToken, refreshToken: payload.refreshToken, email };
  };

  const [A, B, Y, Z] = await Promise.all([
    registerEnterprise('410323', true),
    registerEnterprise('410324', true),
    registerResearcher(first.institutionId),
    registerResearcher(other.institutionId),
  ]);
  const researcher = Y.token;
  const otherResearcher = Z.token;
  const accounts: Record<Role, Account | null> = {
    anonymous: null,
    enterpriseA: { email: A.email, password: PASSWORD },
    enterpriseB: { email: B.email, password: PASSWORD },
    researcher: { email: Y.email, password: PASSWORD },
    otherResearcher: { email: Z.email, password: PASSWORD },
    broker: DEMO_BROKER,
    admin: DEMO_ADMIN,
  };

  const tokens: Record<Role, string | undefined> = {
    anonymous: undefined,
    enterpriseA: A.token,
    enterpriseB: B.token,
    researcher,
    otherResearcher,
    broker: broker.accessToken,
    admin: admin.accessToken,
  };
  const refreshTokens: Record<Role, string> = {
    anonymous: (await signIn(accounts.enterpriseA ?? DEMO_ADMIN)).refreshToken,
    enterpriseA: A.refreshToken,
    enterpriseB: B.refreshToken,
    researcher: Y.refreshToken,
    otherResearcher: Z.refreshToken,
    broker: broker.refreshToken,
    admin: admin.refreshToken,
  };
  const userIds = Object.fromEntries(
    await Promise.all(
      ROLES.map(async (role) => {
        const token = tokens[role];
        if (!token) return [role, null] as const;
        return [
          role,
          ok(await request<{ me: { id: string } }>('{ me { id } }', {}, token), 'me').id,
        ] as const;
      }),
    ),
  ) as Record<Role, string | null>;

  const spare = ok(
    await request<{ createInstitution: { id: string } }>(
      'mutation ($input: InstitutionInput!) { createInstitution(input: $input) { id } }',
      { input: { nameZh: `矩阵测试备用机构${unique()}`, kind: 'OTHER', divisionCode: '410311' } },
      admin.accessToken,
    ),
    'createInstitution',
  ).id;

  const fresh = freshObjects(api, {
    broker: broker.accessToken,
    enterpriseA: A.token,
    researcher,
    demoResultY,
    A,
  });

  // Y's published result, A's published need: the pair the matching finds.
  const createResult = async (input: Record<string, unknown>) =>
    ok(
      await request<{
        createResearchResult: { id: string; patents: Array<{ id: string; number: string }> };
      }>(
        `mutation ($input: CreateResultInput!) {
           createResearchResult(input: $input) { id patents { id number } } }`,
        { input },
        researcher,
      ),
      'createResearchResult',
    );
  const resultY = (await createResult(RESULT_Y)).id;
  must(
    await request(
      'mutation ($id: ID!) { publishResearchResult(id: $id) { id } }',
      { id: resultY },
      researcher,
    ),
  );
  const draft = await createResult({
    ...RESULT_Y,
    title: `${RESULT_Y.title}（草稿${unique()}）`,
    patents: [patentInput()],
  });
  const draftPatent = draft.patents[0];
  if (!draftPatent) throw new Error('the draft result has no patent');

  const createNeed = async (input: Record<string, unknown>) =>
    ok(
      await request<{ createTechNeed: { id: string } }>(
        'mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id } }',
        { input },
        A.token,
      ),
      'createTechNeed',
    ).id;
  const needA = await createNeed(NEED_A);
  must(
    await request(
      'mutation ($id: ID!) { publishTechNeed(id: $id) { id } }',
      { id: needA },
      A.token,
    ),
  );
  const draftNeedA = await createNeed({ ...NEED_A, title: `${NEED_A.title}（草稿${unique()}）` });

  // Index them, then match need A: Y's result is its best pair.
  await api.app.get(OutboxRelay).drain();
  const outcome = await api.app.get(MatchEngine).rematchNeed(needA);
  const match = outcome.top.find((m) => m.resultId === resultY);
  if (!match) throw new Error(`need A was not matched with Y's result: ${outcome.top.length}`);

  // A licence agreed 40 days ago (on the TestClock), so that past days can carry sales reports.
  const clock = testClock(api);
  const now = clock.now();
  clock.set(new Date(now.getTime() - 40 * DAY));
  const deal = await licensedDeal(api, { broker: broker.accessToken, researcher, A, demoResultY });
  clock.set(now);
  const salesDays = ROLES.map((_, i) => chinaDate(new Date(now.getTime() - (30 - i) * DAY)));

  const notificationsOfA = ok(
    await request<{ notifications: { edges: Array<{ node: { id: string } }> } }>(
      '{ notifications(first: 100) { edges { node { id } } } }',
      {},
      A.token,
    ),
    'notifications',
  ).edges.map((edge) => edge.node.id);
  if (notificationsOfA.length === 0) throw new Error('enterprise A has no notifications');

  return {
    api,
    tokens,
    userIds,
    enterprises: { A: A.enterpriseId, B: B.enterpriseId },
    institutions: { Y: first.institutionId, Z: other.institutionId, spare },
    needA,
    draftNeedA,
    resultY,
    draftResultY: { id: draft.id, patentId: draftPatent.id, patentNumber: draftPatent.number },
    demoResultY,
    deal,
    salesDays,
    matchId: match.id,
    notificationsOfA,
    accounts,
    refreshTokens,
    fresh,
  };
}

async function licensedDeal(
  api: TestApi,
  { broker, researcher, A, demoResultY }: Owners,
): Promise<{ id: string; instalmentId: string }> {
  const request = api.client.request.bind(api.client);
  const opened = ok(
    await request<{ openDeal: { id: string } }>(
      'mutation ($input: OpenDealInput!) { openDeal(input: $input) { id } }',
      {
        input: {
          kind: 'LICENSE',
          title: '矩阵测试：轴承专利普通许可',
          resultId: demoResultY.id,
          enterpriseId: A.enterpriseId,
          patentIds: demoResultY.patentIds,
        },
      },
      broker,
    ),
    'openDeal',
  );
  const offer = ok(
    await request<{ proposeOffer: { id: string } }>(
      'mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id } }',
      {
        input: {
          dealId: opened.id,
          version: 1,
          terms: {
            feeModel: 'ENTRY_PLUS_ROYALTY',
            entryFeeFen: '1000000',
            royaltyRateBp: 300,
            exclusivity: 'NON_EXCLUSIVE',
          },
        },
      },
      researcher,
    ),
    'proposeOffer',
  );
  const agreed = ok(
    await request<{ acceptOffer: { state: string; instalments: Array<{ id: string }> } }>(
      `mutation ($input: AcceptOfferInput!) {
         acceptOffer(input: $input) { state instalments { id } } }`,
      { input: { offerId: offer.id, version: 2 } },
      A.token,
    ),
    'acceptOffer',
  );
  const instalment = agreed.instalments[0];
  if (agreed.state !== 'LICENSED' || !instalment)
    throw new Error(`the deal was not licensed: ${JSON.stringify(agreed)}`);
  return { id: opened.id, instalmentId: instalment.id };
}
