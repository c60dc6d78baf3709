import { makeUscc, uniqueEmail } from '../../catalogue/catalogue-fixtures.js';
import { type Cast, PASSWORD, ROLES, type Role } from './cast.js';
import { NEED_A, patentInput, unique } from './inputs.js';
import { FB, NF, OK, type Outcomes, PARTIES, type Row, row, UN } from './rows.js';

/**
 * The Mutation rows of the authorisation matrix: every Mutation of apps/api/schema.gql needs one.
 * A mutation that changes state works on a fresh object per caller (`cast.fresh`), so that one
 * caller's allowed change does not turn another's call into a CONFLICT.
 */
// outcomes: [anonymous, enterpriseA, enterpriseB, researcher (of Y), otherResearcher (of Z),
//            broker, admin]; OK, UN(AUTHENTICATED), FB (FORBIDDEN), NF (NOT_FOUND).

/** A lifecycle step on a fresh object of the caller's own; afterwards it moved only if allowed. */
function lifecycleRow(spec: {
  operation: string;
  note: string;
  outcomes: Outcomes;
  fresh: (cast: Cast) => Promise<string>;
  status: (cast: Cast, id: string) => Promise<string>;
  before: string;
  after: string;
}): Row {
  return row({
    operation: spec.operation,
    note: spec.note,
    outcomes: spec.outcomes,
    call: async (_role, cast) => {
      const id = await spec.fresh(cast);
      return {
        query: `mutation ($id: ID!) { ${spec.operation}(id: $id) { id status } }`,
        variables: { id },
        after: async (allowed) =>
          expect(await spec.status(cast, id)).toBe(allowed ? spec.after : spec.before),
      };
    },
  });
}

