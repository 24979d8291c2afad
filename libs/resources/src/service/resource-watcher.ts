import { KubeObject } from '@app/api-machinery';
import { Store, WatchEvent } from '@app/storage';
import { concat, defer, from, mergeMap, Observable, catchError, throwError } from 'rxjs';
import { ResourceWatchEvent, WatchQuery } from '../client/resource-client.js';
import { parseResourceVersion } from '../storage/codec.js';
import { collectionPrefix } from '../storage/keys.js';
import { toApiError } from '../storage/storage-errors.js';
import { ResourceReader } from './resource-reader.js';
import { compileSelectors, ObjectPredicate } from './selection.js';
import { groupResource, RequestScope } from './request-scope.js';
import { WatchObjects } from './watch-objects.js';

/**
 * Kubernetes watch semantics over the store: no resourceVersion (or "0") starts with a
 * synthetic ADDED per existing object, then changes; a resourceVersion replays every change
 * after it. Objects that start or stop matching the selectors arrive as ADDED / DELETED, as
 * kube-apiserver's watch cache reports them. A compacted resourceVersion errors with 410 Expired.
 * Each watch follows its own store watch (so resuming, replay and 410 are the store's own), but a
 * change is decoded once and converted once per requested version for all of them: the store
 * hands every watch the same frozen event, and `WatchObjects` memoises on it. Objects and events
 * of such changes are therefore shared and deeply frozen; consumers copy before changing them.
 */
export class ResourceWatcher {
  private readonly objects = new WatchObjects();

  constructor(private readonly store: Store, private readonly reader: ResourceReader) {}

  /** Throws (synchronously) a 400 for bad selectors or resourceVersion, before anything streams. */
  watch(scope: RequestScope, query: WatchQuery = {}): Observable<ResourceWatchEvent> {
    const predicate = compileSelectors(scope.definition, query);
    const rv = parseResourceVersion(query.resourceVersion);
    return defer(() => (rv ? this.changesAfter(scope, predicate, rv) : this.initialThenChanges(scope, predicate, query))).pipe(catchError((error: unknown) => throwError(() => toApiError(error, groupResource(scope), ''))));
  }

  private initialThenChanges(scope: RequestScope, predicate: ObjectPredicate, query: WatchQuery): Observable<ResourceWatchEvent> {
    return defer(async () => {
      const items: KubeObject[] = [];
      let list = await this.reader.list(scope, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector, limit: 500 });
      items.push(...list.items);
      while (list.metadata.continue) {
        list = await this.reader.list(scope, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector, limit: 500, continue: list.metadata.continue });
        items.push(...list.items);
      }
      return { items, revision: Number(list.metadata.resourceVersion) };
    }).pipe(
      mergeMap(({ items, revision }) =>
        concat(
          from(items.map((object): ResourceWatchEvent => ({ type: 'ADDED', object }))),
          this.changesAfter(scope, predicate, revision),
        ),
      ),
    );
  }

  private changesAfter(scope: RequestScope, predicate: ObjectPredicate, revision: number): Observable<ResourceWatchEvent> {
    const changes = this.store.watch(collectionPrefix(scope.definition, scope.namespace), revision);
    const objects = this.objects;
    // One subscriber per watch and change, no operator chain: this runs for every watcher of every change.
    return new Observable<ResourceWatchEvent>((subscriber) =>
      changes.subscribe({
        next: (event) => {
          if (subscriber.closed) return; // errored mid-replay: the store's loop may still be running
          let mapped: ResourceWatchEvent | undefined;
          try {
            mapped = toResourceEvent(scope, predicate, event, objects);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (mapped) subscriber.next(mapped);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
  }
}

function toResourceEvent(scope: RequestScope, predicate: ObjectPredicate, event: WatchEvent, objects: WatchObjects): ResourceWatchEvent | undefined {
  const { definition, version } = scope;
  const current = objects.view(event.kv, definition, version.name);
  if (predicate.isEverything) return current.event(event.type);
  const matches = predicate(current.object);
  if (event.type === 'ADDED') return matches ? current.event('ADDED') : undefined;
  const matched = event.prevKv ? predicate(objects.view(event.prevKv, definition, version.name).object) : matches;
  if (event.type === 'DELETED') return matched || matches ? current.event('DELETED') : undefined;
  if (matches && matched) return current.event('MODIFIED');
  if (matches) return current.event('ADDED');
  if (matched) return current.event('DELETED');
  return undefined;
}
