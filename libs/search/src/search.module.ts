import { Module } from '@nestjs/common';
import { CatalogueModule } from '@techmatch/catalogue';
import { ChineseSegmenter } from './chinese-segmenter.js';
import { meilisearchProvider } from './meilisearch.provider.js';
import { MeilisearchTransport } from './meilisearch-transport.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { SearchDocuments } from './search-documents.js';
import { SearchIndexer } from './search-indexer.service.js';
import { SearchResolver } from './search.resolver.js';
import { NeedSearchPageResolver, ResultSearchPageResolver } from './search-page.resolver.js';
import { SearchService } from './search.service.js';
import { SearchRebuilder } from './maintenance/search-rebuilder.service.js';
import { SearchVerifier } from './maintenance/search-verifier.service.js';
import { SearchStatusResolver } from './search-status.resolver.js';
import { SearchStatusService } from './search-status.service.js';

/** Meilisearch as a derived view of Postgres: documents, settings, and the outbox relay. */
@Module({
  imports: [CatalogueModule],
  providers: [
    MeilisearchTransport,
    meilisearchProvider,
    ChineseSegmenter,
    SearchDocuments,
    SearchIndexer,
    OutboxRelay,
    SearchService,
    SearchResolver,
    ResultSearchPageResolver,
    NeedSearchPageResolver,
    SearchStatusService,
    SearchStatusResolver,
    SearchRebuilder,
    SearchVerifier,
  ],
  exports: [
    SearchIndexer,
    OutboxRelay,
    ChineseSegmenter,
    SearchService,
    SearchRebuilder,
    SearchVerifier,
    SearchDocuments,
  ],
})
export class SearchModule {}
