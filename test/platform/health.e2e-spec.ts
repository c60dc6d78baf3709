import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, startEmbeddedMeilisearch } from '@techmatch/dev-services';
import { startTestApi, type TestApi } from '../utils/test-api.js';

interface HealthBody {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

const MASTER_KEY = '-health-spec-master-key';

describe('GET /health', () => {
  let api: TestApi;
  let meili: RunningService;
  let meiliDir: string;

  beforeAll(async () => {
    // A Meilisearch of this spec's own, so that stopping it disturbs no other spec.
    // The key starts with "-" on purpose: random dev keys sometimes do, and such a key once
    // reached Meilisearch as a flag and stopped it from starting.
    meiliDir = await mkdtemp(join(tmpdir(), 'techmatch-health-'));
    await chmod(meiliDir, 0o755);
    meili = await startEmbeddedMeilisearch({
      dir: meiliDir,
      masterKey: MASTER_KEY,
      log: () => undefined,
    });
    api = await startTestApi({ MEILI_URL: meili.url, MEILI_MASTER_KEY: MASTER_KEY });
  });

  afterAll(async () => {
    await api.close();
    await meili.stop();
    await rm(meiliDir, { recursive: true, force: true });
  });

  const health = async (): Promise<{ status: number; body: HealthBody }> => {
    const response = await fetch(`${api.baseUrl}/health`);
    return { status: response.status, body: (await response.json()) as HealthBody };
  };

  it('successful-embedded-meilisearch: a master key that starts with "-" is enforced', async () => {
    expect((await fetch(`${meili.url}/indexes`)).status).toBe(401);
    const authorised = await fetch(`${meili.url}/indexes`, {
      headers: { Authorization: `Bearer ${MASTER_KEY}` },
    });
    expect(authorised.status).toBe(200);
  });

  it('successful-health: 200 with PostgreSQL and Meilisearch reported separately', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.info?.postgres?.status).toBe('up');
    expect(body.info?.meilisearch?.status).toBe('up');
    expect(body.info?.searchRelay).toEqual(
      expect.objectContaining({
        status: 'up',
        pending: expect.any(Number),
        lagSeconds: expect.any(Number),
      }),
    );
  });

  it('failing-meilisearch-down: 503, Meilisearch down, PostgreSQL still up', async () => {
    await meili.stop();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe('error');
    expect(body.error?.meilisearch?.status).toBe('down');
    expect(body.info?.postgres?.status).toBe('up');
  });
});
