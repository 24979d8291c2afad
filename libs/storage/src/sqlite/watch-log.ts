import { Observable } from 'rxjs';
import { WatchEvent } from '../store.js';
import { inRange, KeyRange, prefixRange } from './key-range.js';
import { LogRow } from './log-row.js';
import { sharedWatchEvent } from './shared-watch-event.js';

/** What a watch needs from the store: the live broadcast and a history read. */
export interface WatchSource {
  rows$: Observable<LogRow>;
  history(range: KeyRange, after: number): LogRow[];
}

/**
 * Every change under `prefix` after `fromRevision`: subscribes to the live rows first (buffering
 * them), replays the history from the database, then drains the buffer. A revision is emitted
 * only if it is newer than the last one emitted, so nothing is duplicated, and since the
 * broadcast covers everything after the poller's position, nothing is missed. Every watch that
 * emits the same broadcast row emits the same frozen event (see `sharedWatchEvent`).
 */
export function watchLog(source: WatchSource, prefix: string, fromRevision: number): Observable<WatchEvent> {
  return new Observable<WatchEvent>((subscriber) => {
    const range = prefixRange(prefix);
    let last = Math.max(0, fromRevision);
    let buffer: LogRow[] | undefined = [];
    const emit = (row: LogRow): void => {
      if (row.id <= last || subscriber.closed) return;
      last = row.id;
      subscriber.next(sharedWatchEvent(row));
    };
    const live = source.rows$.subscribe({
      next: (row) => {
        if (inRange(range, row.name)) (buffer ? buffer.push(row) : emit(row));
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    try {
      source.history(range, last).forEach(emit);
      for (let row = buffer.shift(); row; row = buffer.shift()) emit(row);
      buffer = undefined;
    } catch (error) {
      subscriber.error(error);
    }
    return () => live.unsubscribe();
  });
}
