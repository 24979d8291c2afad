import { KubeObject } from '@app/api-machinery';
import { ResourceWatchEvent } from '@app/resources';
import { EncodingCache } from '../stream/encoding-cache.js';
import { encodeWatchEvent, watchEventKey } from './watch-event-encoding.js';

/**
 * The NDJSON lines of watch events, shared by every Kubernetes watch: an event with a cache key
 * (`watchEventKey`: a stored object at one resourceVersion) is encoded once for all watchers.
 * A frozen event whose object and metadata are frozen too (libs/resources hands every watcher of
 * a change the same deeply frozen event) is looked up by identity first, which spares building
 * its key per watcher; its key, and so its line, cannot change. Not thread-safe by design (one
 * event loop); the identity entries go with the events (a WeakMap).
 */
export class WatchEventLines {
  private readonly byEvent = new WeakMap<ResourceWatchEvent, string>();

  constructor(private readonly encodings = new EncodingCache()) {}

  /** The event's line: cached when its bytes are fixed by its identity, encoded afresh otherwise. */
  line(event: ResourceWatchEvent): string {
    const shared = isFrozenEvent(event);
    if (shared) {
      const line = this.byEvent.get(event);
      if (line !== undefined) return line;
    }
    const key = watchEventKey(event);
    if (key === undefined) return encodeWatchEvent(event);
    const line = this.encodings.get(key, () => encodeWatchEvent(event));
    if (shared) this.byEvent.set(event, line);
    return line;
  }
}

function isFrozenEvent(event: ResourceWatchEvent): boolean {
  return Object.isFrozen(event) && Object.isFrozen(event.object) && Object.isFrozen((event.object as KubeObject).metadata);
}
