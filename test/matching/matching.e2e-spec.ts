import { Match, MatchEngine } from '@techmatch/matching';
import { DataSource } from 'typeorm';
import { errorCode } from '../utils/graphql-client.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { enterpriseIn, researcherAt } from '../catalogue/catalogue-fixtures.js';
import {
  createPublishedNeed,
  createPublishedResult,
  MATCH_FIELDS,
  type MatchView,
  settle,
  skipDemoMatching,
} from './matching-fixtures.js';

const RESULT = {
  title: '航空发动机高温合金涡轮叶片精密铸造技术',
  summary: '面向航空发动机与燃气轮机，开发镍基高温合金涡轮叶片定向凝固精密铸造与陶瓷型芯工艺。',
  fieldCodes: ['0805'],
  keywords: ['高温合金', '涡轮叶片', '精密铸造'],
  trl: 4,
  stage: 'PILOT',
  modes: ['TRIAL_FIRST_LICENSE'],
  priceMinYuan: 800_000,
  priceMaxYuan: 1_200_000,
};

const NEED = {
  title: '高温合金涡轮叶片精密铸造工艺需求',
  description: '企业拟建设燃气轮机涡轮叶片生产线，需要高温合金精密铸造技术。',
  problem: '叶片定向凝固合格率低，陶瓷型芯易断裂。',
  fieldCodes: ['0805'],
  keywords: ['高温合金', '涡轮叶片', '精密铸造'],
  minTrl: 6,
  budgetMaxYuan: 500_000,
  modes: ['LICENSE'],
};