const catalogueMutations: Row[] = [
  row({
    operation: 'createInstitution',
    outcomes: [UN, FB, FB, FB, FB, FB, OK],
    call: () => ({
      query: 'mutation ($input: InstitutionInput!) { createInstitution(input: $input) { id } }',
      variables: {
        input: { nameZh: `矩阵测试机构${unique()}`, kind: 'OTHER', divisionCode: '410311' },
      },
    }),
  }),
  row({
    operation: 'updateInstitution',
    outcomes: [UN, FB, FB, FB, FB, FB, OK],
    call: (_role, cast) => ({
      query:
        'mutation ($input: UpdateInstitutionInput!) { updateInstitution(input: $input) { id } }',
      variables: { input: { id: cast.institutions.spare, contactName: '矩阵测试联系人' } },
    }),
  }),
  row({
    operation: 'registerResearcher',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query:
        'mutation ($input: RegisterResearcherInput!) { registerResearcher(input: $input) { accessToken } }',
      variables: {
        input: {
          institutionId: cast.institutions.Y,
          account: { email: uniqueEmail(), password: PASSWORD, displayName: '矩阵测试研究员' },
        },
      },
    }),
  }),
  row({
    operation: 'registerEnterprise',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({
      query:
        'mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { accessToken } }',
      variables: {
        input: {
          account: { email: uniqueEmail(), password: PASSWORD, displayName: '矩阵测试企业' },
          enterprise: {
            name: `矩阵测试自助注册企业${unique()}`,
            uscc: makeUscc('410325'),
            divisionCode: '410325',
            industryCode: '34',
          },
        },
      },
    }),
  }),
  row({
    operation: 'createEnterprise',
    outcomes: [UN, FB, FB, FB, FB, OK, OK],
    call: () => ({
      query: 'mutation ($input: EnterpriseInput!) { createEnterprise(input: $input) { id } }',
      variables: {
        input: {
          name: `矩阵测试代录企业${unique()}`,
          uscc: makeUscc('410311'),
          divisionCode: '410311',
          industryCode: '34',
        },
      },
    }),
  }),
  row({
    operation: 'updateEnterprise',
    note: 'enterprise A, at its current version',
    outcomes: [UN, OK, FB, FB, FB, OK, OK],
    sequential: true,
    call: async (_role, cast) => {
      const current = await cast.api.client.request<{ enterprise: { version: number } }>(
        'query ($id: ID!) { enterprise(id: $id) { version } }',
        { id: cast.enterprises.A },
      );
      return {
        query:
          'mutation ($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { id } }',
        variables: {
          input: {
            id: cast.enterprises.A,
            version: current.data?.enterprise.version,
            contactName: '王经理',
          },
        },
      };
    },
  }),
  row({
    operation: 'createResearchResult',
    note: 'for institution Y',
    outcomes: [UN, FB, FB, OK, FB, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id } }',
      variables: {
        input: {
          institutionId: cast.institutions.Y,
          title: `矩阵测试新成果${unique()}`,
          summary: '用于权限矩阵测试的科技成果。',
          fieldCodes: ['0802'],
          trl: 5,
          stage: 'PILOT',
          modes: ['LICENSE'],
        },
      },
    }),
  }),
  row({
    operation: 'updateResearchResult',
    note: "a draft of Y's",
    outcomes: [UN, FB, FB, OK, NF, OK, OK],
    call: async (_role, cast) => {
      const { id, version } = await cast.fresh.draftResultY();
      return {
        query:
          'mutation ($input: UpdateResultInput!) { updateResearchResult(input: $input) { id } }',
        variables: { input: { id, version, summary: '矩阵测试：改写的摘要。' } },
      };
    },
  }),
  lifecycleRow({
    operation: 'publishResearchResult',
    note: "a draft of Y's",
    outcomes: [UN, FB, FB, OK, NF, OK, OK],
    fresh: async (cast) => (await cast.fresh.draftResultY()).id,
    status: (cast, id) => cast.fresh.resultStatus(id),
    before: 'DRAFT',
    after: 'PUBLISHED',
  }),
  lifecycleRow({
    operation: 'archiveResearchResult',
    note: "a published result of Y's",
    outcomes: [UN, FB, FB, OK, FB, OK, OK],
    fresh: (cast) => cast.fresh.publishedResultY(),
    status: (cast, id) => cast.fresh.resultStatus(id),
    before: 'PUBLISHED',
    after: 'ARCHIVED',
  }),
  lifecycleRow({
    operation: 'reopenResearchResult',
    note: "an archived result of Y's",
    outcomes: [UN, FB, FB, OK, NF, OK, OK],
    fresh: (cast) => cast.fresh.archivedResultY(),
    status: (cast, id) => cast.fresh.resultStatus(id),
    before: 'ARCHIVED',
    after: 'PUBLISHED',
  }),
  row({
    operation: 'addPatents',
    note: "to Y's draft",
    outcomes: [UN, FB, FB, OK, NF, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($input: AddPatentsInput!) { addPatents(input: $input) { id } }',
      variables: { input: { resultId: cast.draftResultY.id, patents: [patentInput()] } },
    }),
  }),
  row({
    operation: 'updatePatent',
    note: "of Y's draft",
    outcomes: [UN, FB, FB, OK, NF, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($input: UpdatePatentInput!) { updatePatent(input: $input) { id } }',
      variables: { input: { id: cast.draftResultY.patentId, legalStatus: 'PENDING' } },
    }),
  }),
  row({
    operation: 'createTechNeed',
    note: 'for enterprise A',
    outcomes: [UN, OK, FB, FB, FB, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id } }',
      variables: {
        input: { ...NEED_A, enterpriseId: cast.enterprises.A, title: `矩阵测试新需求${unique()}` },
      },
    }),
  }),
  row({
    operation: 'updateTechNeed',
    note: "a draft of A's",
    outcomes: [UN, OK, NF, FB, FB, OK, OK],
    call: async (_role, cast) => {
      const { id, version } = await cast.fresh.draftNeedA();
      return {
        query: 'mutation ($input: UpdateNeedInput!) { updateTechNeed(input: $input) { id } }',
        variables: { input: { id, version, problem: '矩阵测试：改写的问题。' } },
      };
    },
  }),
  lifecycleRow({
    operation: 'publishTechNeed',
    note: "a draft of A's",
    outcomes: [UN, OK, NF, FB, FB, OK, OK],
    fresh: async (cast) => (await cast.fresh.draftNeedA()).id,
    status: (cast, id) => cast.fresh.needStatus(id),
    before: 'DRAFT',
    after: 'OPEN',
  }),
  lifecycleRow({
    operation: 'archiveTechNeed',
    note: "an open need of A's",
    outcomes: [UN, OK, FB, FB, FB, OK, OK],
    fresh: (cast) => cast.fresh.openNeedA(),
    status: (cast, id) => cast.fresh.needStatus(id),
    before: 'OPEN',
    after: 'CLOSED',
  }),
  lifecycleRow({
    operation: 'reopenTechNeed',
    note: "a closed need of A's",
    outcomes: [UN, OK, NF, FB, FB, OK, OK],
    fresh: (cast) => cast.fresh.closedNeedA(),
    status: (cast, id) => cast.fresh.needStatus(id),
    before: 'CLOSED',
    after: 'OPEN',
  }),
];

