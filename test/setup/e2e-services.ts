/**
 * How the e2e workers find the PostgreSQL and Meilisearch that global-setup started: through
 * environment variables, the one channel Jest passes from its parent process to its workers.
 */
export const E2E_ENV = {
  adminUrl: 'TECHMATCH_E2E_POSTGRES_ADMIN_URL',
  meiliUrl: 'TECHMATCH_E2E_MEILI_URL',
  meiliKey: 'TECHMATCH_E2E_MEILI_KEY',
  dataDir: 'TECHMATCH_E2E_DATA_DIR',
} as const;

export function e2eSetting(name: keyof typeof E2E_ENV): string {
  const value = process.env[E2E_ENV[name]];
  if (!value)
    throw new Error(`${E2E_ENV[name]} is not set: run the e2e specs through jest (npm test)`);
  return value;
}
