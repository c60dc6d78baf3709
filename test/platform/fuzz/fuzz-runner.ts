/**
 * Sends fuzz cases and checks every response (response-checks.ts) and what every rejected case did
 * to the database, soundly and without sending everything one at a time:
 *
 * - Cases that GraphQL itself must refuse (the local schema fails them in validation or variable
 *   coercion, so no resolver should run) go out in concurrent batches; the others one at a time.
 * - After each batch, FuzzWorld.commitsSince says whether any transaction committed meanwhile.
 *   None: nothing changed. Some, and every case of the batch was rejected: the database is
 *   fingerprinted, and every table must be as it was before the batch (less the tables a
 *   mutation writes on refusal by design). Some, after accepted cases only: the fingerprint is
 *   taken lazily, when a later check needs it as its "before".
 * - When accepted and rejected cases ran together and something committed, or a rejected case
 *   committed while no fingerprint of the state before it was at hand, each such rejected case is
 *   sent again, alone, between two fingerprints.
 *
 * The grouping only decides how cases are batched: whatever the server actually did, no rejected
 * case is taken as harmless while a commit it may have made is unaccounted for. (A re-sent case
 * meets a database that has moved on; the summary line says how many were re-sent.)
 */
import http from 'node:http';
import {
  type DocumentNode,
  getVariableValues,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  KnownArgumentNamesRule,
  parse,
  ProvidedRequiredArgumentsRule,
  validate,
  ValuesOfCorrectTypeRule,
  VariablesInAllowedPositionRule,
} from 'graphql';
import type { FuzzWorld } from './fuzz-world.js';
import { type FuzzCase, operationText } from './mutation-cases.js';
import { type Inspection, inspect, sentStrings } from './response-checks.js';

/**
 * POST over node:http with a keep-alive agent, returning status and raw text whatever they are.
 * Cheaper per request than fetch (no web streams), and the client shares its thread with the API.
 */
class RawHttp {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  post(
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: 30_000,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer in 30 s')));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

const ARGUMENT_RULES = [
  ValuesOfCorrectTypeRule,
  ProvidedRequiredArgumentsRule,
  KnownArgumentNamesRule,
  VariablesInAllowedPositionRule,
];

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
  /** The database's fingerprint as of `xid`; undefined when commits since made it stale. */
  private print: Map<string, string> | undefined;
  /** Parsed and validated operations by query text (variables: one text per mutation). */
  private readonly documents = new Map<string, DocumentNode | null>();
  private readonly http = new RawHttp();

  constructor(
    private readonly world: FuzzWorld,
    private readonly schema: GraphQLSchema,
    private readonly options: RunnerOptions,
  ) {}

  async run(cases: FuzzCase[]): Promise<RunReport> {
    const started = performance.now();
    this.xid = await this.world.nextXid();
    let doomed: Prepared[] = [];
    for (const [i, fuzzCase] of cases.entries()) {
      // New rows (deals, offers, instalments…) become reachable as the run creates them.
      if (i % 1000 === 0) await this.world.refreshPools();
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
        // A mutation that writes when it refuses is checked against the state just before it.
        if (this.options.writesOnRefusal[fuzzCase.mutation]) await this.baseline();
        await this.batch([prepared]);
      }
    }
    if (doomed.length > 0) await this.batch(doomed);
    this.report.seconds = (performance.now() - started) / 1000;
    this.http.close();
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
    let document = this.documents.get(query);
    if (document === undefined) {
      document = this.validDocument(query);
      // Literal cases have texts of their own: only the variables' few texts are worth keeping.
      if (!literal) this.documents.set(query, document);
    }
    if (!document) return true;
    if (literal) return false;
    const operation = document.definitions[0] as OperationDefinitionNode;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], args);
    return 'errors' in coerced && (coerced.errors?.length ?? 0) > 0;
  }

  /**
   * The document, or null if GraphQL refuses it: the validation rules that refuse a case's
   * arguments suffice. Were the server to run a case judged refused here, the database check
   * after its batch would still see what it wrote.
   */
  private validDocument(query: string): DocumentNode | null {
    try {
      const document = parse(query);
      return validate(this.schema, document, ARGUMENT_RULES).length > 0 ? null : document;
    } catch {
      return null;
    }
  }

  private async send(prepared: Prepared): Promise<Outcome> {
    const { fuzzCase } = prepared;
    const token = await this.options.tokenFor(fuzzCase);
    const started = performance.now();
    const { status, text } = await this.http.post(
      `${this.world.api.baseUrl}/graphql`,
      token ? { authorization: `Bearer ${token}` } : {},
      prepared.body,
    );
    const ms = performance.now() - started;
    const inspection = inspect(status, text, fuzzCase.mutation, sentStrings(prepared.args));
    if (inspection.accepted) this.options.spent(fuzzCase);
    return { prepared, inspection, ms };
  }

  private async batch(batch: Prepared[]): Promise<void> {
    if (batch.length > 1) this.report.batched += batch.length;
    const outcomes = await Promise.all(batch.map((prepared) => this.send(prepared)));
    for (const outcome of outcomes) this.record(outcome);
    const rejected = outcomes.filter((outcome) => !outcome.inspection.accepted);
    const before = this.print;
    if (!(await this.committed())) return;
    if (rejected.length === 0) return;
    if (before && rejected.length === outcomes.length) {
      const changed = await this.changedSince(before, rejected);
      for (const { prepared } of rejected)
        if (changed.length > 0) this.fail(prepared, `rejected, yet ${changed.join(', ')} changed`);
      return;
    }
    for (const { prepared } of rejected) await this.recheck(prepared);
  }

  /** Sends a rejected case again, alone, between two fingerprints. */
  private async recheck(prepared: Prepared): Promise<void> {
    this.report.rechecked++;
    const before = await this.baseline();
    const again = await this.send(prepared);
    for (const problem of again.inspection.problems) this.fail(prepared, `re-sent: ${problem}`);
    if (!(await this.committed()) || again.inspection.accepted) return;
    const changed = await this.changedSince(before, [again]);
    if (changed.length > 0) this.fail(prepared, `rejected, yet ${changed.join(', ')} changed`);
  }

  /** Did any transaction commit since the last call? If so, the fingerprint is stale. */
  private async committed(): Promise<boolean> {
    const started = performance.now();
    const { xid, committed } = await this.world.commitsSince(this.xid);
    this.xid = xid;
    if (committed > 0) this.print = undefined;
    this.report.checkSeconds += (performance.now() - started) / 1000;
    return committed > 0;
  }

  /** The current fingerprint, taken now if commits made the last one stale. */
  private async baseline(): Promise<Map<string, string>> {
    await this.committed();
    if (this.print) return this.print;
    const started = performance.now();
    this.report.fingerprints++;
    this.print = await this.world.fingerprint();
    this.report.checkSeconds += (performance.now() - started) / 1000;
    return this.print;
  }

  /**
   * Tables whose fingerprint differs from `before`, less those the rejected cases' mutations
   * write on refusal by design. The spec's database has no other writer (the relays and the
   * scheduler are off), so between cases it stands still.
   */
  private async changedSince(before: Map<string, string>, rejected: Outcome[]): Promise<string[]> {
    const now = await this.baseline();
    const allowed = new Set(
      rejected.flatMap(
        ({ prepared }) => this.options.writesOnRefusal[prepared.fuzzCase.mutation] ?? [],
      ),
    );
    return [...now]
      .filter(([table, sum]) => before.get(table) !== sum && !allowed.has(table))
      .map(([table]) => table);
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
