import { ConflictError, KubeList, KubeObject, NotFoundError } from '@app/api-machinery';
import { DeleteOptions, ListQuery, PatchType, ResourceClient, ResourceClientFactory, ResourceRef, ResourceWatchEvent, WatchQuery, WriteOptions, WriteResult } from '@app/resources';
import { Observable, Subject } from 'rxjs';

/** One call a FakeClient received. */
export interface FakeCall {
  verb: string;
  namespace?: string;
  name?: string;
  type?: PatchType;
  body?: unknown;
  options?: unknown;
}

/**
 * An in-memory ResourceClient for unit specs: objects by `namespace/name`, a shared revision
 * counter, every call recorded, watches fed by `emit` (or by writes), patch `apply` and `merge`
 * as a plain deep merge (enough for drivers that only apply their own configuration).
 */
export class FakeClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  readonly objects = new Map<string, T>();
  readonly calls: FakeCall[] = [];
  private readonly events = new Subject<ResourceWatchEvent<T>>();
  private revision = 100;

  constructor(readonly ref: ResourceRef) {}

  /** Stores an object as the server would (uid, resourceVersion) and announces it to watchers. */
  put(object: T, type: 'ADDED' | 'MODIFIED' = 'ADDED'): T {
    const meta = object.metadata ?? {};
    const stored = { ...object, metadata: { uid: `uid-${meta.name}`, ...meta, resourceVersion: String(++this.revision) } } as T;
    this.objects.set(key(meta.namespace, meta.name ?? ''), stored);
    this.events.next({ type, object: stored });
    return stored;
  }

  emit(event: ResourceWatchEvent<T>): void {
    this.events.next(event);
  }

  endWatches(): void {
    this.events.complete();
  }

  async get(namespace: string | undefined, name: string): Promise<T> {
    this.calls.push({ verb: 'get', namespace, name });
    const found = this.objects.get(key(namespace, name));
    if (!found) throw new NotFoundError({ group: this.ref.group, resource: this.ref.resource }, name);
    return structuredClone(found);
  }

  async list(namespace: string | undefined, query?: ListQuery): Promise<KubeList<T>> {
    this.calls.push({ verb: 'list', namespace, options: query });
    const items = [...this.objects.values()].filter((o) => namespace === undefined || o.metadata?.namespace === namespace);
    return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(this.revision) }, items: structuredClone(items) };
  }

  async create(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    this.calls.push({ verb: 'create', namespace, name: object.metadata?.name, body: object, options });
    return { object: this.put(object), warnings: [], created: true };
  }

  async update(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    this.calls.push({ verb: 'update', namespace, name: object.metadata?.name, body: object, options });
    const current = this.objects.get(key(namespace, object.metadata?.name ?? ''));
    const expected = object.metadata?.resourceVersion;
    if (current && expected && current.metadata?.resourceVersion !== expected) throw new ConflictError({ group: this.ref.group, resource: this.ref.resource }, object.metadata?.name ?? '');
    return { object: this.put(object, 'MODIFIED'), warnings: [] };
  }

  updateStatus(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.update(namespace, object, options);
  }

  async patch(namespace: string | undefined, name: string, type: PatchType, patch: unknown, options?: WriteOptions & { force?: boolean }): Promise<WriteResult<T>> {
    this.calls.push({ verb: 'patch', namespace, name, type, body: patch, options });
    const current = this.objects.get(key(namespace, name));
    const merged = deepMerge(current ?? {}, patch) as T;
    return { object: this.put(merged, current ? 'MODIFIED' : 'ADDED'), warnings: [], created: !current };
  }

  async delete(namespace: string | undefined, name: string, options?: DeleteOptions): Promise<WriteResult<T>> {
    this.calls.push({ verb: 'delete', namespace, name, options });
    const current = this.objects.get(key(namespace, name));
    if (!current) throw new NotFoundError({ group: this.ref.group, resource: this.ref.resource }, name);
    this.objects.delete(key(namespace, name));
    this.events.next({ type: 'DELETED', object: current });
    return { object: current, warnings: [] };
  }

  watch(namespace: string | undefined, query?: WatchQuery): Observable<ResourceWatchEvent<T>> {
    this.calls.push({ verb: 'watch', namespace, options: query });
    return this.events.asObservable();
  }
}

/** A ResourceClientFactory handing out one FakeClient per resource. */
export class FakeClientFactory extends ResourceClientFactory {
  readonly clients = new Map<string, FakeClient>();

  client<T extends KubeObject = KubeObject>(ref: ResourceRef): FakeClient<T> {
    const id = `${ref.group}/${ref.version}/${ref.resource}`;
    if (!this.clients.has(id)) this.clients.set(id, new FakeClient(ref));
    return this.clients.get(id) as unknown as FakeClient<T>;
  }
}

function key(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function deepMerge(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const base = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [field, value] of Object.entries(patch)) base[field] = deepMerge(base[field], value);
  return base;
}
