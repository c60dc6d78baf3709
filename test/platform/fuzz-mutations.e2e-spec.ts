/**
 * Fuzzes every mutation in apps/api/schema.gql with inputs fast-check builds from its input types
 * (test/platform/fuzz), at least 10,000 cases a run, each sent over HTTP as a caller allowed to make
 * it, so that inputs reach validation and the services rather than stopping at the guard.
 *
 * Every response: no 5xx, no INTERNAL_SERVER_ERROR, no stack or SQL in any error. Every rejected
 * case: the database is unchanged (a fingerprint of every table, see FuzzWorld.fingerprint). And no
 * unhandled rejection in the process: jest-circus listens for them on the real process and fails
 * the test (or hook) that was running, so one anywhere in the API during the run fails this spec.
 * (A spec's own `process.on('unhandledRejection')` would not help: it sees Jest's sandboxed
 * process object, which never gets the event.)
 *
 *   FUZZ_SEED=random     explore: a fresh seed (printed); by default one fixed seed runs
 *   FUZZ_SEED=<n>        replay a run (the seed is printed; cases are the same, ids are the rows of
 *                        this run's database, found by position)
 *   FUZZ_CASES=<n>       total cases (default 10,000)
 *   FUZZ_ONLY=a,b        only these mutations (with the same seed, their cases are the same)
 *   FUZZ_BATCH=<n>       cases GraphQL refuses, sent at once (default 8; see fuzz-runner.ts)
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { startTestApi, type TestApi } from '../utils/test-api.js';
import { FuzzWorld } from './fuzz/fuzz-world.js';
import { FuzzRunner, type RunReport } from './fuzz/fuzz-runner.js';
import { type FuzzCase, mutationCaseArbitrary, type RoleName } from './fuzz/mutation-cases.js';
import { abbreviate } from './fuzz/response-checks.js';

const SIGNED_IN: RoleName[] = ['admin', 'broker', 'enterprise', 'researcher'];
const RESULT_MANAGERS: RoleName[] = ['researcher', 'broker', 'admin'];
const NEED_MANAGERS: RoleName[] = ['enterprise', 'broker', 'admin'];

/** Who may call each mutation (the resolvers' @Roles / @Public): cases are sent as one of them. */
const CALLERS: Record<string, RoleName[]> = {
  acceptOffer: ['enterprise', 'researcher'],
  addPatents: RESULT_MANAGERS,
  archiveResearchResult: RESULT_MANAGERS,
  archiveTechNeed: NEED_MANAGERS,
  createBroker: ['admin'],
  createEnterprise: ['broker', 'admin'],
  createInstitution: ['admin'],
  createResearchResult: RESULT_MANAGERS,
  createTechNeed: NEED_MANAGERS,
  login: ['anonymous'],
  logout: SIGNED_IN,
  logoutEverywhere: SIGNED_IN,
  refreshSession: ['anonymous'],
  markAllNotificationsRead: SIGNED_IN,
  markNotificationsRead: SIGNED_IN,
  openDeal: ['broker', 'admin', 'enterprise'],
  proposeOffer: SIGNED_IN,
  publishResearchResult: RESULT_MANAGERS,
  publishTechNeed: NEED_MANAGERS,
  recordPayment: ['broker', 'admin'],
  registerEnterprise: ['anonymous'],
  registerResearcher: ['anonymous'],
  rematchNeed: ['broker', 'admin'],
  reopenResearchResult: RESULT_MANAGERS,
  reopenTechNeed: NEED_MANAGERS,
  reportSales: ['enterprise', 'broker', 'admin'],
  setMatchStatus: ['enterprise', 'broker', 'admin'],
  transitionDeal: SIGNED_IN,
  updateEnterprise: ['enterprise', 'broker', 'admin'],
  updateInstitution: ['admin'],
  updatePatent: RESULT_MANAGERS,
  updateResearchResult: RESULT_MANAGERS,
  updateTechNeed: NEED_MANAGERS,
};

/**
 * Mutations that are slow by design get a few cases only: argon2 hashes (or checks) the password
 * of every case that passes validation (~100-250 ms each here), and their inputs are the account
 * fields that the other mutations' cases exercise as well.
 */
