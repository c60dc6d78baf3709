import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResearchResultsService, TechNeedsService } from '@techmatch/catalogue';
import type { Environment } from '@techmatch/common';
import type { OutboxMessage } from '@techmatch/database';
import type { EnqueuedTaskPromise, Index, Meilisearch, Task } from 'meilisearch';
import { INDEX_SETTINGS, type IndexRole, indexName } from './index-definitions.js';
import { MEILISEARCH } from './meilisearch.provider.js';
import { type SearchDocument, SearchDocuments } from './search-documents.js';

/** A Meilisearch task that did not succeed, with the engine's own reason. */
export class IndexingError extends Error {}

/** Waits for a Meilisearch task and fails unless it succeeded. */
export async function succeeded(enqueued: EnqueuedTaskPromise): Promise<Task> {
  const task = await enqueued.waitTask({ timeout: 120_000, interval: 25 });
  if (task.status !== 'succeeded') {
    throw new IndexingError(
      `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? 'no reason given'}`,
    );
  }
  return task;
}

/**
 * Writes catalogue rows into Meilisearch: upserts what should be searchable, deletes what should
 * not, and returns only once Meilisearch reports the tasks succeeded. Both operations are
 * idempotent, so an event handled twice (after a crash) does no harm.
 */
@Injectable()
export class SearchIndexer {
  readonly prefix: string;

  constructor(
    @Inject(MEILISEARCH) readonly meili: Meilisearch,
    config: ConfigService<Environment, true>,
    private readonly documents: SearchDocuments,
    private readonly results: ResearchResultsService,
    private readonly needs: TechNeedsService,
  ) {
    this.prefix = config.get('MEILI_INDEX_PREFIX', { infer: true });
  }

  /**
   * The live index of a role (what searches read), or another uid (a rebuild's fresh index). The
   * client builds a new Index, with its own HTTP settings and headers, on every `meili.index()`:
   * the two live ones are built once.
   */
  index(role: IndexRole, uid?: string): Index {
    if (uid !== undefined) return this.meili.index(uid);
    return (this.live[role] ??= this.meili.index(indexName(this.prefix, role)));
  }

  private readonly live: Partial<Record<IndexRole, Index>> = {};

  /** Creates the indexes if need be and applies their settings (a no-op when unchanged). */
  async applySettings(): Promise<void> {
    for (const role of ['results', 'needs'] as const) {
      await this.prepareIndex(role, indexName(this.prefix, role));
    }
  }

  /** Creates `uid` if it does not exist and gives it the settings of `role`. */
  async prepareIndex(role: IndexRole, uid: string): Promise<void> {
    await succeeded(this.meili.createIndex(uid, { primaryKey: 'id' })).catch((error: unknown) => {
      if (!(error instanceof IndexingError && error.message.includes('already exists')))
        throw error;
    });
    await succeeded(this.index(role, uid).updateSettings(INDEX_SETTINGS[role]));
  }

  /** Every catalogue id of a role's table, a page at a time, in id order. */
  idsAfter(role: IndexRole, after: string | null, limit: number): Promise<string[]> {
    return role === 'results'
      ? this.results.idsAfter(after, limit)
      : this.needs.idsAfter(after, limit);
  }

  /** The documents these ids should have; ids without one (unpublished, closed) are left out. */
  async documentsOf(role: IndexRole, ids: string[]): Promise<SearchDocument[]> {
    if (role === 'results') {
      const rows = await this.results.withInstitution(ids);
      return rows.map((row) => this.documents.result(row)).filter((doc) => doc !== null);
    }
    const rows = await this.needs.withEnterprise(ids);
    return rows.map((row) => this.documents.need(row)).filter((doc) => doc !== null);
  }

  /** Brings these ids of `role` up to date in index `uid` (the live one unless told otherwise). */
  async sync(role: IndexRole, ids: string[], uid = indexName(this.prefix, role)): Promise<void> {
    if (ids.length === 0) return;
    const documents = await this.documentsOf(role, ids);
    const kept = new Set(documents.map((doc) => doc.id));
    const gone = ids.filter((id) => !kept.has(id));
    const index = this.index(role, uid);
    if (documents.length > 0) await succeeded(index.addDocuments(documents, { primaryKey: 'id' }));
    if (gone.length > 0) await succeeded(index.deleteDocuments(gone));
  }

  /** The documents that outbox events touch, by role: an institution's change touches its results. */
  async affectedIds(events: OutboxMessage[]): Promise<Record<IndexRole, string[]>> {
    const results = new Set<string>();
    const needs = new Set<string>();
    for (const event of events) {
      if (event.topic === 'result') results.add(event.aggregateId);
      if (event.topic === 'need') needs.add(event.aggregateId);
      if (event.topic === 'institution') {
        for (const id of await this.results.idsOfInstitution(event.aggregateId)) results.add(id);
      }
      if (event.topic === 'enterprise') {
        for (const id of await this.needs.idsOfEnterprise(event.aggregateId)) needs.add(id);
      }
    }
    return { results: [...results], needs: [...needs] };
  }
}
