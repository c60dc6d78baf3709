export * from './base.entity.js';
export * from './database.module.js';
export * from './data-source-options.js';
export * from './migration-runner.service.js';
export * from './transaction.service.js';
export * from './migrations/index.js';
export * from './outbox/outbox-event.entity.js';
export * from './outbox/outbox.service.js';
