import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { validateEnvironment } from './validate-environment.js';
import type { Environment } from './environment.js';

/** Variables from `./.env`, if there is one; real environment variables take precedence. */
function dotenv(path = '.env'): Record<string, string> {
  return existsSync(path) ? (parseEnv(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

/**
 * The one place that reads `process.env`. The API (main.ts) and the command-line tools start here;
 * the validated result is what `@nestjs/config`'s ConfigService then serves to everything else.
 */
export function loadEnvironment(overrides: Record<string, string> = {}): Environment {
  // eslint-disable-next-line no-restricted-properties -- this is the designated reader
  return validateEnvironment({ ...dotenv(), ...process.env, ...overrides });
}
