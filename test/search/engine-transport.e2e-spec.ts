import { randomBytes } from 'node:crypto';
import {
  engineError,
  isSearchUnavailable,
  MEILISEARCH,
  MeilisearchTransport,
} from '@techmatch/search';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { startTestApi, type TestApi } from '../utils/test-api.js';

/**
 * The Meilisearch client speaks over MeilisearchTransport (undici), and the client wraps whatever
 * a custom transport throws. The relay must still tell a document's fault (the engine's 4xx:
 * park it) from an engine that is not there (retry, park nothing), on the real engine.
 */
describe('Meilisearch transport', () => {
  let api: TestApi;
  let meili: Meilisearch;

  beforeAll(async () => {
    api = await startTestApi();
    meili = api.app.get<Meilisearch>(MEILISEARCH);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-round-trip: settings, a document and a search over the transport', async () => {
    const uid = `transport_${randomBytes(4).toString('hex')}`;
    const task = await meili
      .index(uid)
      .addDocuments([{ id: 'a1', title: '高温合金叶片' }], { primaryKey: 'id' })
      .waitTask();
    expect(task.status).toBe('succeeded');
    const found = await meili.index(uid).search('合金叶片', { attributesToRetrieve: ['id'] });
    expect(found.hits).toEqual([{ id: 'a1' }]);
    await meili.deleteIndex(uid).waitTask();
  });

  it('failing-engine-refusal: a 4xx is the engine’s own error, not an outage', async () => {
    const refusal = await meili
      .index('no_such_index_here')
      .search('x', { filter: 'nowhere = 1' })
      .catch((error: unknown) => error);
    expect(isSearchUnavailable(refusal)).toBe(false);
    const answered = engineError(refusal);
    expect(answered).toBeInstanceOf(MeilisearchApiError);
    expect((answered as MeilisearchApiError).response.status).toBe(404);
    expect((answered as MeilisearchApiError).cause?.code).toBe('index_not_found');
  });

  it('failing-engine-away: nothing listening is an outage', async () => {
    const away = new Meilisearch({
      host: 'http://127.0.0.1:9',
      httpClient: api.app.get(MeilisearchTransport).send,
    });
    const failure = await away.health().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isSearchUnavailable(failure)).toBe(true);
  });
});
