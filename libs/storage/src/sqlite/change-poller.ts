import { Logger } from '@nestjs/common';
import { defer, Observable, Subject } from 'rxjs';
import { CompactedError } from '../store.js';
import { LogRow } from './log-row.js';
import { POLL_BATCH } from './sqlite-statements.js';

/** New rows after a revision, and the compacted revision, read in one snapshot. */
export interface Changes {
  rows: LogRow[];
  compacted: number;
}

/**
 * The one reader of new log rows per store instance. Broadcasts every row exactly once, in
 * revision order (SQLite serialises writers, so ids become visible in order). `poll()` is
 * called synchronously after each local commit and on a timer for other processes' writes; a
 * `poll()` made from inside a subscriber is folded into the running one, so order still holds.
 * If another process compacted past rows not yet broadcast, they may be lost: like etcd with a
 * watcher behind compaction, current subscribers get `CompactedError` and later ones start afresh.
 */
export class ChangePoller {
  private readonly logger = new Logger(ChangePoller.name);
  private rows = new Subject<LogRow>();
  readonly rows$: Observable<LogRow> = defer(() => this.rows);
  private readonly timer?: NodeJS.Timeout;
  private polling = false;
  private pollAgain = false;
  private failed = false;
  private stopped = false;

  constructor(
    private readonly fetchAfter: (revision: number) => Changes,
    private lastSeen: number,
    intervalMs: number,
  ) {
    if (intervalMs > 0) this.timer = setInterval(() => this.poll(), intervalMs);
  }

  /** False after a poll failed, until one succeeds. */
  get healthy(): boolean {
    return !this.failed;
  }

  poll(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      do {
        this.pollAgain = false;
        this.drain();
      } while (this.pollAgain && !this.stopped);
      this.failed = false;
    } catch (error) {
      if (!this.failed) this.logger.warn(`polling the store failed: ${String(error)}`);
      this.failed = true;
    } finally {
      this.polling = false;
    }
  }

  /** Stops polling and completes `rows$`. Idempotent. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.rows.complete();
  }

  private drain(): void {
    let changes: Changes;
    do {
      changes = this.fetchAfter(this.lastSeen);
      if (changes.compacted > this.lastSeen) this.restartBehind(changes.compacted);
      for (const row of changes.rows) {
        if (this.stopped) return;
        if (row.id <= this.lastSeen) continue;
        this.lastSeen = row.id;
        this.rows.next(row);
      }
    } while (changes.rows.length === POLL_BATCH);
  }

  private restartBehind(compacted: number): void {
    const behind = this.rows;
    this.rows = new Subject<LogRow>();
    const lastSeen = this.lastSeen;
    this.lastSeen = compacted;
    behind.error(new CompactedError(lastSeen, compacted));
  }
}
