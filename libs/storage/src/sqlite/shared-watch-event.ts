import { WatchEvent } from '../store.js';
import { LogRow, toWatchEvent } from './log-row.js';

/** The event of each row still referenced (a broadcast row is one object for every watch). */
const events = new WeakMap<LogRow, WatchEvent>();

/**
 * The watch event of a log row, built once per row object and shared by every watch emitting
 * it: the poller broadcasts one object per row, so N watches of a change hold one event, one
 * `kv` and one `prevKv`, and a consumer can key per-change work (decoding) on their identity.
 * The event, `kv` and `prevKv` are frozen: a log row never changes, and neither may they.
 * Entries live as long as the row object (a WeakMap), so nothing needs evicting.
 */
export function sharedWatchEvent(row: LogRow): WatchEvent {
  let event = events.get(row);
  if (!event) {
    event = freezeEvent(toWatchEvent(row));
    events.set(row, event);
  }
  return event;
}

function freezeEvent(event: WatchEvent): WatchEvent {
  Object.freeze(event.kv);
  if (event.prevKv) Object.freeze(event.prevKv);
  return Object.freeze(event);
}
