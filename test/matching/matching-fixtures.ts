import { MatchRelay } from '@techmatch/matching';
import { OutboxRelay } from '@techmatch/search';
import type { GraphQLClient } from '../utils/graphql-client.js';
import type { TestApi } from '../utils/test-api.js';
import { withClient } from '../utils/test-database.js';

/**
 * Indexes the demo catalogue and marks its re-matching done without running it: in production the
 * relay matches the demo's 200 needs in the background; a spec only needs its own pairs.
 */
export async function skipDemoMatching(api: TestApi): Promise<void> {
  await api.app.get(OutboxRelay).drain();
  await withClient(api.databaseUrl, (client) =>
    client.query(
      `UPDATE outbox_events SET processed_at = now() WHERE topic LIKE 'indexed:%' AND processed_at IS NULL`,
    ),
  );
}

/** Runs the background work a change sets off, in order: indexing, then re-matching. */
export async function settle(api: TestApi): Promise<void> {
  await api.app.get(OutboxRelay).drain();
  await api.app.get(MatchRelay).drain();
  // Re-matching writes nothing the search relay consumes; one more pass proves it.
  await api.app.get(OutboxRelay).drain();
}

export const MATCH_FIELDS = `id score rank status statusNote programmeEligible matchedTerms
  factors { kind value weight contribution reasonZh reasonEn }
  need { id title enterprise { name contactPhone } }
  result { id title }
  statusChanges { fromStatus toStatus note }`;

export interface MatchView {
  id: string;
  score: number;
  rank: number | null;
  status: string;
  statusNote: string | null;
  programmeEligible: boolean;
  matchedTerms: string[];
  factors: Array<{
    kind: string;
    value: number;
    weight: number;
    reasonZh: string;
    reasonEn: string;
  }>;
  need: { id: string; title: string; enterprise: { name: string; contactPhone: string | null } };
  result: { id: string; title: string };
  statusChanges: Array<{ fromStatus: string; toStatus: string; note: string | null }>;
}

export async function createPublishedResult(
  client: GraphQLClient,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const created = await client.request<{ createResearchResult: { id: string } }>(
    'mutation ($input: CreateResultInput!) { createResearchResult(input: $input) { id } }',
    { input },
    token,
  );
  const id = created.data?.createResearchResult.id;
  if (!id) throw new Error(`createResearchResult failed: ${JSON.stringify(created.errors)}`);
  await client.request(
    'mutation ($id: ID!) { publishResearchResult(id: $id) { id } }',
    { id },
    token,
  );
  return id;
}

export async function createPublishedNeed(
  client: GraphQLClient,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const created = await client.request<{ createTechNeed: { id: string } }>(
    'mutation ($input: CreateNeedInput!) { createTechNeed(input: $input) { id } }',
    { input },
    token,
  );
  const id = created.data?.createTechNeed.id;
  if (!id) throw new Error(`createTechNeed failed: ${JSON.stringify(created.errors)}`);
  await client.request('mutation ($id: ID!) { publishTechNeed(id: $id) { id } }', { id }, token);
  return id;
}
