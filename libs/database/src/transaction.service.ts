import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Attempts in all when Postgres reports a serialization failure or deadlock. */
  attempts?: number;
}

// SQLSTATEs after which the whole transaction may simply be run again.
const RETRYABLE = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  const code = (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
  return error instanceof QueryFailedError && code !== undefined && RETRYABLE.has(code);
}

/**
 * The one way services write: `run(work)` executes `work` in a single transaction and commits only if
 * it returns. Conflicts that Postgres resolves by aborting one side (serialization failures,
 * deadlocks) are retried from the start, which is what makes SERIALIZABLE safe with several API
 * replicas. Passing an `EntityManager` that is already inside a transaction joins it instead.
 */
@Injectable()
export class TransactionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
    outer?: EntityManager,
  ): Promise<T> {
    if (outer?.queryRunner?.isTransactionActive) return work(outer);
    const isolation = options.isolation ?? 'READ COMMITTED';
    const attempts = options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(isolation, work);
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) throw error;
        // Back off a little, with jitter, so that two retrying replicas do not collide again.
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      }
    }
  }
}
