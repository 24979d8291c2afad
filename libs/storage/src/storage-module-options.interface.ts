import { SqliteStoreOptions } from './sqlite/sqlite-store.options.js';

/** `StorageModule` options: where the SQLite file lives (or `:memory:`), durability, polling, compaction. */
export type StorageModuleOptions = SqliteStoreOptions;
