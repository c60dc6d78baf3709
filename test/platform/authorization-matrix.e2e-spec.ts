import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getOperationAST, type GraphQLSchema, Kind, parse } from 'graphql';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { buildCast, type Cast, ROLES, type Role } from './authorization/cast.js';
import { MUTATION_ROWS } from './authorization/mutation-rows.js';
import { QUERY_ROWS } from './authorization/query-rows.js';
import type { Row } from './authorization/rows.js';
import { SUBSCRIPTION_ROWS } from './authorization/subscriptions.js';

/**
 * Every Query, Mutation and Subscription of apps/api/schema.gql, called as each role (anonymous,
 * enterprise A, enterprise B, a researcher of the institution Y that owns the results and deals, a
 * researcher of another institution, a broker, an admin): allowed, or refused with exactly the
 * expected code. An allowed answer is then probed for what the caller must not see (another
 * party's contact details, confidential details, drafts, deals, notifications). The rows are in
 * test/platform/authorization/ (query-rows.ts, mutation-rows.ts, subscriptions.ts); an operation
 * without a row fails this spec.
 */

const SCHEMA: GraphQLSchema = buildSchema(
  readFileSync(join(process.cwd(), 'apps/api/schema.gql'), 'utf8'),
);
const ROOTS = {
  query: SCHEMA.getQueryType(),
  mutation: SCHEMA.getMutationType(),
  subscription: SCHEMA.getSubscriptionType(),
};
const rootFields = (type: keyof typeof ROOTS): string[] =>
  Object.keys(ROOTS[type]?.getFields() ?? {}).sort();

const EXPECTED_CODES: string[] = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];

const title = (row: Row): string => (row.note ? `${row.operation} (${row.note})` : row.operation);

describe('authorisation matrix', () => {
  describe('coverage', () => {
    it.each([
      ['query', QUERY_ROWS],
      ['mutation', MUTATION_ROWS],
      ['subscription', SUBSCRIPTION_ROWS],
    ] as const)('every %s in schema.gql has a row, and every row an operation', (type, rows) => {
      const operations = rootFields(type);
      const covered = [...new Set(rows.map((row) => row.operation))].sort();
      expect({
        withoutRow: operations.filter((name) => !covered.includes(name)),
        notInSchema: covered.filter((name) => !operations.includes(name)),
      }).toEqual({ withoutRow: [], notInSchema: [] });
    });
  });

  let api: TestApi;
  let cast: Cast;

  beforeAll(async () => {
    api = await startTestApi();
    cast = await buildCast(api);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  /** What one caller got: OK (data, no errors) or the first error's code. */
  async function callAs(
    row: Row,
    role: Role,
    type: 'query' | 'mutation',
  ): Promise<{
    /** An Outcome, or whatever else came back (an unexpected code) for the failure message. */
    outcome: string;
    answer: unknown;
    after?: (ok: boolean) => Promise<void>;
  }> {
    const call = await row.call(role, cast);
    // The row's document must call the operation it is the row of, and nothing else.
    const operation = getOperationAST(parse(call.query));
    const fields = operation?.selectionSet.selections.map((s) =>
      s.kind === Kind.FIELD ? s.name.value : s.kind,
    );
    expect({ type: operation?.operation, fields }).toEqual({ type, fields: [row.operation] });

    const response = await api.client.request<Record<string, unknown>>(
      call.query,
      call.variables ?? {},
      call.token ?? cast.tokens[role],
    );
    const answer = response.data?.[row.operation];
    const error = response.errors?.[0];
    const code = error?.extensions?.code;
    const outcome =
      !error && answer != null
        ? 'OK'
        : code && EXPECTED_CODES.includes(code)
          ? code
          : // Not an authorisation answer: show what it was, so that a broken row is easy to fix.
            `${code ?? `HTTP ${response.status}`}: ${error?.message ?? 'no data'}`;
    return { outcome, answer, after: call.after };
  }

  /** One test per row: every role at once (or in turn), then the probes and after-checks. */
  const rowTests = (type: 'query' | 'mutation', rows: Row[]) =>
    it.each(rows.map((row) => [title(row), row] as const))('%s', async (_title, row) => {
      const results: Array<Awaited<ReturnType<typeof callAs>>> = [];
      if (row.sequential) {
        for (const role of ROLES) results.push(await callAs(row, role, type));
      } else {
        results.push(...(await Promise.all(ROLES.map((role) => callAs(row, role, type)))));
      }
      const actual = Object.fromEntries(ROLES.map((role, i) => [role, results[i]?.outcome]));
      expect(actual).toEqual(row.expected);

      for (const [i, role] of ROLES.entries()) {
        const result = results[i];
        if (!result) continue;
        if (result.outcome === 'OK') row.probe?.(result.answer, role, cast);
        await result.after?.(result.outcome === 'OK');
      }
    });

  // Queries first (they read the shared objects as set up), mutations last (logoutEverywhere,
  // the very last row, ends the cast's sessions).
  describe('query', () => rowTests('query', QUERY_ROWS));

  describe('subscription', () => {
    it.each(SUBSCRIPTION_ROWS.map((row) => [`${row.operation} (${row.note})`, row] as const))(
      '%s',
      async (_title, row) => {
        expect(await row.run(cast)).toEqual(row.expected);
      },
    );
  });

  describe('mutation', () => rowTests('mutation', MUTATION_ROWS));
});
