import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { e2eSetting } from '../setup/e2e-services.js';

/** A fresh, empty database on the run's PostgreSQL, for one spec file (migrated by the app). */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  const adminUrl = e2eSetting('adminUrl');
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    drop: async () => {
      await withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
