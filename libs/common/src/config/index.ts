export * from './environment.js';
export * from './validate-environment.js';
export * from './load-environment.js';
export * from './service-endpoints.js';
export * from './runtime-config.module.js';
