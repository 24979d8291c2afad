import { KeyValue, WatchEvent } from '../store.js';

/**
 * One row of the append-only log; `id` is the global revision. Created rows store
 * `create_revision = 0` (their own id is the create revision); tombstones carry the deleted
 * value in both `value` and `old_value`.
 */
export interface LogRow {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: string;
  old_value: string | null;
}

/**
 * A row as the read paths select it, in better-sqlite3's `raw` mode (an array, so no object with
 * named properties is built per row): id (the modRevision), name, created, create_revision, value.
 */
export type KeyValueRow = [id: number, name: string, created: number, createRevision: number, value: string];
/** The newest row of a key, raw: a KeyValueRow plus `deleted`. */
export type LatestRow = [...KeyValueRow, deleted: number];

/** The same KeyValue as `toKeyValue` of the full row. */
export function keyValueOf(row: KeyValueRow | LatestRow): KeyValue {
  const [id, name, created, createRevision, value] = row;
  return { key: name, value, createRevision: created ? id : createRevision, modRevision: id };
}

export function createRevisionOf(row: LogRow): number {
  return row.created ? row.id : row.create_revision;
}

export function toKeyValue(row: LogRow): KeyValue {
  return { key: row.name, value: row.value, createRevision: createRevisionOf(row), modRevision: row.id };
}

/** The version a row replaced (for MODIFIED and DELETED events). */
function previousOf(row: LogRow): KeyValue {
  return {
    key: row.name,
    value: row.old_value ?? '',
    createRevision: createRevisionOf(row),
    modRevision: row.prev_revision,
  };
}

export function toWatchEvent(row: LogRow): WatchEvent {
  if (row.created) return { type: 'ADDED', kv: toKeyValue(row) };
  return { type: row.deleted ? 'DELETED' : 'MODIFIED', kv: toKeyValue(row), prevKv: previousOf(row) };
}
