import Database from 'better-sqlite3';
import { KeyValueRow, LatestRow, LogRow } from './log-row.js';
import { SqliteDatabase } from './sqlite-schema.js';

/** Rows per poll query; the poller loops until a short batch. */
export const POLL_BATCH = 500;

const COMPACTED_KEY = 'compacted_revision';

/**
 * Live keys in [start, end) as of a revision: rows that are the newest of their name at or below
 * it and not tombstones. Walks the (name, id) index in key order, so a LIMIT stops early.
 */
const LIVE_AT_REVISION = `FROM kv_log l WHERE l.name >= @start AND l.name < @end AND l.id <= @revision
  AND l.deleted = 0 AND l.id = (SELECT MAX(m.id) FROM kv_log m WHERE m.name = l.name AND m.id <= @revision)`;

type Count = { n: number };
type Revision = { revision: number };
type Statement<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** Every statement the store runs, prepared once per connection. */
export interface Statements {
  latest: Statement<[string], LogRow>;
  latestKeyValue: Statement<[string], LatestRow>;
  insert: Statement<[Omit<LogRow, 'id'>]>;
  currentRevision: Statement<[], Revision>;
  compactedRevision: Statement<[], Revision>;
  setCompactedRevision: Statement<[number]>;
  listPage: Statement<[{ start: string; end: string; revision: number; limit: number }], KeyValueRow>;
  listCount: Statement<[{ start: string; end: string; revision: number }], Count>;
  history: Statement<[{ start: string; end: string; after: number }], LogRow>;
  poll: Statement<[number], LogRow>;
  compactBatch: Statement<[{ lo: number; hi: number }]>;
  liveKeys: Statement<[], Count>;
  sampleRevisionTime: Statement<[number, number]>;
  retainedByTime: Statement<[number], Revision>;
  pruneRevisionTimes: Statement<[number]>;
  ping: Statement<[], { ok: number }>;
}

export function prepareStatements(db: SqliteDatabase): Statements {
  return {
    latest: db.prepare('SELECT * FROM kv_log WHERE name = ? ORDER BY id DESC LIMIT 1'),
    latestKeyValue: db
      .prepare<[string], LatestRow>('SELECT id, name, created, create_revision, value, deleted FROM kv_log WHERE name = ? ORDER BY id DESC LIMIT 1')
      .raw(true),
    insert: db.prepare(`INSERT INTO kv_log (name, created, deleted, create_revision, prev_revision, value, old_value)
      VALUES (@name, @created, @deleted, @create_revision, @prev_revision, @value, @old_value)`),
    currentRevision: db.prepare(
      "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kv_log'), 0) AS revision",
    ),
    compactedRevision: db.prepare(
      `SELECT COALESCE((SELECT value FROM kv_meta WHERE key = '${COMPACTED_KEY}'), 0) AS revision`,
    ),
    setCompactedRevision: db.prepare(`INSERT INTO kv_meta (key, value) VALUES ('${COMPACTED_KEY}', ?)
      ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)`),
    listPage: db
      .prepare<[{ start: string; end: string; revision: number; limit: number }], KeyValueRow>(
        `SELECT l.id, l.name, l.created, l.create_revision, l.value ${LIVE_AT_REVISION} ORDER BY l.name LIMIT @limit`,
      )
      .raw(true),
    listCount: db.prepare(`SELECT COUNT(*) AS n ${LIVE_AT_REVISION}`),
    // `+name`: walk the primary key from `after` (watches resume from recent revisions).
    history: db.prepare('SELECT * FROM kv_log WHERE id > @after AND +name >= @start AND +name < @end ORDER BY id'),
    poll: db.prepare(`SELECT * FROM kv_log WHERE id > ? ORDER BY id LIMIT ${POLL_BATCH}`),
    // Rows superseded by a row in (lo, hi], and tombstones in (lo, hi] (as kine compacts).
    compactBatch: db.prepare(`DELETE FROM kv_log WHERE id IN (
      SELECT prev_revision FROM kv_log WHERE id > @lo AND id <= @hi AND prev_revision != 0
      UNION SELECT id FROM kv_log WHERE id > @lo AND id <= @hi AND deleted != 0)`),
    liveKeys: db.prepare(`SELECT COUNT(*) AS n FROM kv_log l
      WHERE l.deleted = 0 AND l.id = (SELECT MAX(id) FROM kv_log WHERE name = l.name)`),
    sampleRevisionTime: db.prepare('INSERT OR IGNORE INTO kv_revision_time (revision, time_ms) VALUES (?, ?)'),
    retainedByTime: db.prepare(
      'SELECT COALESCE(MAX(revision), 0) AS revision FROM kv_revision_time WHERE time_ms <= ?',
    ),
    pruneRevisionTimes: db.prepare('DELETE FROM kv_revision_time WHERE revision <= ?'),
    ping: db.prepare('SELECT 1 AS ok'),
  };
}
