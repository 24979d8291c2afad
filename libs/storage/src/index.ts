export * from './store.js';
export * from './storage.errors.js';
export * from './storage.constants.js';
export * from './storage-module-options.interface.js';
export * from './storage.module.js';
export * from './sqlite/sqlite-store.js';
export type { CompactionOptions, SqliteStoreOptions } from './sqlite/sqlite-store.options.js';
