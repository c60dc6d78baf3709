import { SearchIndexer } from '@techmatch/search';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { runCli } from '../utils/run-cli.js';
import { drainSearch } from './search-support.js';

describe('search maintenance: npm run cli -- search:verify | reindex', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await drainSearch(api);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-verify-clean: a converged index verifies clean (exit 0)', async () => {
    const run = await runCli(api, ['search:verify']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('clean');
    expect(run.code).toBe(0);
  });

  it('failing-verify-divergence: names missing, stale and extra ids (exit 1); reindex repairs them without a gap', async () => {
    const index = api.app.get(SearchIndexer).index('results');
    const { results } = await index.getDocuments<{ id: string; title: string }>({ limit: 2 });
    const [missing, stale] = results;
    if (!missing || !stale) throw new Error('the demo data should give at least two documents');
    const extra = '00000000-0000-4000-8000-000000000abc';
    await index.deleteDocument(missing.id).waitTask();
    await index.updateDocuments([{ id: stale.id, title: '被改过的标题' }]).waitTask();
    await index.addDocuments([{ ...stale, id: extra }]).waitTask();

    const dirty = await runCli(api, ['search:verify', '--no-drain']);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(new RegExp(`missing 1: ${missing.id}`));
    expect(dirty.stdout).toMatch(new RegExp(`stale +1: ${stale.id}`));
    expect(dirty.stdout).toMatch(new RegExp(`extra +1: ${extra}`));

    // Searches keep answering with hits while the index is rebuilt and swapped. Signed in, so that
    // each one reaches the engine (anonymous repeats come from the public-read cache).
    const broker = await api.client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026');
    let searching = true;
    const emptyAnswers: number[] = [];
    let answers = 0;
    const searcher = (async () => {
      while (searching) {
        const page = await api.client.request<{ searchResults: { totalHits: number } }>(
          '{ searchResults(query: "材料", first: 1) { totalHits } }',
          {},
          broker,
        );
        answers += 1;
        if (!page.data || page.data.searchResults.totalHits === 0) emptyAnswers.push(answers);
      }
    })();
    const rebuilt = await runCli(api, ['reindex', 'all']);
    searching = false;
    await searcher;
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/results: \d+ documents .* swapped into/);
    expect(answers).toBeGreaterThan(5);
    expect(emptyAnswers).toEqual([]);

    const clean = await runCli(api, ['search:verify', '--no-drain']);
    expect(clean.stdout).toContain('clean');
    expect(clean.code).toBe(0);
  });

  it('failing-cli-usage: an unknown index is refused with the choices', async () => {
    const run = await runCli(api, ['reindex', 'patents']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Allowed choices are results, needs, all');
  });
});
