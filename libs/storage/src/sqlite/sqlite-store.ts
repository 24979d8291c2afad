import { defer, Observable } from 'rxjs';
import { KeyValue, ListOptions, ListResult, Store, StoreStats, WatchEvent } from '../store.js';
import { StoreClosedError } from '../storage.errors.js';
import { ChangePoller } from './change-poller.js';
import { LogCompactor } from './log-compactor.js';
import { LogReader } from './log-reader.js';
import { LogWriter } from './log-writer.js';
import { MEMORY_PATH, openDatabase, SqliteDatabase } from './sqlite-schema.js';
import { prepareStatements, Statements } from './sqlite-statements.js';
import { DEFAULT_POLL_INTERVAL_MS, SqliteStoreOptions } from './sqlite-store.options.js';
import { watchLog } from './watch-log.js';

/** Everything that exists only while the store is open. */
interface OpenState {
  db: SqliteDatabase;
  statements: Statements;
  reader: LogReader;
  writer: LogWriter;
  compactor: LogCompactor;
  poller: ChangePoller;
  compactionTimer?: NodeJS.Timeout;
}

/**
 * The etcd-semantics store on one SQLite file, in the style of kine. Several processes may
 * share the file: writes are serialised by SQLite's lock, each process's poller broadcasts the
 * others' writes to its watches within `pollIntervalMs`. `:memory:` runs the same code on a
 * private in-memory database. Calls are synchronous underneath, so the instance is safe for any
 * number of concurrent async callers.
 */
export class SqliteStore extends Store {
  private state?: OpenState;

  constructor(private readonly options: SqliteStoreOptions) {
    super();
  }

  async open(): Promise<void> {
    if (this.state) return;
    const db = openDatabase(this.options.path, this.options.synchronous ?? 'full');
    const statements = prepareStatements(db);
    const reader = new LogReader(db, statements);
    const shared = this.options.path !== MEMORY_PATH && this.options.path !== '';
    const interval = shared ? (this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS) : 0;
    const poller = new ChangePoller((after) => reader.changesAfter(after), reader.currentRevision(), interval);
    // Catch up first, so compacting never drops rows this process has not broadcast yet.
    const compactor = new LogCompactor(db, statements, reader, this.options.compaction, () => poller.poll());
    const writer = new LogWriter(db, statements);
    this.state = { db, statements, reader, writer, compactor, poller, compactionTimer: compactor.schedule() };
  }

  async close(): Promise<void> {
    const state = this.state;
    if (!state) return;
    this.state = undefined;
    clearInterval(state.compactionTimer);
    state.poller.stop();
    state.db.close();
  }

  isHealthy(): boolean {
    const state = this.state;
    if (!state?.db.open || !state.poller.healthy) return false;
    try {
      return state.statements.ping.get()?.ok === 1;
    } catch {
      return false;
    }
  }

  async get(key: string): Promise<KeyValue | undefined> {
    return this.opened().reader.get(key);
  }

  async list(prefix: string, options?: ListOptions): Promise<ListResult> {
    return this.opened().reader.list(prefix, options);
  }

  async create(key: string, value: string): Promise<KeyValue> {
    return this.written(this.opened().writer.create(key, value));
  }

  async update(key: string, value: string, expectedRevision?: number): Promise<KeyValue> {
    return this.written(this.opened().writer.update(key, value, expectedRevision));
  }

  async delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.written(this.opened().writer.delete(key, expectedRevision));
  }

  watch(prefix: string, fromRevision: number): Observable<WatchEvent> {
    return defer(() => {
      const { poller, reader } = this.opened();
      return watchLog({ rows$: poller.rows$, history: (range, after) => reader.history(range, after) }, prefix, fromRevision);
    });
  }

  async compact(revision: number): Promise<void> {
    this.opened().compactor.compact(revision);
  }

  /**
   * Runs the automatic compaction policy once, as if at time `now` (the timer calls this).
   * Resolves to the compacted revision afterwards.
   */
  async applyRetention(now: number = Date.now()): Promise<number> {
    return this.opened().compactor.applyRetention(now);
  }

  async currentRevision(): Promise<number> {
    return this.opened().reader.currentRevision();
  }

  async compactedRevision(): Promise<number> {
    return this.opened().reader.compactedRevision();
  }

  async stats(): Promise<StoreStats> {
    return this.opened().reader.stats();
  }

  private opened(): OpenState {
    if (!this.state) throw new StoreClosedError();
    return this.state;
  }

  /** Broadcasts the committed write to local watches before the caller hears of it. */
  private written(kv: KeyValue): KeyValue {
    this.state?.poller.poll();
    return kv;
  }
}