describe('matching: explainable need↔result scores', () => {
  let api: TestApi;
  let researcher: string;
  let otherResearcher: string;
  let enterprise: { token: string; enterpriseId: string };
  let otherEnterprise: { token: string; enterpriseId: string };
  let broker: string;
  let resultId: string;
  let needId: string;

  const forNeed = async (token: string, statuses?: string[]) =>
    api.client.request<{
      matchesForNeed: { totalCount: number; edges: Array<{ node: MatchView }> };
    }>(
      `query ($needId: ID!, $statuses: [MatchStatus!]) {
         matchesForNeed(needId: $needId, first: 20, statuses: $statuses) {
           totalCount edges { node { ${MATCH_FIELDS} } } } }`,
      { needId, statuses },
      token,
    );
  const pairOf = async (statuses?: string[]): Promise<MatchView | undefined> =>
    (await forNeed(broker, statuses)).data?.matchesForNeed.edges
      .map((edge) => edge.node)
      .find((match) => match.result.id === resultId);
  const setStatus = (token: string, matchId: string, status: string, note?: string) =>
    api.client.request<{ setMatchStatus: MatchView }>(
      `mutation ($input: SetMatchStatusInput!) { setMatchStatus(input: $input) { ${MATCH_FIELDS} } }`,
      { input: { matchId, status, note } },
      token,
    );

  beforeAll(async () => {
    api = await startTestApi();
    await skipDemoMatching(api);
    researcher = await researcherAt(api.client, '河南科技大学'); // 洛龙区: an urban district
    otherResearcher = await researcherAt(api.client, '洛阳理工学院');
    enterprise = await enterpriseIn(api.client, '410323'); // 新安县: a county
    otherEnterprise = await enterpriseIn(api.client, '410323');
    broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    resultId = await createPublishedResult(api.client, researcher, RESULT);
    needId = await createPublishedNeed(api.client, enterprise.token, NEED);
    await settle(api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-hand-built-factors: TRL below the minimum, out of budget, trial-first as a licence, county eligibility', async () => {
    const match = await pairOf();
    expect(match).toBeDefined();
    const factor = (kind: string) => match?.factors.find((f) => f.kind === kind);
    expect(factor('FIELD')?.value).toBe(1);
    expect(factor('TRL')?.value).toBeCloseTo(1 - 2 * 0.3, 5);
    expect(factor('TRL')?.reasonZh).toContain('低于需求最低要求 6');
    expect(factor('PRICE')?.value).toBeCloseTo(1 - 300_000 / 500_000, 5);
    expect(factor('PRICE')?.reasonEn).toContain('60% over the budget');
    expect(factor('MODE')?.value).toBe(1);
    expect(factor('GEOGRAPHY')?.value).toBe(1);
    expect(factor('GEOGRAPHY')?.reasonZh).toContain('市研县产');
    expect(match?.programmeEligible).toBe(true);
    expect(match?.matchedTerms).toEqual(expect.arrayContaining(['高温', '合金', '涡轮', '叶片']));
    // The score is the weighted mean of the factors, each one's share reported.
    const weights = match?.factors.reduce((sum, f) => sum + f.weight, 0) ?? 0;
    const mean = (match?.factors ?? []).reduce((sum, f) => sum + f.weight * f.value, 0) / weights;
    expect(match?.score).toBeCloseTo(mean, 6);
    expect(match?.score).toBeGreaterThan(0);
    expect(match?.score).toBeLessThanOrEqual(1);
    expect(match?.rank).toBe(1);
  });

  it('successful-recompute-on-change: a need edited to accept TRL 4 is re-scored through the outbox', async () => {
    const before = await pairOf();
    const need = await api.client.request<{ techNeed: { version: number } }>(
      'query ($id: ID!) { techNeed(id: $id) { version } }',
      { id: needId },
      enterprise.token,
    );
    const updated = await api.client.request(
      'mutation ($input: UpdateNeedInput!) { updateTechNeed(input: $input) { id } }',
      { input: { id: needId, version: need.data?.techNeed.version, minTrl: 4 } },
      enterprise.token,
    );
    expect(updated.errors).toBeUndefined();
    await settle(api);
    const after = await pairOf();
    expect(after?.factors.find((f) => f.kind === 'TRL')?.value).toBe(1);
    expect(after?.score).toBeGreaterThan(before?.score ?? 1);
  });

  it('successful-status-survives-recompute: a shortlisted pair keeps its status and note', async () => {
    const match = await pairOf();
    const shortlisted = await setStatus(broker, match?.id ?? '', 'SHORTLISTED', '值得约谈');
    expect(shortlisted.errors).toBeUndefined();
    const rematched = await api.client.request<{
      rematchNeed: Array<{ id: string; status: string }>;
    }>(
      'mutation ($needId: ID!) { rematchNeed(needId: $needId) { id status } }',
      { needId },
      broker,
    );
    expect(rematched.data?.rematchNeed.find((m) => m.id === match?.id)?.status).toBe('SHORTLISTED');
    const after = await pairOf();
    expect(after).toMatchObject({ status: 'SHORTLISTED', statusNote: '值得约谈' });
    expect(after?.statusChanges).toEqual([
      { fromStatus: 'SUGGESTED', toStatus: 'SHORTLISTED', note: '值得约谈' },
    ]);
  });

  it('successful-answer-as-stored: the top K a recomputation answers with (built from its upsert) equals the rows read back', async () => {
    const outcome = await api.app.get(MatchEngine).rematchNeed(needId);
    expect(outcome.top.length).toBeGreaterThan(0);
    const stored = await api.app
      .get(DataSource)
      .getRepository(Match)
      .find({ where: { needId }, order: { rank: 'ASC' } });
    expect(outcome.top).toEqual(stored.filter((match) => match.rank !== null));
    expect(outcome.top.map((match) => match.rank)).toEqual(
      outcome.top.map((_, index) => index + 1),
    );
  });

  it('successful-dismissed-stays-out: a dismissed pair is not suggested again until a side changes materially', async () => {
    const match = await pairOf();
    await setStatus(enterprise.token, match?.id ?? '', 'DISMISSED', '预算不够');
    await api.client.request(
      'mutation ($needId: ID!) { rematchNeed(needId: $needId) { id } }',
      { needId },
      broker,
    );
    expect(await pairOf()).toBeUndefined();
    expect((await pairOf(['DISMISSED']))?.status).toBe('DISMISSED');

    // Re-publishing without a material change keeps it dismissed; a lower price brings it back.
    const result = await api.client.request<{ researchResult: { version: number } }>(
      'query ($id: ID!) { researchResult(id: $id) { version } }',
      { id: resultId },
      researcher,
    );
    await api.client.request(
      'mutation ($input: UpdateResultInput!) { updateResearchResult(input: $input) { id } }',
      {
        input: {
          id: resultId,
          version: result.data?.researchResult.version,
          priceMinYuan: 400_000,
        },
      },
      researcher,
    );
    await settle(api);
    const back = await pairOf();
    expect(back?.status).toBe('SUGGESTED');
    expect(back?.statusChanges.at(-1)).toMatchObject({
      fromStatus: 'DISMISSED',
      toStatus: 'SUGGESTED',
    });
    expect(back?.factors.find((f) => f.kind === 'PRICE')?.value).toBe(1);
  });

  it('successful-visibility-researcher: researchers of the institution see the matched need, without the enterprise contact', async () => {
    const seen = await api.client.request<{
      matchesForResult: { edges: Array<{ node: MatchView }> };
    }>(
      `query ($resultId: ID!) { matchesForResult(resultId: $resultId) { edges { node { ${MATCH_FIELDS} } } } }`,
      { resultId },
      researcher,
    );
    expect(seen.errors).toBeUndefined();
    const match = seen.data?.matchesForResult.edges.find((edge) => edge.node.need.id === needId);
    expect(match?.node.need.title).toBe(NEED.title);
    expect(match?.node.need.enterprise.contactPhone).toBeNull();
  });

  it.each([
    ['another enterprise', () => otherEnterprise.token, 'matchesForNeed', 'FORBIDDEN'],
    ['a researcher', () => researcher, 'matchesForNeed', 'FORBIDDEN'],
    ['anonymous', () => '', 'matchesForNeed', 'UNAUTHENTICATED'],
    ['another institution', () => otherResearcher, 'matchesForResult', 'FORBIDDEN'],
    ['an enterprise', () => enterprise.token, 'matchesForResult', 'FORBIDDEN'],
  ])('failing-visibility: %s cannot read %s', async (_who, token, query, code) => {
    const response =
      query === 'matchesForNeed'
        ? await api.client.request(
            'query ($id: ID!) { matchesForNeed(needId: $id) { totalCount } }',
            { id: needId },
            token() || undefined,
          )
        : await api.client.request(
            'query ($id: ID!) { matchesForResult(resultId: $id) { totalCount } }',
            { id: resultId },
            token() || undefined,
          );
    expect(errorCode(response)).toBe(code);
    expect(response.data ?? null).toBeNull();
  });

  it('failing-status-changes: only brokers and the need’s enterprise, and IN_DEAL is not the enterprise’s to set', async () => {
    const match = await pairOf();
    const id = match?.id ?? '';
    expect(errorCode(await setStatus(otherEnterprise.token, id, 'SHORTLISTED'))).toBe('FORBIDDEN');
    expect(errorCode(await setStatus(researcher, id, 'SHORTLISTED'))).toBe('FORBIDDEN');
    expect(errorCode(await setStatus(enterprise.token, id, 'IN_DEAL'))).toBe('FORBIDDEN');
    expect(errorCode(await setStatus(broker, id, 'CONTACTED', 'x'.repeat(1_001)))).toBe(
      'BAD_USER_INPUT',
    );
    expect((await pairOf())?.status).toBe('SUGGESTED'); // none of it was written
    const contacted = await setStatus(enterprise.token, id, 'CONTACTED', '已电话联系');
    expect(contacted.data?.setMatchStatus.status).toBe('CONTACTED');
  });

  it('successful-deal-opened: opening a deal on the pair moves its match to IN_DEAL, in the deal’s transaction', async () => {
    const opened = await api.client.request<{ openDeal: { id: string } }>(
      `mutation ($input: OpenDealInput!) { openDeal(input: $input) { id } }`,
      {
        input: {
          kind: 'JOINT_DEVELOPMENT',
          title: '高温合金叶片联合攻关',
          needId,
          resultId,
          patentIds: [],
        },
      },
      broker,
    );
    expect(opened.errors).toBeUndefined();
    const match = await pairOf(['IN_DEAL']);
    expect(match?.status).toBe('IN_DEAL');
    expect(match?.statusChanges.at(-1)).toMatchObject({ toStatus: 'IN_DEAL' });
  });
});
