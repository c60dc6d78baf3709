import { Logger } from '@nestjs/common';
import type { OutboxEvent } from './outbox-event.entity.js';
import type { Claim, ClaimOptions, OutboxOutcome, OutboxService } from './outbox.service.js';

const IDLE_MS = 200;

/** Thrown by a handler that gives up its claim because the process is stopping. */
export class WorkerStopping extends Error {
  constructor() {
    super('stopping: the claim is released for another process');
  }
}
const FAILED_PASS_MS = 1_000;

/**
 * A consumer of some outbox topics, run in the API process on every replica: claims with SKIP
 * LOCKED, so replicas share the events and never handle one twice at once. Subclasses say which
 * topics they take and how a batch is handled; this class runs the loop and stops it cleanly.
 */
export abstract class OutboxWorker {
  protected readonly logger = new Logger(this.constructor.name);
  private running = false;
  /** Set on shutdown: a pass stops between batches, and long handlers may bail out early. */
  protected stopRequested = false;
  private loop: Promise<void> = Promise.resolve();

  protected constructor(protected readonly outbox: OutboxService) {}

  protected abstract readonly claimOptions: ClaimOptions;

  /**
   * Loops run side by side in this process. Each claims its own batch (SKIP LOCKED), exactly as
   * that many replicas would; more than one lets a slow downstream (a Meilisearch task) overlap
   * with reading and building the next batch.
   */
  get concurrency(): number {
    return 1;
  }

  /** Handles one claimed batch; throwing rolls the claim back, untouched, for a later pass. */
  protected abstract handle(events: OutboxEvent[], claim: Claim): Promise<OutboxOutcome[]>;

  /** Runs before each drain (say, to make sure indexes exist). */
  protected prepare(): Promise<void> {
    return Promise.resolve();
  }

  /** Runs when a pass found nothing to do. */
  protected idle(): Promise<void> {
    return Promise.resolve();
  }

  /** One pass over what is pending now; also used by tests and tools to wait for convergence. */
  async drain(): Promise<number> {
    await this.prepare();
    let handled = 0;
    while (!this.stopRequested) {
      const claimed = await this.outbox.processBatch(this.claimOptions, (events, claim) =>
        this.handle(events, claim),
      );
      if (claimed === 0) return handled;
      handled += claimed;
    }
    return handled;
  }

  protected start(): void {
    this.running = true;
    this.loop = Promise.all(Array.from({ length: this.concurrency }, () => this.run())).then(
      () => undefined,
    );
  }

  protected async stop(): Promise<void> {
    this.running = false;
    this.stopRequested = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.drain()) === 0) {
          await this.idle();
          await sleep(IDLE_MS);
        }
      } catch (error) {
        if (error instanceof WorkerStopping) return;
        // A service unreachable: wait and try again; the events stay pending meanwhile.
        this.logger.warn(`Outbox pass failed: ${(error as Error).message}`);
        await sleep(FAILED_PASS_MS);
      }
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
