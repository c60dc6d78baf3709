import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startEmbeddedMeilisearch } from '@techmatch/dev-services';
import { SearchVerifier } from '@techmatch/search';
import { researcherAt } from '../catalogue/catalogue-fixtures.js';
import type { GraphQLResponse } from '../utils/graphql-client.js';
import { runCli } from '../utils/run-cli.js';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';
import { converged } from './search-support.js';

const MASTER_KEY = 'fault-spec-master-key';
const CHAINS = 500; // each: create, publish, update, then archive or update again = 2,000 writes
const CONCURRENCY = 8;

/**
 * Meilisearch is killed (SIGKILL) in the middle of a burst of 2,000 catalogue writes and restarted
 * on the same data and port later. The API must keep taking writes meanwhile, and once the relay
 * has caught up the index must equal Postgres exactly.
 */
describe('search survives a Meilisearch crash during a write burst', () => {
  let api: TestApi;
  let meili: RunningService;
  let meiliDir: string;
  let port: number;
  let researcher: string;

  const startMeili = async (fixedPort?: number): Promise<RunningService> =>
    startEmbeddedMeilisearch({
      dir: meiliDir,
      masterKey: MASTER_KEY,
      log: () => undefined,
      port: fixedPort,
    });

  beforeAll(async () => {
    meiliDir = await mkdtemp(join(tmpdir(), 'techmatch-fault-'));
    await chmod(meiliDir, 0o755);
    meili = await startMeili();
    port = Number(new URL(meili.url).port);
    api = await startTestApi({
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: MASTER_KEY,
      SEARCH_RELAY: 'true',
    });
    researcher = await researcherAt(api.client, '河南科技大学');
    await converged(api);
  });

  afterAll(async () => {
    await api.close();
    await meili.stop();
    await rm(meiliDir, { recursive: true, force: true });
  });

  it('successful-converge-after-crash: every write answered while down, index equals Postgres after restart', async () => {
    const failures: string[] = [];
    let writes = 0;
    let writesWhileDown = 0;
    let down = false;
    const write = async (query: string, variables: Record<string, unknown>) => {
      const response: GraphQLResponse<Record<string, { id: string; version: number }>> =
        await api.client.request(query, variables, researcher);
      writes += 1;
      if (down) writesWhileDown += 1;
      if (response.errors) failures.push(JSON.stringify(response.errors[0]));
      return Object.values(response.data ?? {})[0] ?? { id: '', version: 0 };
    };

    const chain = async (n: number): Promise<void> => {
      const { id } = await write(
        `mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id version } }`,
        {
          input: {
            title: `故障测试成果 ${n} 号：工业机器人关节减速器`,
            summary: `第 ${n} 项：面向县域装备制造企业的谐波减速器精密加工与装配工艺。`,
            fieldCodes: ['0802'],
            keywords: ['减速器', `批次${n}`],
            trl: 5,
            stage: 'PILOT',
            modes: ['LICENSE'],
          },
        },
      );
      const published = await write(
        `mutation ($id: ID!) { publishResearchResult(id: $id) { id version } }`,
        { id },
      );
      const update = (version: number, title: string) =>
        write(
          `mutation ($input: UpdateResultInput!) { updateResearchResult(input: $input) { id version } }`,
          { input: { id, version, title } },
        );
      const revised = await update(published.version, `故障测试成果 ${n} 号（修订）`);
      if (n % 2 === 0)
        await write(`mutation ($id: ID!) { archiveResearchResult(id: $id) { id version } }`, {
          id,
        });
      else await update(revised.version, `故障测试成果 ${n} 号（第二次修订）`);
    };

    // Kill Meilisearch a quarter of the way in; bring it back at three quarters.
    const started = Date.now();
    const crash = (async () => {
      while (writes < CHAINS) await sleep(20);
      process.kill(meili.pid, 'SIGKILL');
      down = true;
      while (writes < 3 * CHAINS) await sleep(20);
      meili = await startMeili(port);
      down = false;
    })();

    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CHAINS) await chain(next++);
      }),
    );
    await crash;

    expect(failures).toEqual([]);
    expect(writes).toBe(4 * CHAINS);
    expect(writesWhileDown).toBeGreaterThan(500);

    const wroteMs = Date.now() - started;
    await converged(api, 120_000);
    process.stdout.write(
      `fault test: ${writes} writes in ${wroteMs} ms (${writesWhileDown} while down), ` +
        `converged ${Date.now() - started - wroteMs} ms later\n`,
    );
    const verifier = api.app.get(SearchVerifier);
    for (const role of ['results', 'needs'] as const) {
      const report = await verifier.verify(role);
      expect({ role, missing: report.missing, stale: report.stale, extra: report.extra }).toEqual({
        role,
        missing: [],
        stale: [],
        extra: [],
      });
      expect(report.indexed).toBe(report.expected);
    }

    // The outage was no document's fault: nothing parked, no attempt spent.
    const outbox = await withClient(api.databaseUrl, async (client) => {
      const { rows } = await client.query<{ parked: number; attempts: number }>(
        `SELECT count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
                COALESCE(max(attempts), 0)::int AS attempts FROM outbox_events`,
      );
      return rows[0];
    });
    expect(outbox).toEqual({ parked: 0, attempts: 0 });

    const cli = await runCli(api, ['search:verify']);
    expect(cli.stdout).toContain('clean');
    expect(cli.code).toBe(0);
    // 8,000 writes, an outage and a catch-up: minutes on a busy two-core machine.
  }, 300_000);
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
