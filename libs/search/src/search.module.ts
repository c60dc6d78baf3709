import { Module } from '@nestjs/common';
import { CatalogueModule } from '@techmatch/catalogue';
import { ChineseSegmenter } from './chinese-segmenter.js';
import { meilisearchProvider } from './meilisearch.provider.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { SearchDocuments } from './search-documents.js';
import { SearchIndexer } from './search-indexer.service.js';
import { SearchResolver } from './search.resolver.js';
import { SearchService } from './search.service.js';

/** Meilisearch as a derived view of Postgres: documents, settings, and the outbox relay. */
@Module({
  imports: [CatalogueModule],
  providers: [
    meilisearchProvider,
    ChineseSegmenter,
    SearchDocuments,
    SearchIndexer,
    OutboxRelay,
    SearchService,
    SearchResolver,
  ],
  exports: [SearchIndexer, OutboxRelay, ChineseSegmenter, SearchService],
})
export class SearchModule {}
