import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { errorCode, GraphQLClient } from '../utils/graphql-client.js';

/**
 * The service as users run it: the compiled main.js (what `npm start` runs after its build step),
 * with no DATABASE_URL or MEILI_URL, so it starts its own PostgreSQL and Meilisearch.
 */
const MAIN = new URL('../../dist/apps/api/src/main.js', import.meta.url).pathname;

interface Started {
  child: ChildProcess;
  baseUrl: string;
  lines: string[];
  readyAfterMs: number;
}

function baseEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Spawns main.js and waits for its "ready at" log line, which names the port it chose. */
function startService(cwd: string, env: Record<string, string>): Promise<Started> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: baseEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready after 60 s:\n${lines.join('\n')}`)),
      60_000,
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${lines.join('\n')}`));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const ready = /ready at (http:\/\/localhost:\d+)\/graphql/.exec(line);
        if (ready?.[1]) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve({ child, baseUrl: ready[1], lines, readyAfterMs: Date.now() - startedAt });
        }
      });
    }
  });
}

function stopService(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const childPid = async (file: string): Promise<number> =>
  Number.parseInt((await readFile(file, 'utf8')).split('\n')[1] ?? '', 10);

describe('the service process on its embedded defaults', () => {
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'techmatch-process-'));
    await chmod(home, 0o755);
  });

  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('successful-cold-and-warm-start: serves GraphQL, keeps its data, and leaves no process behind', async () => {
    const env = { PORT: '0', DATA_DIR: join(home, '.data') };

    const cold = await startService(home, env);
    const client = new GraphQLClient(cold.baseUrl);
    expect(errorCode(await client.request('{ me { id } }'))).toBe('UNAUTHENTICATED');
    await expect(client.login('broker@demo.techmatch.cn', 'Demo-Broker-2026')).resolves.toEqual(
      expect.any(String),
    );
    expect(cold.lines.some((line) => line.includes('Demo data loaded'))).toBe(true);

    const postgresPid = await childPid(join(home, '.data/postgres/techmatch-postgres.pid'));
    const meiliPid = await childPid(join(home, '.data/meilisearch/techmatch-meilisearch.pid'));
    expect(alive(postgresPid) && alive(meiliPid)).toBe(true);
    expect(await stopService(cold.child, 'SIGINT')).toBe(0);
    expect([alive(postgresPid), alive(meiliPid)]).toEqual([false, false]);

    // A second start reuses the data: no demo data to load, the same accounts work.
    const warm = await startService(home, env);
    const again = new GraphQLClient(warm.baseUrl);
    await expect(again.login('broker@demo.techmatch.cn', 'Demo-Broker-2026')).resolves.toEqual(
      expect.any(String),
    );
    expect(warm.lines.some((line) => line.includes('Demo data loaded'))).toBe(false);
    expect(await stopService(warm.child, 'SIGTERM')).toBe(0);
    process.stdout.write(
      `service start: cold ${cold.readyAfterMs} ms, warm ${warm.readyAfterMs} ms\n`,
    );
  });

  it('failing-config: a bad PORT stops the process with one line naming PORT', async () => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: home,
      env: baseEnvironment({ PORT: 'eighty', DATA_DIR: join(home, 'unused') }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      'techmatch: Invalid configuration: PORT must be an integer number (got "eighty")',
    );
  });
});
