import { Logger } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { LogRow } from './log-row.js';
import { POLL_BATCH } from './sqlite-statements.js';

/**
 * The one reader of new log rows per store instance. Broadcasts every row exactly once, in
 * revision order (SQLite serialises writers, so ids become visible in order). `poll()` is
 * called synchronously after each local commit and on a timer for other processes' writes; a
 * `poll()` made from inside a subscriber is folded into the running one, so order still holds.
 */
export class ChangePoller {
  private readonly logger = new Logger(ChangePoller.name);
  private readonly rows = new Subject<LogRow>();
  readonly rows$: Observable<LogRow> = this.rows.asObservable();
  private readonly timer?: NodeJS.Timeout;
  private polling = false;
  private pollAgain = false;
  private failed = false;

  constructor(
    private readonly fetchAfter: (revision: number) => LogRow[],
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
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      do {
        this.pollAgain = false;
        this.drain();
      } while (this.pollAgain);
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
    clearInterval(this.timer);
    this.rows.complete();
  }

  private drain(): void {
    let batch: LogRow[];
    do {
      batch = this.fetchAfter(this.lastSeen);
      for (const row of batch) {
        this.lastSeen = row.id;
        this.rows.next(row);
      }
    } while (batch.length === POLL_BATCH && !this.rows.closed);
  }
}
