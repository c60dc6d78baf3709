import { INDEX_SETTINGS, OutboxRelay, SEARCH_CUTOFF_MS, SearchIndexer } from '@techmatch/search';
import { researcherAt } from '../catalogue/catalogue-fixtures.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { converged } from './search-support.js';

describe('search indexing through the outbox', () => {
  let api: TestApi;
  let researcher: string;

  beforeAll(async () => {
    api = await startTestApi({ SEARCH_RELAY: 'true' });
    researcher = await researcherAt(api.client, '河南科技大学');
    await converged(api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-demo-index: every published result and live need is a document, and nothing else', async () => {
    const indexer = api.app.get(SearchIndexer);
    const results = await indexer.index('results').getStats();
    const needs = await indexer.index('needs').getStats();
    const counts = await api.client.request<{
      researchResults: { totalCount: number };
      techNeeds: { totalCount: number };
    }>('{ researchResults(first: 1) { totalCount } techNeeds(first: 1) { totalCount } }');
    expect(results.numberOfDocuments).toBe(counts.data?.researchResults.totalCount);
    expect(needs.numberOfDocuments).toBe(counts.data?.techNeeds.totalCount);
  });

  it('successful-settings-as-code: each live index holds the code’s settings, the search cutoff among them', async () => {
    const indexer = api.app.get(SearchIndexer);
    for (const role of ['results', 'needs'] as const) {
      const live = await indexer.index(role).getSettings();
      expect(live.searchCutoffMs).toBe(SEARCH_CUTOFF_MS);
      expect(live).toMatchObject({
        searchCutoffMs: INDEX_SETTINGS[role].searchCutoffMs,
        rankingRules: INDEX_SETTINGS[role].rankingRules,
        searchableAttributes: INDEX_SETTINGS[role].searchableAttributes,
      });
    }
  });

  it('successful-follow-lifecycle: published results appear, archived ones leave, no confidential text', async () => {
    const created = await api.client.request<{ createResearchResult: { id: string } }>(
      `mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id } }`,
      {
        input: {
          title: '钼精矿低温焙烧脱硫新工艺',
          summary:
            '针对栾川钼精矿焙烧能耗高、二氧化硫排放大的问题，开发低温流态化焙烧与烟气制酸联产工艺。',
          confidentialDetail: '机密：焙烧温度 520℃，停留 35 min',
          fieldCodes: ['0806'],
          keywords: ['钼精矿', '焙烧', '脱硫'],
          trl: 6,
          stage: 'PILOT',
          modes: ['TRIAL_FIRST_LICENSE'],
        },
      },
      researcher,
    );
    const id = created.data?.createResearchResult.id ?? '';
    const index = api.app.get(SearchIndexer).index('results');
    const find = async () => (await index.search('钼精矿焙烧', { limit: 50 })).hits;

    await converged(api);
    expect((await find()).some((hit) => hit.id === id)).toBe(false); // a draft is not searchable

    await api.client.request(
      `mutation ($id: ID!) { publishResearchResult(id: $id) { id } }`,
      { id },
      researcher,
    );
    await converged(api);
    const hit = (await find()).find((candidate) => candidate.id === id);
    expect(hit).toBeDefined();
    expect(JSON.stringify(hit)).not.toContain('机密');

    await api.client.request(
      `mutation ($id: ID!) { archiveResearchResult(id: $id) { id } }`,
      { id },
      researcher,
    );
    await converged(api);
    expect((await find()).some((candidate) => candidate.id === id)).toBe(false);
  });

  it('successful-relay-drain: a drain with nothing pending does nothing', async () => {
    await converged(api);
    expect(await api.app.get(OutboxRelay).drain()).toBe(0);
  });

  const SEARCH = `query ($query: String!, $filter: ResultSearchFilter, $first: Int) {
    searchResults(query: $query, filter: $filter, first: $first) {
      totalHits
      hits { score highlights { title summary } result { id title trl status institution { nameZh } confidentialDetail } }
      facets { name values { value count } }
    }
  }`;

  interface SearchPage {
    searchResults: {
      totalHits: number;
      hits: Array<{
        score: number;
        highlights: { title: string; summary: string };
        result: { trl: number; status: string; confidentialDetail: string | null };
      }>;
      facets: Array<{ name: string; values: Array<{ value: string; count: number }> }>;
    };
  }

  it('successful-graphql-search: ranked hits with highlights and facets, only published, no confidential detail', async () => {
    const page = await api.client.request<SearchPage>(SEARCH, {
      query: '风电轴承 热处理',
      first: 10,
    });
    expect(page.errors).toBeUndefined();
    const found = page.data?.searchResults;
    expect(found?.totalHits).toBeGreaterThan(0);
    expect(
      found?.hits.every(
        (hit) => hit.result.status === 'PUBLISHED' && hit.result.confidentialDetail === null,
      ),
    ).toBe(true);
    expect(found?.facets.map((facet) => facet.name)).toEqual(
      expect.arrayContaining(['institutionKind', 'trl']),
    );
  });

  it('successful-filters: TRL range and modes hold on every hit', async () => {
    const page = await api.client.request<SearchPage>(SEARCH, {
      query: '材料',
      filter: { trlMin: 6, trlMax: 7, modes: ['TRIAL_FIRST_LICENSE'] },
      first: 50,
    });
    const hits = page.data?.searchResults.hits ?? [];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.result.trl >= 6 && hit.result.trl <= 7)).toBe(true);
  });

  it('successful-need-search: live needs only, with the enterprise, filtered by accepted TRL', async () => {
    const page = await api.client.request<{
      searchNeeds: {
        totalHits: number;
        hits: Array<{
          need: { status: string; minTrl: number | null; enterprise: { name: string } };
        }>;
      };
    }>(
      `query ($filter: NeedSearchFilter) {
        searchNeeds(query: "耐火材料 节能", filter: $filter, first: 20) {
          totalHits
          hits { score highlights { title description } need { status minTrl enterprise { name } } }
        }
      }`,
      { filter: { trl: 5 } },
    );
    expect(page.errors).toBeUndefined();
    const hits = page.data?.searchNeeds.hits ?? [];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => ['OPEN', 'MATCHING', 'IN_DEAL'].includes(hit.need.status))).toBe(
      true,
    );
    expect(hits.every((hit) => hit.need.minTrl === null || hit.need.minTrl <= 5)).toBe(true);
    expect(hits.every((hit) => hit.need.enterprise.name.length > 0)).toBe(true);
  });

  it('successful-synonyms: an English word finds Chinese results (robot → 机器人)', async () => {
    const page = await api.client.request<SearchPage>(SEARCH, { query: 'robot', first: 10 });
    const titles = page.data?.searchResults.hits.map((hit) => hit.highlights.title) ?? [];
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.some((title) => title.includes('机器人'))).toBe(true);
    // Highlights mark the synonym the engine matched, not only the word typed.
    expect(titles.some((title) => title.includes('<em>机器人</em>'))).toBe(true);
  });

  it('successful-facets: counted over every match, for the same words and filters as the hits', async () => {
    const page = await api.client.request<SearchPage>(SEARCH, {
      query: '材料',
      filter: { trlMin: 5 },
      first: 5,
    });
    expect(page.errors).toBeUndefined();
    const found = page.data?.searchResults;
    const kinds = found?.facets.find((facet) => facet.name === 'institutionKind');
    const trls = found?.facets.find((facet) => facet.name === 'trl');
    // Every result has one institution kind and one TRL: each facet's counts add up to the matches.
    const sum = (values: Array<{ count: number }> = []) =>
      values.reduce((total, value) => total + value.count, 0);
    expect(found?.totalHits).toBeGreaterThan(5);
    expect(sum(kinds?.values)).toBe(found?.totalHits);
    expect(sum(trls?.values)).toBe(found?.totalHits);
    expect(trls?.values.every((value) => Number(value.value) >= 5)).toBe(true);
  });

  it('successful-highlights: the words searched for are marked in the text as stored', async () => {
    const page = await api.client.request<SearchPage>(SEARCH, { query: '高温合金', first: 5 });
    const hits = page.data?.searchResults.hits ?? [];
    expect(hits.length).toBeGreaterThan(0);
    const marked = hits.map((hit) => `${hit.highlights.title} ${hit.highlights.summary}`);
    expect(marked.every((text) => /<em>[^<]*(高温|合金)[^<]*<\/em>/.test(text))).toBe(true);
    // Only <em> survives as markup: anything else in the text is escaped.
    expect(marked.every((text) => !/<(?!\/?em>)/.test(text))).toBe(true);
  });

  it.each([
    ['only punctuation', '！？。，、……——'],
    ['10,000 characters', '轴承'.repeat(5_000)],
    ['a filter injection', 'a" OR status = DRAFT'],
    ['an empty query', ''],
  ])('successful-hostile-query: %s gets an answer, not an error', async (_name, query) => {
    const page = await api.client.request<SearchPage>(SEARCH, { query, first: 5 });
    expect(page.errors).toBeUndefined();
    expect(page.data?.searchResults.hits.every((hit) => hit.result.status === 'PUBLISHED')).toBe(
      true,
    );
  });

  it('failing-filter-injection-in-codes: a code that is not a code is BAD_USER_INPUT', async () => {
    const page = await api.client.request(SEARCH, {
      query: '钼',
      filter: { fieldCodes: ['08" OR status = "DRAFT'] },
    });
    expect(page.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('successful-sort-newest: NEWEST orders hits by publication time, newest first', async () => {
    const page = await api.client.request<{
      searchResults: { hits: Array<{ result: { publishedAt: string } }> };
    }>(
      '{ searchResults(query: "材料", sort: NEWEST, first: 20) { hits { result { publishedAt } } } }',
    );
    const times = page.data?.searchResults.hits.map((hit) => Date.parse(hit.result.publishedAt));
    expect(times?.length).toBeGreaterThan(1);
    expect(times).toEqual([...(times ?? [])].sort((a, b) => b - a));
  });

  const STATUS = `{ searchStatus { relay { pending parked lagSeconds }
    indexes { role documents isIndexing } parked { id } } }`;

  it('successful-search-status: brokers see relay backlog, lag and index sizes', async () => {
    await converged(api);
    const broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    const status = await api.client.request<{
      searchStatus: {
        relay: { pending: number; parked: number; lagSeconds: number };
        indexes: Array<{ role: string; documents: number }>;
      };
    }>(STATUS, {}, broker);
    expect(status.errors).toBeUndefined();
    expect(status.data?.searchStatus.relay).toEqual({ pending: 0, parked: 0, lagSeconds: 0 });
    const results = await api.app.get(SearchIndexer).index('results').getStats();
    expect(status.data?.searchStatus.indexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'results', documents: results.numberOfDocuments }),
      ]),
    );
  });

  it('failing-search-status-anonymous: refused without a broker or admin login', async () => {
    const status = await api.client.request(STATUS);
    expect(status.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
