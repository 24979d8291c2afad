import { AppObject, appKey, FeedEvent } from './model.js';

type Listener = () => void;

const revisionOf = (object: AppObject) => Number(object.metadata.resourceVersion ?? 0) || 0;

/**
 * Applications by namespace/name. A change older than what is held (a replayed duplicate after
 * a resume) is ignored, so applying the same stream twice is harmless.
 */
export class AppState {
  readonly items = new Map<string, AppObject>();
  private readonly listeners: Listener[] = [];

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  reset(items: AppObject[]): void {
    this.items.clear();
    for (const item of items) this.items.set(appKey(item.metadata.namespace, item.metadata.name), item);
    this.notify();
  }

  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: AppObject): void {
    const key = appKey(object.metadata.namespace, object.metadata.name);
    const held = this.items.get(key);
    if (held && revisionOf(held) > revisionOf(object)) return;
    if (type === 'DELETED') this.items.delete(key);
    else this.items.set(key, object);
    this.notify();
  }

  get(key: string): AppObject | undefined {
    return this.items.get(key);
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}

/** Recent events, newest first, capped; an event updated by aggregation replaces its row. */
export class EventState {
  private readonly byKey = new Map<string, FeedEvent>();
  private readonly listeners: Listener[] = [];

  constructor(private readonly capacity = 300) {}

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  reset(events: FeedEvent[]): void {
    this.byKey.clear();
    events.forEach((event) => this.put(event));
    this.notify();
  }

  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', event: FeedEvent): void {
    if (type === 'DELETED') this.byKey.delete(event.key);
    else this.put(event);
    this.notify();
  }

  /** Newest first (by time, then resourceVersion). */
  list(): FeedEvent[] {
    return [...this.byKey.values()].sort(newestFirst);
  }

  private put(event: FeedEvent): void {
    const held = this.byKey.get(event.key);
    if (held && held.resourceVersion > event.resourceVersion) return;
    this.byKey.set(event.key, event);
    if (this.byKey.size > this.capacity) {
      const oldest = this.list().slice(this.capacity);
      oldest.forEach((stale) => this.byKey.delete(stale.key));
    }
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}

/** Sort order of the feed: newest first by time, then by resourceVersion. */
export function newestFirst(a: FeedEvent, b: FeedEvent): number {
  const at = a.time ? Date.parse(a.time) : 0;
  const bt = b.time ? Date.parse(b.time) : 0;
  return bt - at || b.resourceVersion - a.resourceVersion;
}
