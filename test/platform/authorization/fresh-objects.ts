import type { TestApi } from '../../utils/test-api.js';
import { NEED_A, ok, RESULT_Y, unique } from './inputs.js';

/**
 * Objects created on demand, one per caller, so that an allowed change by one caller does not
 * turn another's call into a CONFLICT. Each is made by its owner (or a broker).
 */
export interface FreshObjects {
  draftResultY(): Promise<{ id: string; version: number }>;
  publishedResultY(): Promise<string>;
  archivedResultY(): Promise<string>;
  draftNeedA(): Promise<{ id: string; version: number }>;
  openNeedA(): Promise<string>;
  closedNeedA(): Promise<string>;
  /** A PROPOSED licence deal between A and Y, opened by the broker (version 1). */
  proposedDeal(): Promise<string>;
  /** The same, NEGOTIATING on the broker's offer (version 2): both parties must accept it. */
  dealWithBrokerOffer(): Promise<{ offerId: string; version: number }>;
  resultStatus(id: string): Promise<string>;
  needStatus(id: string): Promise<string>;
  dealState(id: string): Promise<string>;
}

export interface Owners {
  broker: string;
  researcher: string;
  A: { token: string; enterpriseId: string };
  demoResultY: { id: string; patentIds: string[] };
}

export function freshObjects(api: TestApi, owners: Owners & { enterpriseA: string }): FreshObjects {
  const request = api.client.request.bind(api.client);
  const { broker, researcher, enterpriseA, demoResultY } = owners;
  const mutate = async <T>(field: string, query: string, variables: object, token: string) =>
    ok(await request<Record<string, T>>(query, variables as Record<string, unknown>, token), field);
  const resultStep = (action: string, id: string) =>
    mutate(action, `mutation ($id: ID!) { ${action}(id: $id) { id } }`, { id }, researcher);
  const needStep = (action: string, id: string) =>
    mutate(action, `mutation ($id: ID!) { ${action}(id: $id) { id } }`, { id }, enterpriseA);

  const draftResultY = () =>
    mutate<{ id: string; version: number }>(
      'createResearchResult',
      'mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id version } }',
      { input: { ...RESULT_Y, title: `矩阵测试成果${unique()}` } },
      researcher,
    );
  const draftNeedA = () =>
    mutate<{ id: string; version: number }>(
      'createTechNeed',
      'mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id version } }',
      { input: { ...NEED_A, title: `矩阵测试需求${unique()}` } },
      enterpriseA,
    );
  const proposedDeal = async () =>
    (
      await mutate<{ id: string }>(
        'openDeal',
        'mutation ($input: OpenDealInput!) { openDeal(input: $input) { id } }',
        {
          input: {
            kind: 'LICENSE',
            title: `矩阵测试交易${unique()}`,
            resultId: demoResultY.id,
            enterpriseId: owners.A.enterpriseId,
            patentIds: demoResultY.patentIds,
          },
        },
        broker,
      )
    ).id;
  const read = async (field: string, id: string, selection: string) =>
    (
      await mutate<Record<string, string>>(
        field,
        `query ($id: ID!) { ${field}(id: $id) { ${selection} } }`,
        { id },
        broker,
      )
    )[selection] ?? '';

  return {
    draftResultY,
    publishedResultY: async () => {
      const { id } = await draftResultY();
      await resultStep('publishResearchResult', id);
      return id;
    },
    archivedResultY: async () => {
      const { id } = await draftResultY();
      await resultStep('archiveResearchResult', id);
      return id;
    },
    draftNeedA,
    openNeedA: async () => {
      const { id } = await draftNeedA();
      await needStep('publishTechNeed', id);
      return id;
    },
    closedNeedA: async () => {
      const { id } = await draftNeedA();
      await needStep('archiveTechNeed', id);
      return id;
    },
    proposedDeal,
    dealWithBrokerOffer: async () => {
      const dealId = await proposedDeal();
      const offer = await mutate<{ id: string }>(
        'proposeOffer',
        'mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id } }',
        {
          input: {
            dealId,
            version: 1,
            terms: { feeModel: 'ROYALTY', royaltyRateBp: 100, exclusivity: 'NON_EXCLUSIVE' },
          },
        },
        broker,
      );
      return { offerId: offer.id, version: 2 };
    },
    resultStatus: (id) => read('researchResult', id, 'status'),
    needStatus: (id) => read('techNeed', id, 'status'),
    dealState: (id) => read('deal', id, 'state'),
  };
}
