import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Secrets the embedded set-up invents for itself, kept in DATA_DIR so restarts keep working. */
export interface DevSecrets {
  postgresPassword: string;
  meiliMasterKey: string;
  jwtSecret: string;
}

const FILE = 'dev-secrets.json';

const fresh = (): DevSecrets => ({
  postgresPassword: randomBytes(18).toString('base64url'),
  meiliMasterKey: randomBytes(24).toString('base64url'),
  jwtSecret: randomBytes(48).toString('base64url'),
});

/**
 * Reads DATA_DIR/dev-secrets.json, creating it (mode 600) on first use. Only the embedded defaults
 * use it; production configuration passes real secrets through the environment instead.
 */
export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const path = join(dataDir, FILE);
  try {
    return { ...fresh(), ...(JSON.parse(await readFile(path, 'utf8')) as Partial<DevSecrets>) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets = fresh();
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      // Another process created it first: use theirs.
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return JSON.parse(await readFile(path, 'utf8')) as DevSecrets;
}
