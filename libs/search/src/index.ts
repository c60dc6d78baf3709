export * from './search.module.js';
export * from './search-indexer.service.js';
export * from './outbox-relay.service.js';
export * from './chinese-segmenter.js';
export * from './index-definitions.js';
export * from './meilisearch.provider.js';
export * from './search.service.js';
