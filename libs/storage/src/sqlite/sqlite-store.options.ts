/** When and how far history is compacted automatically. */
export interface CompactionOptions {
  /** How often the retention policy runs; 0 disables automatic compaction. Default 60000. */
  intervalMs?: number;
  /** History younger than this is kept. Default 300000 (5 minutes). */
  minRetentionMs?: number;
  /** At least this many revisions behind the current one are kept. Default 1000. */
  minRetainedRevisions?: number;
}

/** Options of a `SqliteStore` (and of `StorageModule`). */
export interface SqliteStoreOptions {
  /** Database file; its directory is created if missing. `:memory:` gives a private in-memory store. */
  path: string;
  /** SQLite `synchronous` pragma: `full` (default) survives power loss, `normal` only process crashes. */
  synchronous?: 'full' | 'normal';
  /** How often to look for writes made by other processes sharing the file. Default 100. */
  pollIntervalMs?: number;
  compaction?: CompactionOptions;
}

export const DEFAULT_POLL_INTERVAL_MS = 100;
export const DEFAULT_COMPACTION: Required<CompactionOptions> = {
  intervalMs: 60_000,
  minRetentionMs: 300_000,
  minRetainedRevisions: 1000,
};
