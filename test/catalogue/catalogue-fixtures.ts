import { randomUUID } from 'node:crypto';
import type { GraphQLClient } from '../utils/graphql-client.js';
import { withClient } from '../utils/test-database.js';

/** A valid unified social credit code (GB 32100-2015) for a division, made from a random body. */
export function makeUscc(divisionCode: string, seed = Math.floor(Math.random() * 1e9)): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let body = `91${divisionCode}`;
  let state = seed;
  while (body.length < 17) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    body += charset[state % 31];
  }
  const sum = [...body].reduce(
    (total, char, i) => total + charset.indexOf(char) * (weights[i] ?? 0),
    0,
  );
  return body + charset[(31 - (sum % 31)) % 31];
}

export const uniqueEmail = (): string => `user-${randomUUID().slice(0, 8)}@example.cn`;

export const countRows = (databaseUrl: string, table: string): Promise<number> =>
  withClient(databaseUrl, async (client) =>
    Number(
      ((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0] as { n: number }).n,
    ),
  );

/** Registers a researcher at the institution with this Chinese name; returns a bearer token. */
export async function researcherAt(
  client: GraphQLClient,
  institutionName: string,
): Promise<string> {
  const list = await client.request<{ institutions: Array<{ id: string; nameZh: string }> }>(
    '{ institutions { id nameZh } }',
  );
  const institutionId = list.data?.institutions.find((i) => i.nameZh === institutionName)?.id;
  const email = uniqueEmail();
  await client.request(
    'mutation ($input: RegisterResearcherInput!) { registerResearcher(input: $input) { accessToken } }',
    {
      input: {
        institutionId,
        account: { email, password: 'Research-2026-ok', displayName: '测试研究员' },
      },
    },
  );
  return client.login(email, 'Research-2026-ok');
}

/** Registers an enterprise (with its first user) in a division; returns a bearer token and its id. */
export async function enterpriseIn(
  client: GraphQLClient,
  divisionCode: string,
): Promise<{ token: string; enterpriseId: string }> {
  const email = uniqueEmail();
  const result = await client.request<{ registerEnterprise: { accessToken: string } }>(
    'mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { accessToken } }',
    {
      input: {
        account: { email, password: 'Factory-2026-ok', displayName: '企业联系人' },
        enterprise: {
          name: `测试企业${randomUUID().slice(0, 6)}有限公司`,
          uscc: makeUscc(divisionCode),
          divisionCode,
          industryCode: '34',
        },
      },
    },
  );
  const token = result.data?.registerEnterprise.accessToken;
  if (!token) throw new Error(`registerEnterprise failed: ${JSON.stringify(result.errors)}`);
  const mine = await client.request<{ myEnterprise: { id: string } }>(
    '{ myEnterprise { id } }',
    {},
    token,
  );
  return { token, enterpriseId: mine.data?.myEnterprise.id ?? '' };
}
