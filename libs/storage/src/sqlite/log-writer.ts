import Database from 'better-sqlite3';
import { KeyExistsError, KeyNotFoundError, KeyValue, RevisionConflictError } from '../store.js';
import { createRevisionOf, LogRow, toKeyValue } from './log-row.js';
import { SqliteDatabase } from './sqlite-schema.js';
import { Statements } from './sqlite-statements.js';

type Write<A extends unknown[]> = (...args: A) => KeyValue;

/**
 * The three writes, each one `BEGIN IMMEDIATE` transaction: the check of the key's newest row
 * and the append happen under SQLite's single write lock, so a compare-and-swap can't be lost
 * to another connection or process. The unique `(name, prev_revision)` index backs this up.
 */
export class LogWriter {
  readonly create: Write<[key: string, value: string]>;
  readonly update: Write<[key: string, value: string, expectedRevision?: number]>;
  readonly delete: Write<[key: string, expectedRevision?: number]>;

  constructor(db: SqliteDatabase, private readonly statements: Statements) {
    const create = db.transaction((key: string, value: string) => this.appendCreate(key, value)).immediate;
    const update = db.transaction((key: string, value: string, expected?: number) =>
      this.appendUpdate(key, value, expected)).immediate;
    const remove = db.transaction((key: string, expected?: number) => this.appendDelete(key, expected)).immediate;
    this.create = (key, value) => this.guard(key, undefined, () => create(key, value), true);
    this.update = (key, value, expected) => this.guard(key, expected, () => update(key, value, expected), false);
    this.delete = (key, expected) => this.guard(key, expected, () => remove(key, expected), false);
  }

  private appendCreate(key: string, value: string): KeyValue {
    const latest = this.statements.latest.get(key);
    if (latest && !latest.deleted) throw new KeyExistsError(key);
    const row = { name: key, created: 1, deleted: 0, create_revision: 0, prev_revision: latest?.id ?? 0, value, old_value: null };
    return toKeyValue(this.append(row));
  }

  private appendUpdate(key: string, value: string, expected?: number): KeyValue {
    const latest = this.liveLatest(key, expected);
    return toKeyValue(this.append({
      name: key, created: 0, deleted: 0, create_revision: createRevisionOf(latest),
      prev_revision: latest.id, value, old_value: latest.value,
    }));
  }

  private appendDelete(key: string, expected?: number): KeyValue {
    const latest = this.liveLatest(key, expected);
    return toKeyValue(this.append({
      name: key, created: 0, deleted: 1, create_revision: createRevisionOf(latest),
      prev_revision: latest.id, value: latest.value, old_value: latest.value,
    }));
  }

  private liveLatest(key: string, expected?: number): LogRow {
    const latest = this.statements.latest.get(key);
    if (!latest || latest.deleted) throw new KeyNotFoundError(key);
    if (expected !== undefined && latest.id !== expected) throw new RevisionConflictError(key, expected, latest.id);
    return latest;
  }

  private append(row: Omit<LogRow, 'id'>): LogRow {
    const id = Number(this.statements.insert.run(row).lastInsertRowid);
    return { ...row, id };
  }

  /** Maps a unique-index collision (a writer that bypassed the lock) onto the domain error. */
  private guard(key: string, expected: number | undefined, write: () => KeyValue, isCreate: boolean): KeyValue {
    try {
      return write();
    } catch (error) {
      if (!(error instanceof Database.SqliteError) || error.code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      if (isCreate) throw new KeyExistsError(key);
      const actual = this.statements.latest.get(key)?.id ?? 0;
      throw new RevisionConflictError(key, expected ?? actual, actual);
    }
  }
}
