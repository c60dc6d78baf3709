import { Injectable } from '@nestjs/common';
import { OutboxService } from '@techmatch/database';
import type { IndexStatus, SearchStatus } from './dto/search-status.models.js';
import { type IndexRole, indexName } from './index-definitions.js';
import { SEARCH_TOPICS } from './outbox-relay.service.js';
import { SearchIndexer } from './search-indexer.service.js';

/** Relay lag and backlog and index sizes: what an operator watches to know search is current. */
@Injectable()
export class SearchStatusService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly indexer: SearchIndexer,
  ) {}

  async status(): Promise<SearchStatus> {
    const [relay, parked, indexes] = await Promise.all([
      this.outbox.stats(SEARCH_TOPICS),
      this.outbox.parked(20),
      Promise.all((['results', 'needs'] as const).map((role) => this.indexStatus(role))),
    ]);
    return { relay, parked, indexes };
  }

  private async indexStatus(role: IndexRole): Promise<IndexStatus> {
    const uid = indexName(this.indexer.prefix, role);
    try {
      const stats = await this.indexer.index(role).getStats();
      return { role, uid, documents: stats.numberOfDocuments, isIndexing: stats.isIndexing };
    } catch {
      // Meilisearch down or the index not created yet: the relay figures still matter.
      return { role, uid, documents: null, isIndexing: null };
    }
  }
}
