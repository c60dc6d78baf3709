export * from './dev-services.js';
export * from './dev-secrets.js';
export * from './embedded-postgres.js';
export * from './embedded-meilisearch.js';
export * from './service-log.js';
