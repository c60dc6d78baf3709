import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ResearchResultsService, TechNeedsService } from '@techmatch/catalogue';
import type { Environment } from '@techmatch/common';
import type { EnqueuedTaskPromise, Meilisearch, Task } from 'meilisearch';
import { INDEX_SETTINGS, type IndexRole, indexName } from './index-definitions.js';
import { MEILISEARCH } from './meilisearch.provider.js';
import { SearchDocuments } from './search-documents.js';

/** A Meilisearch task that did not succeed, with the engine's own reason. */
export class IndexingError extends Error {}

async function succeeded(enqueued: EnqueuedTaskPromise): Promise<Task> {
  const task = await enqueued.waitTask({ timeout: 60_000, interval: 25 });
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
  private readonly prefix: string;

  constructor(
    @Inject(MEILISEARCH) private readonly meili: Meilisearch,
    config: ConfigService<Environment, true>,
    private readonly documents: SearchDocuments,
    private readonly results: ResearchResultsService,
    private readonly needs: TechNeedsService,
  ) {
    this.prefix = config.get('MEILI_INDEX_PREFIX', { infer: true });
  }

  index(role: IndexRole) {
    return this.meili.index(indexName(this.prefix, role));
  }

  /** Creates the indexes if need be and applies their settings (a no-op when unchanged). */
  async applySettings(): Promise<void> {
    for (const role of ['results', 'needs'] as const) {
      await succeeded(
        this.meili.createIndex(indexName(this.prefix, role), { primaryKey: 'id' }),
      ).catch((error: unknown) => {
        if (!(error instanceof IndexingError && error.message.includes('already exists')))
          throw error;
      });
      await succeeded(this.index(role).updateSettings(INDEX_SETTINGS[role]));
    }
  }

  async syncResults(ids: string[]): Promise<void> {
    const rows = await this.results.forIndexing(ids);
    const documents = rows.map((row) => this.documents.result(row)).filter((doc) => doc !== null);
    await this.apply('results', ids, documents);
  }

  async syncNeeds(ids: string[]): Promise<void> {
    const rows = await this.needs.forIndexing(ids);
    const documents = rows.map((row) => this.documents.need(row)).filter((doc) => doc !== null);
    await this.apply('needs', ids, documents);
  }

  resultIdsOfInstitution(institutionId: string): Promise<string[]> {
    return this.results.idsOfInstitution(institutionId);
  }

  needIdsOfEnterprise(enterpriseId: string): Promise<string[]> {
    return this.needs.idsOfEnterprise(enterpriseId);
  }

  private async apply(
    role: IndexRole,
    ids: string[],
    documents: Array<{ id: string }>,
  ): Promise<void> {
    const kept = new Set(documents.map((doc) => doc.id));
    const gone = ids.filter((id) => !kept.has(id));
    if (documents.length > 0)
      await succeeded(this.index(role).addDocuments(documents, { primaryKey: 'id' }));
    if (gone.length > 0) await succeeded(this.index(role).deleteDocuments(gone));
  }
}
