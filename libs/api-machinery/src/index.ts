export * from './meta/types.js';
export * from './errors/status-error.js';
