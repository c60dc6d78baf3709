import { CLOCK, RequestContext, type TestClock } from '@techmatch/common';
import { type DealAction, DealsService } from '@techmatch/deals';
import { enterpriseIn, researcherAt } from '../catalogue/catalogue-fixtures.js';
import { createPublishedNeed } from '../matching/matching-fixtures.js';
import type { GraphQLResponse } from '../utils/graphql-client.js';
import type { TestApi } from '../utils/test-api.js';

export const DEAL_FIELDS = `id kind state version title needId resultId enterpriseId institutionId
  divisionCode brokerUserId currentOfferId agreedOfferId exclusivity territoryCodes
  trialStartedAt trialEndsAt conversionDueBy closedAt patentIds`;

export interface DealView {
  id: string;
  kind: string;
  state: string;
  version: number;
  currentOfferId: string | null;
  agreedOfferId: string | null;
  exclusivity: string | null;
  trialStartedAt: string | null;
  trialEndsAt: string | null;
  conversionDueBy: string | null;
  closedAt: string | null;
  patentIds: string[];
  divisionCode: string;
}

export interface EventView {
  sequence: number;
  type: string;
  action: string | null;
  actorSide: string;
  actorUserId: string | null;
  fromState: string;
  toState: string;
  before: string;
  after: string;
}

/** The people of a deal: a broker, an enterprise with a published need, researchers at the result's institution. */
export interface DealCast {
  broker: string;
  enterprise: { token: string; enterpriseId: string };
  otherEnterprise: { token: string; enterpriseId: string };
  researcher: string;
  outsideResearcher: string;
  needId: string;
  /** Demo results with at least one patent, all at one institution. */
  results: Array<{ id: string; patentIds: string[] }>;
}

const NEED = {
  title: '数控机床主轴精密轴承技术需求',
  description: '企业拟提升数控机床主轴轴承精度与寿命，寻求成熟技术许可。',
  problem: '高速主轴轴承温升大，精度保持性差。',
  fieldCodes: ['0802'],
  keywords: ['轴承', '主轴', '数控机床'],
  modes: ['TRIAL_FIRST_LICENSE', 'LICENSE'],
};

export async function castForDeals(api: TestApi): Promise<DealCast> {
  const client = api.client;
  const broker = await client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
  const listed = await client.request<{
    researchResults: {
      edges: Array<{
        node: { id: string; institution: { nameZh: string }; patents: Array<{ id: string }> };
      }>;
    };
  }>(
    '{ researchResults(first: 100) { edges { node { id institution { nameZh } patents { id } } } } }',
  );
  const withPatents = (listed.data?.researchResults.edges ?? [])
    .map((edge) => edge.node)
    .filter((node) => node.patents.length > 0);
  const institution = withPatents[0]?.institution.nameZh ?? '';
  const results = withPatents
    .filter((node) => node.institution.nameZh === institution)
    .map((node) => ({ id: node.id, patentIds: node.patents.map((p) => p.id) }));
  if (results.length < 4) throw new Error(`too few demo results with patents at ${institution}`);
  const other =
    withPatents.find((node) => node.institution.nameZh !== institution)?.institution.nameZh ?? '';
  const enterprise = await enterpriseIn(client, '410323'); // 新安县
  const otherEnterprise = await enterpriseIn(client, '410324');
  return {
    broker,
    enterprise,
    otherEnterprise,
    researcher: await researcherAt(client, institution),
    outsideResearcher: await researcherAt(client, other),
    needId: await createPublishedNeed(client, enterprise.token, NEED),
    results,
  };
}

/** Thin typed wrappers around the deal mutations and queries, as a client would call them. */
export function dealApi(api: TestApi) {
  const request = api.client.request.bind(api.client);
  return {
    open: (token: string, input: Record<string, unknown>) =>
      request<{ openDeal: DealView }>(
        `mutation ($input: OpenDealInput!) { openDeal(input: $input) { ${DEAL_FIELDS} } }`,
        { input },
        token,
      ),
    transition: (token: string, dealId: string, action: string, version: number, note?: string) =>
      request<{ transitionDeal: DealView }>(
        `mutation ($input: TransitionDealInput!) { transitionDeal(input: $input) { ${DEAL_FIELDS} } }`,
        { input: { dealId, action, version, note } },
        token,
      ),
    propose: (token: string, dealId: string, version: number, terms: Record<string, unknown>) =>
      request<{
        proposeOffer: { id: string; revision: number; status: string; proposedBy: string };
      }>(
        `mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id revision status proposedBy } }`,
        { input: { dealId, version, terms } },
        token,
      ),
    accept: (token: string, offerId: string, version: number) =>
      request<{ acceptOffer: DealView }>(
        `mutation ($input: AcceptOfferInput!) { acceptOffer(input: $input) { ${DEAL_FIELDS} } }`,
        { input: { offerId, version } },
        token,
      ),
    deal: (token: string, id: string) =>
      request<{ deal: DealView }>(
        `query ($id: ID!) { deal(id: $id) { ${DEAL_FIELDS} } }`,
        { id },
        token,
      ),
    timeline: (token: string, dealId: string) =>
      request<{ dealTimeline: EventView[] }>(
        `query ($dealId: ID!) { dealTimeline(dealId: $dealId) {
           sequence type action actorSide actorUserId fromState toState before after } }`,
        { dealId },
        token,
      ),
  };
}

/** What the scheduler will do: a move by SYSTEM, through the service (never over GraphQL). */
export function systemTransition(
  api: TestApi,
  dealId: string,
  action: DealAction,
  version: number,
) {
  return api.app
    .get(DealsService)
    .transition(RequestContext.system('test-scheduler'), { dealId, action, version });
}

export const testClock = (api: TestApi): TestClock => api.app.get<TestClock>(CLOCK);

export function must<T>(response: GraphQLResponse<T>): T {
  if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data;
}
