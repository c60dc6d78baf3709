/**
 * Sends fuzz cases and checks every response (response-checks.ts) and what every rejected case did
 * to the database, soundly and without sending everything one at a time:
 *
 * - Cases that GraphQL itself must refuse (the local schema fails them in validation or variable
 *   coercion, so no resolver should run) go out in concurrent batches; the others one at a time.
 * - After each batch, if any transaction committed meanwhile (FuzzWorld.commitsSince), the database
 *   is fingerprinted. A batch of rejected cases only must leave every table's fingerprint as it was. When accepted
 *   and rejected cases ran together and something changed, each rejected case is sent again, alone
 *   between two fingerprints. The grouping only decides how cases are batched: whatever the server
 *   actually did, no rejected case goes unchecked.
 */
import {
  type DocumentNode,
  getVariableValues,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import type { FuzzWorld } from './fuzz-world.js';
import { type FuzzCase, operationText } from './mutation-cases.js';
import { type Inspection, inspect, sentStrings } from './response-checks.js';

export interface Failure {
  fuzzCase: FuzzCase;
  problem: string;
  args: unknown;
}

export interface MutationStats {
  cases: number;
  accepted: number;
  refusals: Map<string, number>;
  ms: number;
}

export interface RunReport {
  stats: Map<string, MutationStats>;
  failures: Failure[];
  seconds: number;
  /** Cases GraphQL refused before execution, sent in concurrent batches. */
  batched: number;
  fingerprints: number;
  rechecked: number;
  /** Where the time went: building cases (refs, query, local validation) and database checks. */
  prepareSeconds: number;
  checkSeconds: number;
}

interface Prepared {
  fuzzCase: FuzzCase;
  args: Record<string, unknown>;
  body: string;
  /** The local schema refuses it before execution. */
  doomed: boolean;
}

interface Outcome {
  prepared: Prepared;
  inspection: Inspection;
  ms: number;
}

export interface RunnerOptions {
  /** Concurrent cases in a batch of GraphQL-refused cases. */
  batchSize: number;
  /** Tables a mutation writes on purpose when it refuses (a login failure is counted). */
  writesOnRefusal: Record<string, string[]>;
  /** Who ends its own session (logout): sent with a token of its own, renewed when spent. */
  tokenFor(fuzzCase: FuzzCase): Promise<string | undefined>;
  spent(fuzzCase: FuzzCase): void;
}

export class FuzzRunner {
  private readonly report: RunReport = {
    stats: new Map(),
    failures: [],
    seconds: 0,
    batched: 0,
    fingerprints: 0,
    rechecked: 0,
    prepareSeconds: 0,
    checkSeconds: 0,
  };
  private xid = '';
  private print = new Map<string, string>();

  constructor(
    private readonly world: FuzzWorld,
    private readonly schema: GraphQLSchema,
    private readonly options: RunnerOptions,
  ) {}

  async run(cases: FuzzCase[]): Promise<RunReport> {
    const started = performance.now();
    this.xid = await this.world.nextXid();
    this.print = await this.world.fingerprint();
    let doomed: Prepared[] = [];
    for (const [i, fuzzCase] of cases.entries()) {
      // New rows (deals, offers, instalments…) become reachable as the run creates them.
      if (i % 500 === 0) await this.world.refreshPools();
      const preparing = performance.now();
      const prepared = await this.prepare(fuzzCase);
      this.report.prepareSeconds += (performance.now() - preparing) / 1000;
      if (prepared.doomed) {
        doomed.push(prepared);
        if (doomed.length >= this.options.batchSize) {
          await this.batch(doomed);
          doomed = [];
        }
      } else {
        await this.batch([prepared]);
      }
    }
    if (doomed.length > 0) await this.batch(doomed);
    this.report.seconds = (performance.now() - started) / 1000;
    return this.report;
  }

  private async prepare(fuzzCase: FuzzCase): Promise<Prepared> {
    const field = this.schema.getMutationType()?.getFields()[fuzzCase.mutation] as GraphQLField<
      unknown,
      unknown
    >;
    const args = (await this.world.resolve(fuzzCase.args, fuzzCase.anchor)) as Record<
      string,
      unknown
    >;
    const query = operationText(field, args, fuzzCase.literal);
    const body = JSON.stringify(fuzzCase.literal ? { query } : { query, variables: args });
    return { fuzzCase, args, body, doomed: this.refusedByGraphQL(query, args, fuzzCase.literal) };
  }

  /** Would GraphQL refuse this before running a resolver (validation or variable coercion)? */
  private refusedByGraphQL(
    query: string,
    args: Record<string, unknown>,
    literal: boolean,
  ): boolean {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return true;
    }
    if (validate(this.schema, document).length > 0) return true;
    if (literal) return false;
    const operation = document.definitions[0] as OperationDefinitionNode;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], args);
    return 'errors' in coerced && (coerced.errors?.length ?? 0) > 0;
  }

  private async send(prepared: Prepared): Promise<Outcome> {
    const { fuzzCase } = prepared;
    const token = await this.options.tokenFor(fuzzCase);
    const started = performance.now();
    const response = await fetch(`${this.world.api.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: prepared.body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    const inspection = inspect(
      response.status,
      text,
      fuzzCase.mutation,
      sentStrings(prepared.args),
    );
    if (inspection.accepted) this.options.spent(fuzzCase);
    return { prepared, inspection, ms };
  }

  private async batch(batch: Prepared[]): Promise<void> {
    if (batch.length > 1) this.report.batched += batch.length;
    const outcomes = await Promise.all(batch.map((prepared) => this.send(prepared)));
    for (const outcome of outcomes) this.record(outcome);
    const rejected = outcomes.filter((outcome) => !outcome.inspection.accepted);
    const changed = await this.changedTables(rejected);
    if (changed.length === 0 || rejected.length === 0) return;
    if (rejected.length === outcomes.length) {
      for (const { prepared } of rejected)
        this.fail(prepared, `rejected, yet ${changed.join(', ')} changed`);
      return;
    }
    for (const { prepared } of rejected) {
      this.report.rechecked++;
      const again = await this.send(prepared);
      const alone = await this.changedTables([again]);
      for (const problem of again.inspection.problems) this.fail(prepared, `re-sent: ${problem}`);
      if (!again.inspection.accepted && alone.length > 0)
        this.fail(prepared, `rejected, yet ${alone.join(', ')} changed`);
    }
  }

  /**
   * Tables whose fingerprint moved since the last verified state, less those the rejected cases'
   * mutations write on refusal by design. Fingerprints only when a transaction committed since the
   * last call, and then keeps the new state as the verified one: the spec's database has no other
   * writer (the relays and the scheduler are off), so between cases it stands still.
   */
  private async changedTables(rejected: Outcome[]): Promise<string[]> {
    const started = performance.now();
    const { xid, committed } = await this.world.commitsSince(this.xid);
    this.xid = xid;
    if (committed === 0) {
      this.report.checkSeconds += (performance.now() - started) / 1000;
      return [];
    }
    this.report.fingerprints++;
    const next = await this.world.fingerprint();
    this.report.checkSeconds += (performance.now() - started) / 1000;
    const allowed = new Set(
      rejected.flatMap(
        ({ prepared }) => this.options.writesOnRefusal[prepared.fuzzCase.mutation] ?? [],
      ),
    );
    const changed = [...next]
      .filter(([table, sum]) => this.print.get(table) !== sum && !allowed.has(table))
      .map(([table]) => table);
    this.print = next;
    return changed;
  }

  private record({ prepared, inspection, ms }: Outcome): void {
    const { fuzzCase } = prepared;
    const stats = this.report.stats.get(fuzzCase.mutation) ?? {
      cases: 0,
      accepted: 0,
      refusals: new Map<string, number>(),
      ms: 0,
    };
    stats.cases++;
    stats.ms += ms;
    if (inspection.accepted) stats.accepted++;
    else stats.refusals.set(inspection.code, (stats.refusals.get(inspection.code) ?? 0) + 1);
    this.report.stats.set(fuzzCase.mutation, stats);
    for (const problem of inspection.problems) this.fail(prepared, problem);
  }

  private fail(prepared: Prepared, problem: string): void {
    this.report.failures.push({ fuzzCase: prepared.fuzzCase, problem, args: prepared.args });
  }
}