/** A new session of the caller's account (signing in is public: anyone may). */
async function signIn(cast: Cast, role: Role) {
  const account = cast.accounts[role] ?? cast.accounts.enterpriseA;
  const response = await cast.api.client.request<{
    login: { accessToken: string; refreshToken: string };
  }>('mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }', {
    input: account,
  });
  if (!response.data?.login) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return response.data.login;
}

/** Whether this bearer token is still accepted. */
async function accepted(cast: Cast, token: string | undefined): Promise<boolean> {
  const response = await cast.api.client.request('{ me { id } }', {}, token);
  return !response.errors;
}

const identityMutations: Row[] = [
  row<{ user: { id: string } }>({
    operation: 'login',
    note: "each caller with its own account's credentials (anonymous: A's)",
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (role, cast) => ({
      query: 'mutation ($input: LoginInput!) { login(input: $input) { user { id } } }',
      variables: { input: cast.accounts[role] ?? cast.accounts.enterpriseA },
    }),
    // The credentials decide whose session it is, never the bearer of the request.
    probe: (payload, role, cast) =>
      expect({ role, user: payload.user.id }).toEqual({
        role,
        user: cast.userIds[role] ?? cast.userIds.enterpriseA,
      }),
  }),
  row<{ user: { id: string } }>({
    operation: 'refreshSession',
    note: "each caller's own session (anonymous: one of A's)",
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (role, cast) => ({
      query:
        'mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { user { id } } }',
      variables: { input: { refreshToken: cast.refreshTokens[role] } },
    }),
    // The refresh token decides whose session it is, never the bearer of the request.
    probe: (payload, role, cast) =>
      expect({ role, user: payload.user.id }).toEqual({
        role,
        user: cast.userIds[role] ?? cast.userIds.enterpriseA,
      }),
  }),
  row({
    operation: 'logout',
    note: 'a second session of the caller',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: async (role, cast) => {
      const token = role === 'anonymous' ? undefined : (await signIn(cast, role)).accessToken;
      return {
        query: 'mutation { logout }',
        token,
        // That session ends; the caller's other one goes on.
        after: async (allowed) => {
          if (!allowed) return;
          expect({ role, ended: !(await accepted(cast, token)) }).toEqual({ role, ended: true });
          expect({ role, other: await accepted(cast, cast.tokens[role]) }).toEqual({
            role,
            other: true,
          });
        },
      };
    },
  }),
  row({
    operation: 'createBroker',
    outcomes: [UN, FB, FB, FB, FB, FB, OK],
    call: () => ({
      query: 'mutation ($input: CreateBrokerInput!) { createBroker(input: $input) { id role } }',
      variables: {
        input: { email: uniqueEmail(), password: PASSWORD, displayName: '矩阵测试经纪人' },
      },
    }),
  }),
];

/** Ends every session of each caller, the cast's too: the last row of all. */
const lastRows: Row[] = [
  row({
    operation: 'logoutEverywhere',
    note: "every session of the caller's, run last",
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: (role, cast) => ({
      query: 'mutation { logoutEverywhere }',
      after: async (allowed) => {
        if (allowed)
          expect({ role, ended: !(await accepted(cast, cast.tokens[role])) }).toEqual({
            role,
            ended: true,
          });
      },
    }),
  }),
];

const matchingMutations: Row[] = [
  row({
    operation: 'setMatchStatus',
    note: "need A's match",
    outcomes: [UN, OK, FB, FB, FB, OK, OK],
    call: (role, cast) => ({
      query: 'mutation ($input: SetMatchStatusInput!) { setMatchStatus(input: $input) { id } }',
      variables: { input: { matchId: cast.matchId, status: 'SHORTLISTED', note: `by ${role}` } },
    }),
  }),
  row({
    operation: 'rematchNeed',
    note: 'need A',
    outcomes: [UN, FB, FB, FB, FB, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($id: ID!) { rematchNeed(needId: $id) { id } }',
      variables: { id: cast.needA },
    }),
  }),
];

