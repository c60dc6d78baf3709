/**
 * The service as `npm start` runs it, in a process of its own (so that its memory can be read from
 * /proc apart from the load generator's): the compiled main.js, no DATABASE_URL or MEILI_URL, so it
 * starts its embedded PostgreSQL and Meilisearch under DATA_DIR and loads the demo data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** main.js as build:tools compiled it, beside this file's own output. */
const MAIN = new URL('../../../apps/api/src/main.js', import.meta.url).pathname;

export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  home: string;
  dataDir: string;
  /** stderr and stdout lines (warnings and errors only: LOG_LEVEL=warn). */
  lines: string[];
  /** The inspector's WebSocket URL, when started with `inspect`. */
  inspectorUrl?: string;
  stop(): Promise<void>;
}

export interface ApiOptions {
  port: number;
  env: Record<string, string>;
  /** Open the inspector (for CPU profiles taken per scenario). */
  inspect: boolean;
}

export async function startApiProcess(options: ApiOptions): Promise<ApiProcess> {
  const home = await mkdtemp(join(tmpdir(), 'techmatch-load-'));
  // PostgreSQL runs as `postgres` when the bench runs as root, and must reach its folder.
  await chmod(home, 0o755);
  // Outside production main.js writes the schema to ./apps/api/schema.gql: here, not the checkout's.
  await mkdir(join(home, 'apps/api'), { recursive: true });
  const dataDir = join(home, '.data');
  const child = spawn(
    process.execPath,
    [
      // An unhandled rejection is reported, not fatal, so the run can count them (expected: 0).
      '--unhandled-rejections=warn',
      ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
      MAIN,
    ],
    {
      cwd: home,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(options.port),
        DATA_DIR: dataDir,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let inspectorUrl: string | undefined;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
    });
  }
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (!exited) {
      // main.js stops the API, then PostgreSQL and Meilisearch, on SIGTERM.
      child.kill('SIGTERM');
      await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (!exited) child.kill('SIGKILL');
    }
    await rm(home, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(baseUrl, () => exited, lines);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    child,
    pid: child.pid ?? 0,
    baseUrl,
    home,
    dataDir,
    lines,
    get inspectorUrl() {
      return inspectorUrl;
    },
    stop,
  };
}

async function waitForHealth(baseUrl: string, exited: () => boolean, lines: string[]) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the API exited:\n${lines.slice(-20).join('\n')}`);
    const ok = await fetch(`${baseUrl}/health`)
      .then((response) => response.status < 500)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not answer /health in 180 s:\n${lines.slice(-20).join('\n')}`);
}

export interface ProcessMemory {
  pid: number;
  name: string;
  /** Resident set size, bytes (VmRSS): anonymous + file-backed + shared memory pages. */
  rss: number;
  rssAnon: number;
  /** Pages of mapped files (Meilisearch maps its LMDB index files): page cache, reclaimable. */
  rssFile: number;
  rssShmem: number;
  /** Proportional set size, bytes: shared pages divided among the processes that map them. */
  pss: number;
}

/** A process and all its descendants (PostgreSQL's backends, Meilisearch), read from /proc. */
export async function processTree(rootPid: number): Promise<ProcessMemory[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The name is in parentheses and may hold spaces: the parent pid comes after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isFinite(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const pids: number[] = [];
  const visit = (pid: number): void => {
    pids.push(pid);
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  const memory = await Promise.all(pids.map(processMemory));
  return memory.filter((entry): entry is ProcessMemory => entry !== null);
}

export async function processMemory(pid: number): Promise<ProcessMemory | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const field = (text: string, name: string): number =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    return {
      pid,
      name: /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?',
      rss: field(status, 'VmRSS'),
      rssAnon: field(status, 'RssAnon'),
      rssFile: field(status, 'RssFile'),
      rssShmem: field(status, 'RssShmem'),
      pss: field(rollup, 'Pss'),
    };
  } catch {
    return null; // it ended meanwhile (a PostgreSQL backend, say)
  }
}

export const mib = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;
