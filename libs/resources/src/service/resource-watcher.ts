import { KubeObject } from '@app/api-machinery';
import { Store, WatchEvent } from '@app/storage';
import { concat, defer, from, mergeMap, Observable, catchError, throwError, EMPTY, of } from 'rxjs';
import { ResourceWatchEvent, WatchQuery } from '../client/resource-client.js';
import { decode, parseResourceVersion } from '../storage/codec.js';
import { collectionPrefix } from '../storage/keys.js';
import { toApiError } from '../storage/storage-errors.js';
import { ResourceReader } from './resource-reader.js';
import { compileSelectors, ObjectPredicate } from './selection.js';
import { groupResource, RequestScope } from './request-scope.js';

/**
 * Kubernetes watch semantics over the store: no resourceVersion (or "0") starts with a
 * synthetic ADDED per existing object, then changes; a resourceVersion replays every change
 * after it. Objects that start or stop matching the selectors arrive as ADDED / DELETED, as
 * kube-apiserver's watch cache reports them. A compacted resourceVersion errors with 410 Expired.
 */
export class ResourceWatcher {
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
    return this.store.watch(collectionPrefix(scope.definition, scope.namespace), revision).pipe(
      mergeMap((event) => {
        const mapped = toResourceEvent(scope, predicate, event);
        return mapped ? of(mapped) : EMPTY;
      }),
    );
  }
}

function toResourceEvent(scope: RequestScope, predicate: ObjectPredicate, event: WatchEvent): ResourceWatchEvent | undefined {
  const object = scope.definition.convert(decode(event.kv), scope.version.name);
  const matches = predicate(object);
  if (event.type === 'ADDED') return matches ? { type: 'ADDED', object } : undefined;
  const previous = event.prevKv ? scope.definition.convert(decode(event.prevKv), scope.version.name) : undefined;
  const matched = previous ? predicate(previous) : matches;
  if (event.type === 'DELETED') return matched || matches ? { type: 'DELETED', object } : undefined;
  if (matches && matched) return { type: 'MODIFIED', object };
  if (matches) return { type: 'ADDED', object };
  if (matched) return { type: 'DELETED', object };
  return undefined;
}