const dealMutations: Row[] = [
  row({
    operation: 'openDeal',
    note: 'on need A',
    outcomes: [UN, OK, FB, FB, FB, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($input: OpenDealInput!) { openDeal(input: $input) { id } }',
      variables: {
        input: {
          kind: 'LICENSE',
          title: `矩阵测试发起交易${unique()}`,
          needId: cast.needA,
          resultId: cast.demoResultY.id,
          patentIds: cast.demoResultY.patentIds,
        },
      },
    }),
  }),
  row({
    operation: 'transitionDeal',
    note: 'WITHDRAW a fresh deal of A and Y',
    outcomes: PARTIES,
    call: async (_role, cast) => {
      const dealId = await cast.fresh.proposedDeal();
      return {
        query: 'mutation ($input: TransitionDealInput!) { transitionDeal(input: $input) { id } }',
        variables: { input: { dealId, action: 'WITHDRAW', version: 1 } },
        after: async (allowed) =>
          expect(await cast.fresh.dealState(dealId)).toBe(allowed ? 'WITHDRAWN' : 'PROPOSED'),
      };
    },
  }),
  row({
    operation: 'proposeOffer',
    note: 'on a fresh deal of A and Y',
    outcomes: PARTIES,
    call: async (_role, cast) => {
      const dealId = await cast.fresh.proposedDeal();
      return {
        query: 'mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id } }',
        variables: {
          input: {
            dealId,
            version: 1,
            terms: { feeModel: 'LUMP_SUM', lumpSumFen: '500000', exclusivity: 'NON_EXCLUSIVE' },
          },
        },
        after: async (allowed) =>
          expect(await cast.fresh.dealState(dealId)).toBe(allowed ? 'NEGOTIATING' : 'PROPOSED'),
      };
    },
  }),
  row({
    operation: 'acceptOffer',
    note: "the broker's offer on a fresh deal of A and Y",
    outcomes: [UN, OK, NF, OK, NF, FB, FB],
    call: async (_role, cast) => {
      const { offerId, version } = await cast.fresh.dealWithBrokerOffer();
      return {
        query: 'mutation ($input: AcceptOfferInput!) { acceptOffer(input: $input) { id } }',
        variables: { input: { offerId, version } },
      };
    },
  }),
  row({
    operation: 'reportSales',
    note: "on A and Y's licence, a day per caller",
    outcomes: [UN, OK, NF, FB, NF, OK, OK],
    call: (role, cast) => {
      const day = cast.salesDays[ROLES.indexOf(role)];
      return {
        query: 'mutation ($input: ReportSalesInput!) { reportSales(input: $input) { id } }',
        variables: {
          input: { dealId: cast.deal.id, periodStart: day, periodEnd: day, netSalesFen: '100000' },
        },
      };
    },
  }),
  row({
    operation: 'recordPayment',
    note: "1 fen of A and Y's entry fee",
    outcomes: [UN, FB, NF, FB, NF, OK, OK],
    call: (role, cast) => ({
      query: 'mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
      variables: {
        input: {
          instalmentId: cast.deal.instalmentId,
          amountFen: '1',
          idempotencyKey: `matrix-${role}-${unique()}`,
        },
      },
    }),
  }),
];

const notificationMutations: Row[] = [
  row<{ marked: number }>({
    operation: 'markNotificationsRead',
    note: "A's notifications",
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query: 'mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }',
      variables: { ids: cast.notificationsOfA },
    }),
    probe: (result, role) => {
      if (role !== 'enterpriseA')
        expect({ role, marked: result.marked }).toEqual({ role, marked: 0 });
    },
  }),
  row({
    operation: 'markAllNotificationsRead',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: 'mutation { markAllNotificationsRead { marked unreadCount } }' }),
  }),
];

export const MUTATION_ROWS: Row[] = [
  ...identityMutations,
  ...catalogueMutations,
  ...matchingMutations,
  ...dealMutations,
  ...notificationMutations,
  ...lastRows,
];
