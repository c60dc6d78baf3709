/**
 * The load scenarios as autocannon request pipelines. Every response is looked at: non-2xx counts
 * come from autocannon, GraphQL errors from the body (a substring test on the read-only scenarios,
 * so that the client spends no more CPU on a big page than on a small one).
 */
import autocannon from 'autocannon';

export interface ScenarioFigures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  status5xx: number;
  graphqlErrors: number;
  socketErrors: number;
  timeouts: number;
  /** A few error bodies, to say what went wrong. */
  samples: string[];
}

interface Counters {
  graphqlErrors: number;
  samples: string[];
}

export interface Scenario {
  name: string;
  label: string;
  requests(counters: Counters): autocannon.Request[];
}

const JSON_HEADERS = { 'content-type': 'application/json' };

const headers = (token?: string): Record<string, string> =>
  token ? { ...JSON_HEADERS, authorization: `Bearer ${token}` } : JSON_HEADERS;

const body = (query: string, variables: Record<string, unknown> = {}): string =>
  JSON.stringify({ query, variables });

/** Counts a response whose body carries GraphQL errors, and keeps the first few. */
const counted =
  (counters: Counters) =>
  (_status: number, responseBody: string): void => {
    if (!responseBody.includes('"errors":')) return;
    counters.graphqlErrors++;
    if (counters.samples.length < 5) counters.samples.push(responseBody.slice(0, 400));
  };

export const LIST_QUERY = `{ researchResults(first: 20) { edges { node {
  id title trl stage modes priceMinYuan priceMaxYuan
  institution { id nameZh divisionCode }
  patents { id number title kind legalStatus } } } pageInfo { hasNextPage endCursor } } }`;

export const SEARCH_QUERY = `query ($q: String!) { searchResults(query: $q, first: 10) {
  totalHits hits { score highlights { title summary } result { id title trl institution { nameZh } } } } }`;

export const MATCHES_QUERY = `query ($id: ID!) { matchesForNeed(needId: $id, first: 20) {
  totalCount edges { node { id score rank status programmeEligible matchedTerms
    result { id title institution { nameZh } } } } } }`;

/** Round-robin over a list, shared by every connection. */
function rotating<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

export function typenameScenario(): Scenario {
  return {
    name: 'typename',
    label: '{ __typename }',
    requests: (counters) => [
      {
        method: 'POST',
        path: '/graphql',
        headers: headers(),
        body: body('{ __typename }'),
        onResponse: counted(counters),
      },
    ],
  };
}

export function listScenario(): Scenario {
  return {
    name: 'list',
    label: 'researchResults(first: 20) + institution + patents',
    requests: (counters) => [
      {
        method: 'POST',
        path: '/graphql',
        headers: headers(),
        body: body(LIST_QUERY),
        onResponse: counted(counters),
      },
    ],
  };
}

/**
 * The list without its nested fields, and with the institution only: beside `list`, they split its
 * cost into the page itself, the institutions and the patents (run with --profile).
 */
export function listPartScenarios(): Scenario[] {
  const page = `id title trl stage modes priceMinYuan priceMaxYuan`;
  const part = (name: string, label: string, nested: string): Scenario => ({
    name,
    label,
    requests: (counters) => [
      {
        method: 'POST',
        path: '/graphql',
        headers: headers(),
        body: body(
          `{ researchResults(first: 20) { edges { node { ${page} ${nested} } } pageInfo { hasNextPage endCursor } } }`,
        ),
        onResponse: counted(counters),
      },
    ],
  });
  return [
    part('list-flat', 'researchResults(first: 20), no nested fields', ''),
    part(
      'list+inst',
      'researchResults(first: 20) + institution',
      'institution { id nameZh divisionCode }',
    ),
  ];
}

export function searchScenario(queries: string[]): Scenario {
  const next = rotating(queries);
  return {
    name: 'search',
    label: `searchResults(query, first: 10), ${queries.length} queries in turn`,
    requests: (counters) => [
      {
        method: 'POST',
        path: '/graphql',
        headers: headers(),
        setupRequest: (request) => ({ ...request, body: body(SEARCH_QUERY, { q: next() }) }),
        onResponse: counted(counters),
      },
    ],
  };
}

export function matchesScenario(needIds: string[], token: string): Scenario {
  const next = rotating(needIds);
  return {
    name: 'matches',
    label: `matchesForNeed(first: 20) as a broker, ${needIds.length} needs in turn`,
    requests: (counters) => [
      {
        method: 'POST',
        path: '/graphql',
        headers: headers(token),
        setupRequest: (request) => ({ ...request, body: body(MATCHES_QUERY, { id: next() }) }),
        onResponse: counted(counters),
      },
    ],
  };
}

/** What the mixed workload acts on, prepared through the API before it runs. */
export interface DealsForLoad {
  broker: string;
  /** Deals in NEGOTIATING, each taken by one connection at a time for a counter-offer. */
  negotiating: string[];
  /** Instalments of licensed deals with (practically) endless amounts outstanding. */
  instalments: Array<{ dealId: string; instalmentId: string }>;
  searchQueries: string[];
}