const SLOW = new Set(['login', 'registerEnterprise', 'registerResearcher', 'createBroker']);
const SLOW_CASES = 25;

/** Mutations that end the caller's session: sent with the disposable account's own session. */
const SESSION_ENDING = /^logout/i;

/** Tables a mutation writes when it refuses, by design: a failed login counts towards lockout. */
const WRITES_ON_REFUSAL: Record<string, string[]> = { login: ['login_throttles'] };

const NO_ARGS_CASES = 20;

/**
 * `npm test` runs one fixed seed, so that CI is deterministic: a red run is a regression, never the
 * luck of the draw. Each new seed explores 10,000 other cases: FUZZ_SEED=random draws one (and
 * prints it); seeds that found bugs become the default once fixed.
 */
const DEFAULT_SEED = 1395690497; // found the unpaired-surrogate 500 in isEmail (fixed)
const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const TOTAL = Number(process.env.FUZZ_CASES ?? 10_000);
const BATCH = Math.max(1, Number(process.env.FUZZ_BATCH ?? 8));
const ONLY = process.env.FUZZ_ONLY?.split(',').filter(Boolean);

/** A mutation's own seed: stable when mutations are added, so one can be replayed alone. */
const seedFor = (mutation: string): number =>
  [...mutation].reduce(
    (hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0,
    SEED,
  );

describe('fuzzing every mutation', () => {
  let api: TestApi;
  let world: FuzzWorld;

  // Jest raises Error.stackTraceLimit to 100 and maps every frame through source maps when a
  // stack is read (GraphQLError reads its cause's). The service runs with Node's 10: so do its
  // errors here, and ten frames would still show in a stack that leaked.
  const stackTraceLimit = Error.stackTraceLimit;

  beforeAll(async () => {
    Error.stackTraceLimit = 10;
    const started = performance.now();
    api = await startTestApi({
      // The fuzzer is one client sending thousands of requests: request limits are other specs'
      // subject. Lockouts stay per account, so failed logins still meet them.
      RATE_LIMIT_IP_POINTS: '0',
      RATE_LIMIT_USER_POINTS: '0',
      LOGIN_FAILURES_PER_IP: '100000',
    });
    const booted = performance.now();
    world = await FuzzWorld.open(api);
    await world.stage();
    process.stdout.write(
      `fuzz: API up in ${((booted - started) / 1000).toFixed(1)} s, deals, index and matches ` +
        `staged in ${((performance.now() - booted) / 1000).toFixed(1)} s; rows: ${JSON.stringify(world.poolSizes())}\n`,
    );
  }, 120_000);

  afterAll(async () => {
    Error.stackTraceLimit = stackTraceLimit;
    await world?.close();
    await api?.close();
  });

  it('successful-fuzz: 10,000 generated inputs: no 5xx, nothing internal leaks, rejected inputs write nothing', async () => {
    const schema = buildSchema(readFileSync('apps/api/schema.gql', 'utf8'));
    const fields = schema.getMutationType()?.getFields() ?? {};
    const mutations = Object.keys(fields)
      .filter((name) => !ONLY || ONLY.includes(name))
      .sort();
    const unlisted = mutations.filter((name) => !CALLERS[name]);
    // A mutation without arguments varies only by caller and syntax: a few cases say all of it.
    const withArgs = mutations.filter((name) => (fields[name]?.args.length ?? 0) > 0);
    const fixed = (name: string): number | undefined =>
      !withArgs.includes(name) ? NO_ARGS_CASES : SLOW.has(name) ? SLOW_CASES : undefined;
    const fixedTotal = mutations.reduce((sum, name) => sum + (fixed(name) ?? 0), 0);
    const shared = mutations.filter((name) => fixed(name) === undefined).length;
    const countOf = (name: string): number =>
      fixed(name) ?? Math.ceil(Math.max(0, TOTAL - fixedTotal) / Math.max(1, shared));

    // Cases of all mutations interleaved, so that each meets the state the others leave.
    const queues = mutations.map((name) =>
      fc
        .sample(mutationCaseArbitrary(schema, name, CALLERS[name] ?? SIGNED_IN, world.vocabulary), {
          seed: seedFor(name),
          numRuns: countOf(name),
        })
        .map((generated, index): FuzzCase => ({ ...generated, index })),
    );
    const cases: FuzzCase[] = [];
    for (let round = 0; queues.some((queue) => round < queue.length); round++)
      for (const queue of queues) if (queue[round]) cases.push(queue[round]);

    say(
      `fuzz: seed ${SEED} (replay: FUZZ_SEED=${SEED}), ${cases.length} cases over ` +
        `${mutations.length} mutations` +
        (unlisted.length > 0
          ? `; no caller listed for ${unlisted.join(', ')}: any signed-in role`
          : ''),
    );

    const runner = new FuzzRunner(world, schema, {
      batchSize: BATCH,
      writesOnRefusal: WRITES_ON_REFUSAL,
      tokenFor: (fuzzCase) =>
        SESSION_ENDING.test(fuzzCase.mutation) && fuzzCase.role !== 'anonymous'
          ? world.disposableToken()
          : Promise.resolve(world.tokens.get(fuzzCase.role)),
      spent: (fuzzCase) => {
        if (SESSION_ENDING.test(fuzzCase.mutation)) world.disposableSpent();
      },
    });
    const report = await runner.run(cases);

    printReport(report, cases.length);
    const failures = report.failures
      .slice(0, 20)
      .map(
        ({ fuzzCase, problem, args }) =>
          `${fuzzCase.mutation} #${fuzzCase.index} as ${fuzzCase.role} (${fuzzCase.mode}` +
          `${fuzzCase.literal ? ', literal' : ''}): ${problem}\n  ${JSON.stringify(abbreviate(args))}`,
      );
    expect(failures).toEqual([]);
    expect(report.failures).toHaveLength(0);
    expect(cases.length).toBeGreaterThanOrEqual(ONLY ? 1 : TOTAL);
    // Accepted cases are the ones that went through every check down to the database.
    const accepted = [...report.stats.values()].reduce((sum, entry) => sum + entry.accepted, 0);
    expect(accepted).toBeGreaterThan(ONLY ? 0 : cases.length / 20);
  }, 600_000);
});

const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** One line per mutation (cases, accepted, refused by code, mean ms), then the summary line. */
function printReport(report: RunReport, total: number): void {
  const counted = (map: Map<string, number>): string =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
  const lines = [...report.stats.entries()].map(
    ([mutation, entry]) =>
      `${mutation.padEnd(26)}${String(entry.cases).padStart(6)}${String(entry.accepted).padStart(6)}` +
      `${String(entry.cases - entry.accepted).padStart(8)}${(entry.ms / entry.cases).toFixed(1).padStart(7)}  ` +
      counted(entry.refusals),
  );
  const accepted = [...report.stats.values()].reduce((sum, entry) => sum + entry.accepted, 0);
  const refusals = new Map<string, number>();
  for (const entry of report.stats.values())
    for (const [code, n] of entry.refusals) refusals.set(code, (refusals.get(code) ?? 0) + n);
  say(
    `${'mutation'.padEnd(26)}${'cases'.padStart(6)}${'ok'.padStart(6)}${'refused'.padStart(8)}${'ms'.padStart(7)}  refusals by code\n` +
      `${lines.join('\n')}\n` +
      `fuzz summary: seed ${SEED}, ${total} cases in ${report.seconds.toFixed(1)} s ` +
      `(${Math.round(total / report.seconds)}/s): ${accepted} accepted, ${total - accepted} rejected ` +
      `(${counted(refusals)}); ${report.batched} refused by GraphQL sent in batches of ${BATCH}, ` +
      `${report.prepareSeconds.toFixed(1)} s building cases, ${report.checkSeconds.toFixed(1)} s checking the database, ` +
      `database fingerprinted ${report.fingerprints} times, ${report.rechecked} rejected cases ` +
      `re-sent alone; ${report.failures.length} failures`,
  );
}
