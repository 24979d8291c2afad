import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export const MEMORY_PATH = ':memory:';
const BUSY_TIMEOUT_MS = 5000;
/** The WAL file is truncated back to this size after a checkpoint empties it. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * `kv_log` is the append-only history (its AUTOINCREMENT id is the revision, so ids are never
 * reused even after compaction deletes the newest rows); the unique `(name, prev_revision)`
 * index makes two writers that read the same version of a key collide.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL,
  old_value TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS kv_log_name_prev_revision ON kv_log (name, prev_revision);
CREATE INDEX IF NOT EXISTS kv_log_name_id ON kv_log (name, id);
CREATE TABLE IF NOT EXISTS kv_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kv_revision_time (revision INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL);
`;

/**
 * Opens (creating if needed) a database with the store's schema. Safe when several processes
 * open the same new file at once: every step is idempotent and waits on the others' locks.
 */
export function openDatabase(path: string, synchronous: 'full' | 'normal'): SqliteDatabase {
  if (path !== MEMORY_PATH && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Only takes effect on a new, empty file; lets compaction give pages back with incremental_vacuum.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.transaction(() => db.exec(SCHEMA)).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
