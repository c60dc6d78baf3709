export * from './page.args.js';
export * from './connection.js';
export * from './keyset.js';
