export * from './error-code.js';
export * from './localized-message.js';
export * from './app-error.js';
export * from './request-limit-errors.js';
export * from './format-graphql-error.js';
export * from './http-error.filter.js';
