import { KubeObject } from '@app/api-machinery';
import { requestKey } from '../controller/request-key.js';
import { CacheEvent } from './cache.types.js';
import { isOlder, sameVersion } from './resource-version.js';

/** The key of an object in the cache and the queue: `namespace/name`. */
export function objectKey(object: KubeObject): string {
  return requestKey(object.metadata?.namespace, object.metadata?.name ?? '');
}

/**
 * client-go's thread-safe store (indexer) without indexes: the latest known state of each
 * object by `namespace/name`. Mutations return the CacheEvent they caused, or undefined when
 * the input carried nothing newer than what is cached (same or older resourceVersion).
 */
export class ObjectCache<T extends KubeObject> {
  private readonly objects = new Map<string, T>();

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  values(): T[] {
    return [...this.objects.values()];
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  get size(): number {
    return this.objects.size;
  }

  upsert(object: T): CacheEvent<T> | undefined {
    const key = objectKey(object);
    const old = this.objects.get(key);
    if (old && (sameVersion(old, object) || isOlder(object, old))) return undefined;
    this.objects.set(key, object);
    return old ? { type: 'MODIFIED', key, object, old } : { type: 'ADDED', key, object };
  }

  /**
   * Records a state the controller itself wrote. Only replaces an object still cached (a write
   * racing with the object's deletion must not resurrect it) and only with a newer version.
   */
  assume(object: T): CacheEvent<T> | undefined {
    return this.objects.has(objectKey(object)) ? this.upsert(object) : undefined;
  }

  /** Always reports the deletion, so a consumer can clean up even what it never saw. */
  remove(object: T): CacheEvent<T> {
    const key = objectKey(object);
    const old = this.objects.get(key);
    this.objects.delete(key);
    return { type: 'DELETED', key, object: old ?? object, old };
  }

  /** Replaces the contents with a fresh list; returns one event per object that changed, appeared or vanished. */
  replace(items: T[]): CacheEvent<T>[] {
    const events: CacheEvent<T>[] = [];
    const fresh = new Set<string>();
    for (const item of items) {
      fresh.add(objectKey(item));
      const event = this.upsert(item);
      if (event) events.push(event);
    }
    for (const [key, old] of this.objects) {
      if (fresh.has(key)) continue;
      this.objects.delete(key);
      events.push({ type: 'DELETED', key, object: old, old });
    }
    return events;
  }
}
