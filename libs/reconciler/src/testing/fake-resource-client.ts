import { ConflictError, ExpiredError, KubeList, KubeObject, NotFoundError } from '@app/api-machinery';
import { ResourceClient, ResourceRef, ResourceWatchEvent, WatchQuery, WriteResult } from '@app/resources';
import { Observable, Subscriber } from 'rxjs';

/**
 * An in-memory ResourceClient with the semantics the reconciler relies on: a global revision as
 * resourceVersion, compare-and-swap updates, generation bumped on spec changes, status written
 * only through updateStatus, finalizers holding deletion, and watch replay from a revision
 * (410 Expired below the compacted one). For specs only.
 */
export class FakeResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  private readonly objects = new Map<string, T>();
  private readonly history: Array<{ revision: number; event: ResourceWatchEvent<T> }> = [];
  private readonly watchers = new Set<Subscriber<ResourceWatchEvent<T>>>();
  private revision = 0;
  private compacted = 0;
  /** Every write made, in order: `update`, `updateStatus`, `create`, `delete`. */
  readonly writes: Array<{ verb: string; object: T }> = [];
  /** How many watches were opened. */
  watchCount = 0;

  constructor(readonly ref: ResourceRef) {}

  async get(namespace: string | undefined, name: string): Promise<T> {
    return structuredClone(this.require(namespace, name));
  }

  async list(namespace: string | undefined): Promise<KubeList<T>> {
    const items = [...this.objects.values()].filter((o) => !namespace || o.metadata?.namespace === namespace).map((o) => structuredClone(o));
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.revision) }, items };
  }

  async create(namespace: string | undefined, object: T): Promise<WriteResult<T>> {
    const stored = structuredClone(object);
    const meta = (stored.metadata ??= {});
    Object.assign(meta, { namespace, uid: `uid-${meta.name}-${this.revision + 1}`, generation: 1, creationTimestamp: new Date(Date.now()).toISOString() });
    delete stored.status;
    return this.commit('create', 'ADDED', stored);
  }

  async update(namespace: string | undefined, object: T): Promise<WriteResult<T>> {
    const current = this.check(namespace, object);
    const next = structuredClone({ ...object, status: current.status }) as T;
    next.metadata = { ...next.metadata, uid: current.metadata?.uid, deletionTimestamp: current.metadata?.deletionTimestamp, generation: current.metadata?.generation };
    if (JSON.stringify(object.spec) !== JSON.stringify(current.spec)) next.metadata.generation = (current.metadata?.generation ?? 0) + 1;
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) return this.commit('update', 'DELETED', next);
    return this.commit('update', 'MODIFIED', next);
  }

  async updateStatus(namespace: string | undefined, object: T): Promise<WriteResult<T>> {
    const current = this.check(namespace, object);
    return this.commit('updateStatus', 'MODIFIED', { ...structuredClone(current), status: structuredClone(object.status) });
  }

  async patch(): Promise<WriteResult<T>> {
    throw new Error('FakeResourceClient does not patch');
  }

  async delete(namespace: string | undefined, name: string): Promise<WriteResult<T>> {
    const current = structuredClone(this.require(namespace, name));
    if (!current.metadata?.finalizers?.length) return this.commit('delete', 'DELETED', current);
    if (current.metadata.deletionTimestamp) return { object: current, warnings: [] };
    current.metadata.deletionTimestamp = new Date(Date.now()).toISOString();
    return this.commit('delete', 'MODIFIED', current);
  }

  watch(_namespace: string | undefined, query: WatchQuery = {}): Observable<ResourceWatchEvent<T>> {
    return new Observable<ResourceWatchEvent<T>>((subscriber) => {
      this.watchCount++;
      const from = query.resourceVersion && query.resourceVersion !== '0' ? Number(query.resourceVersion) : undefined;
      if (from === undefined) {
        for (const object of this.objects.values()) subscriber.next({ type: 'ADDED', object: structuredClone(object) });
      } else if (from < this.compacted) {
        subscriber.error(new ExpiredError(`too old resource version: ${from} (${this.compacted})`));
        return;
      } else {
        for (const entry of this.history) if (entry.revision > from) subscriber.next(structuredClone(entry.event));
      }
      this.watchers.add(subscriber);
      return () => this.watchers.delete(subscriber);
    });
  }

  /** Forgets history up to now: watches from older revisions answer 410 Expired. */
  compact(): void {
    this.compacted = this.revision;
    this.history.length = 0;
  }

  /** Ends every open watch with an error (or completes them when `error` is undefined). */
  endWatches(error?: unknown): void {
    for (const watcher of [...this.watchers]) (error === undefined ? watcher.complete() : watcher.error(error));
    this.watchers.clear();
  }

  /** Sends a raw event to open watches (e.g. an ERROR Status). */
  emitRaw(event: ResourceWatchEvent<T>): void {
    for (const watcher of [...this.watchers]) watcher.next(event);
  }

  /** Writes without a watch event reaching current watchers (simulates a missed window before compaction). */
  silently(fn: () => Promise<unknown>): Promise<unknown> {
    const paused = [...this.watchers];
    this.watchers.clear();
    return fn().finally(() => paused.forEach((w) => this.watchers.add(w)));
  }

  stored(namespace: string | undefined, name: string): T | undefined {
    const object = this.objects.get(`${namespace ?? ''}/${name}`);
    return object && structuredClone(object);
  }

  private check(namespace: string | undefined, object: T): T {
    const current = this.require(namespace, object.metadata?.name ?? '');
    const expected = object.metadata?.resourceVersion;
    if (expected && expected !== current.metadata?.resourceVersion) throw new ConflictError(this.ref, object.metadata?.name ?? '');
    return current;
  }

  private require(namespace: string | undefined, name: string): T {
    const object = this.objects.get(`${namespace ?? ''}/${name}`);
    if (!object) throw new NotFoundError(this.ref, name);
    return object;
  }

  private commit(verb: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): WriteResult<T> {
    this.revision++;
    object.metadata = { ...object.metadata, resourceVersion: String(this.revision) };
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, structuredClone(object));
    const event: ResourceWatchEvent<T> = { type, object: structuredClone(object) };
    this.history.push({ revision: this.revision, event });
    this.writes.push({ verb, object: structuredClone(object) });
    for (const watcher of [...this.watchers]) watcher.next(structuredClone(event));
    return { object: structuredClone(object), warnings: [] };
  }
}
