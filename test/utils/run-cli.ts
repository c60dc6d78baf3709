import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { TestApi } from './test-api.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built command-line tool (dist/apps/cli, built by `npm test`'s pretest) as its own
 * process, against the same database, Meilisearch and index prefix as a test API.
 */
export function runCli(api: TestApi, args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(process.cwd(), 'dist/apps/cli/src/main.js'), ...args],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: api.databaseUrl,
          MEILI_URL: api.env.MEILI_URL,
          MEILI_MASTER_KEY: api.env.MEILI_MASTER_KEY,
          MEILI_INDEX_PREFIX: api.env.MEILI_INDEX_PREFIX,
          JWT_SECRET: api.env.JWT_SECRET,
          DATA_DIR: api.env.DATA_DIR,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
