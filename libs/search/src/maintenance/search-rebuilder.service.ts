import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { announcePublicReadsChanged, OutboxService } from '@techmatch/database';
import { DataSource } from 'typeorm';
import { type IndexRole, indexName } from '../index-definitions.js';
import { SearchIndexer, succeeded } from '../search-indexer.service.js';

/** Outbox topics whose events change documents of a role. */
export const TOPICS_OF: Record<IndexRole, string[]> = {
  results: ['result', 'institution'],
  needs: ['need', 'enterprise'],
};

const PAGE = 1_000;
// Catch-up replays events from a little before the rebuild began, so a transaction that was
// already open then (and committed during the rebuild) is replayed too.
const CATCH_UP_SLACK = '5 minutes';

export interface RebuildProgress {
  (done: number, total: number): void;
}

export interface RebuildReport {
  role: IndexRole;
  index: string;
  documents: number;
  rowsScanned: number;
  replayed: number;
  seconds: number;
}

/** Another rebuild of the same index is running (on this or another host). */
export class RebuildBusyError extends Error {}

/**
 * Rebuilds an index from Postgres without a gap in search: documents go into a fresh index with the
 * same settings, which is then swapped with the live one in a single Meilisearch task. Searches
 * read the old index until the swap and the new one after it. Changes the relay wrote to the old
 * index meanwhile are replayed from the outbox into the new one.
 */
@Injectable()
export class SearchRebuilder {
  constructor(
    private readonly indexer: SearchIndexer,
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async rebuild(
    role: IndexRole,
    progress: RebuildProgress = () => undefined,
  ): Promise<RebuildReport> {
    const started = Date.now();
    const live = indexName(this.indexer.prefix, role);
    const fresh = `${live}_rebuild`;
    // A session lock on one connection: two rebuilds of an index would swap each other's work.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
        [`search-rebuild:${live}`],
      )) as [{ locked: boolean }];
      if (!locked) throw new RebuildBusyError(`index ${live} is being rebuilt elsewhere`);
      try {
        const [{ since }] = (await runner.query(
          `SELECT now() - interval '${CATCH_UP_SLACK}' AS since`,
        )) as [{ since: Date }];
        await this.dropIfExists(fresh);
        await this.indexer.prepareIndex(role, fresh);
        const { documents, rowsScanned } = await this.fill(role, fresh, progress);

        await this.indexer.prepareIndex(role, live);
        await succeeded(
          this.indexer.meili.swapIndexes([{ indexes: [live, fresh], rename: false }]),
        );
        await this.dropIfExists(fresh);

        const affected = await this.indexer.affectedIds(
          await this.outbox.eventsSince(since, TOPICS_OF[role]),
        );
        for (let start = 0; start < affected[role].length; start += PAGE) {
          await this.indexer.sync(role, affected[role].slice(start, start + PAGE));
        }
        // Searches may now answer differently (an index that had drifted is exact again).
        await announcePublicReadsChanged(runner, `search:rebuilt:${role}`);
        return {
          role,
          index: live,
          documents,
          rowsScanned,
          replayed: affected[role].length,
          seconds: (Date.now() - started) / 1000,
        };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [
          `search-rebuild:${live}`,
        ]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Walks the table in id order and writes every document it should have into `uid`. */
  private async fill(
    role: IndexRole,
    uid: string,
    progress: RebuildProgress,
  ): Promise<{ documents: number; rowsScanned: number }> {
    const ids: string[] = [];
    for (let page = await this.indexer.idsAfter(role, null, 10 * PAGE); page.length > 0;) {
      ids.push(...page);
      page = await this.indexer.idsAfter(role, page[page.length - 1] ?? null, 10 * PAGE);
    }
    progress(0, ids.length);
    let documents = 0;
    let pending: Promise<unknown> = Promise.resolve();
    for (let start = 0; start < ids.length; start += PAGE) {
      const batch = await this.indexer.documentsOf(role, ids.slice(start, start + PAGE));
      // Build the next batch while Meilisearch indexes this one; at most one batch in flight.
      await pending;
      progress(start, ids.length);
      pending =
        batch.length > 0
          ? succeeded(this.indexer.index(role, uid).addDocuments(batch, { primaryKey: 'id' }))
          : Promise.resolve();
      documents += batch.length;
    }
    await pending;
    progress(ids.length, ids.length);
    return { documents, rowsScanned: ids.length };
  }

  private async dropIfExists(uid: string): Promise<void> {
    const task = await this.indexer.meili.deleteIndex(uid).waitTask({ timeout: 120_000 });
    if (task.status === 'failed' && task.error?.code !== 'index_not_found') {
      throw new Error(`could not delete index ${uid}: ${task.error?.message ?? 'unknown'}`);
    }
  }
}
