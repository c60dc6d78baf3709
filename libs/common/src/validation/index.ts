export * from './constraint-messages.js';
export * from './input-validation.pipe.js';
export * from './parse-id.pipe.js';
export * from './range.validators.js';
