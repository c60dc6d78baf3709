import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@techmatch/database';
import { startTestApi, type TestApi } from '../utils/test-api.js';

describe('schema: migrations and GraphQL SDL', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ DEMO_DATA: 'false' });
  });

  afterAll(async () => {
    await api.close();
  });

  const pendingSchemaChanges = async (): Promise<string[]> => {
    const sql = await api.app.get(DataSource).driver.createSchemaBuilder().log();
    return sql.upQueries.map((query) => query.query);
  };

  it('successful-in-sync: the entities need no change that the migrations do not make', async () => {
    // If this fails, run `npm run migration:generate -- libs/database/src/migrations/<Name>`.
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  it('successful-reversible: every migration reverts, and re-applies to the same schema', async () => {
    const dataSource = api.app.get(DataSource);
    for (let i = 0; i < MIGRATIONS.length; i++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`,
    );
    expect(tables[0]?.n).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  it('successful-committed-sdl: apps/api/schema.gql is the schema the code builds', async () => {
    // If this fails, run `npm start` once (it writes the file) and commit apps/api/schema.gql.
    const built = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    const committed = await readFile(new URL('../../apps/api/schema.gql', import.meta.url), 'utf8');
    const withoutHeader = committed.replace(/^(#.*\n)+\n?/, '').trim();
    expect(withoutHeader).toBe(built.trim());
  });
});