/** What the mixed workload did, for the checks afterwards. */
export interface MixedTally {
  offers: number;
  payments: string[];
  paymentFen: bigint;
}

const DEAL_VERSION = `query ($id: ID!) { deal(id: $id) { id version state } }`;
const PROPOSE = `mutation ($input: ProposeOfferInput!) { proposeOffer(input: $input) { id revision status } }`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) {
  id amountFen instalment { id paidFen outstandingFen } } }`;
const BALANCE = `query ($id: ID!) { deal(id: $id) { id version balance { chargedFen paidFen outstandingFen }
  instalments { id amountFen paidFen outstandingFen status } } }`;

interface MixedContext {
  dealId?: string;
  version?: number;
}

/**
 * Per connection, in a loop: read a negotiating deal (taking it, so no other connection moves its
 * version meanwhile), counter-offer on it with the version read (giving it back), read the results
 * list, record a 1-fen payment with a fresh idempotency key, search, read a licensed deal's balance
 * and instalments. Two writes in six requests, every one of which must succeed.
 */
export function mixedScenario(deals: DealsForLoad, tally: MixedTally, runId: string): Scenario {
  const free = [...deals.negotiating];
  const nextInstalment = rotating(deals.instalments);
  const nextQuery = rotating(deals.searchQueries);
  let key = 0;
  const auth = headers(deals.broker);
  return {
    name: 'mixed',
    label: 'mixed: deal read, counter-offer, list, payment, search, balance (broker)',
    requests: (counters) => {
      const check = counted(counters);
      const parsed = (status: number, text: string): Record<string, unknown> | undefined => {
        check(status, text);
        try {
          return (JSON.parse(text) as { data?: Record<string, unknown> }).data;
        } catch {
          return undefined;
        }
      };
      return [
        {
          method: 'POST',
          path: '/graphql',
          headers: auth,
          setupRequest: (request, context: MixedContext) => {
            // Taken until the counter-offer's answer; one that never answers keeps its deal, which
            // is why there are more deals than connections (and such a request counts as an error).
            context.dealId = free.shift();
            if (!context.dealId) throw new Error('more connections than negotiating deals');
            return { ...request, body: body(DEAL_VERSION, { id: context.dealId }) };
          },
          onResponse: (status, text, context: MixedContext) => {
            const deal = parsed(status, text)?.deal as { version?: number } | undefined;
            context.version = deal?.version;
          },
        },
        {
          method: 'POST',
          path: '/graphql',
          headers: auth,
          setupRequest: (request, context: MixedContext) => ({
            ...request,
            body: body(PROPOSE, {
              input: {
                dealId: context.dealId,
                version: context.version,
                terms: {
                  feeModel: 'LUMP_SUM',
                  lumpSumFen: String(1_000_000 + (key % 1000)),
                  exclusivity: 'NON_EXCLUSIVE',
                },
              },
            }),
          }),
          onResponse: (status, text, context: MixedContext) => {
            if (parsed(status, text)?.proposeOffer) tally.offers++;
            if (context.dealId) free.push(context.dealId);
            context.dealId = undefined;
          },
        },
        {
          method: 'POST',
          path: '/graphql',
          headers: auth,
          body: body(LIST_QUERY),
          onResponse: check,
        },
        {
          method: 'POST',
          path: '/graphql',
          headers: auth,
          setupRequest: (request) => {
            const { instalmentId } = nextInstalment();
            return {
              ...request,
              body: body(PAY, {
                input: { instalmentId, amountFen: '1', idempotencyKey: `load-${runId}-${key++}` },
              }),
            };
          },
          onResponse: (status, text) => {
            const payment = parsed(status, text)?.recordPayment as
              { id: string; amountFen: string } | undefined;
            if (!payment) return;
            tally.payments.push(payment.id);
            tally.paymentFen += BigInt(payment.amountFen);
          },
        },
        {
          method: 'POST',
          path: '/graphql',
          headers: auth,
          setupRequest: (request) => ({ ...request, body: body(SEARCH_QUERY, { q: nextQuery() }) }),
          onResponse: check,
        },
        {
          method: 'POST',
          path: '/graphql',
          headers: auth,
          setupRequest: (request) => ({
            ...request,
            body: body(BALANCE, { id: nextInstalment().dealId }),
          }),
          onResponse: check,
        },
      ];
    },
  };
}

/** Runs one scenario for `seconds` with `connections` connections and summarises it. */
export async function runScenario(
  baseUrl: string,
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<ScenarioFigures> {
  const counters: Counters = { graphqlErrors: 0, samples: [] };
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: scenario.requests(counters),
  });
  const status5xx = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, stats]) => sum + (stats.count ?? 0), 0);
  return {
    name: scenario.name,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    status5xx,
    graphqlErrors: counters.graphqlErrors,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    samples: counters.samples,
  };
}
