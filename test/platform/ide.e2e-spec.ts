import { startTestApi, type TestApi } from '../utils/test-api.js';

describe('the GraphQL IDE at /graphql', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ DEMO_DATA: 'false' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-offline-ide: a browser gets Altair, and every asset it names is served locally', async () => {
    const page = await fetch(`${api.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<app-root');

    expect(html).toContain('<base href="/graphql-ide/">');
    const assets = [...html.matchAll(/<(?!base)[^>]*\b(?:src|href)="([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      // Nothing from a CDN: the IDE must work on a machine without internet access.
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const url = new URL(asset, `${api.baseUrl}/graphql-ide/`);
      expect((await fetch(url)).status).toBe(200);
    }
  });

  it('successful-api-clients-unaffected: a JSON GET query still reaches GraphQL', async () => {
    const response = await fetch(
      `${api.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
