import { Observable, Subject } from 'rxjs';
import { AlreadyExistsError, ConflictError, KubeList, KubeObject, MethodNotAllowedError, NotFoundError } from '@app/api-machinery';
import type { DeleteOptions, ResourceClient, ResourceClientFactory, ResourceRef, ResourceWatchEvent, WriteResult } from '@app/resources';

type Hook = (verb: 'create' | 'update' | 'delete', object: KubeObject) => void;

/**
 * Spec helper: a ResourceClient over a Map with kube-apiserver write semantics (a global
 * revision per write as resourceVersion, AlreadyExists on create, compare-and-swap on update and
 * delete preconditions, NotFound). `beforeWrite` may throw to inject failures. Not for production.
 */
export class InMemoryResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  readonly objects = new Map<string, T>();
  readonly writes: Array<{ verb: string; name: string }> = [];
  beforeWrite?: Hook;
  private revision = 0;
  private readonly changes = new Subject<ResourceWatchEvent<T>>();

  constructor(readonly ref: ResourceRef) {}

  private get gr() {
    return { group: this.ref.group, resource: this.ref.resource };
  }

  async get(namespace: string | undefined, name: string): Promise<T> {
    const found = this.objects.get(key(namespace, name));
    if (!found) throw new NotFoundError(this.gr, name);
    return structuredClone(found);
  }

  async list(namespace: string | undefined): Promise<KubeList<T>> {
    const items = [...this.objects.values()].filter((o) => namespace === undefined || o.metadata?.namespace === namespace);
    return { apiVersion: 'v1', kind: 'EventList', metadata: { resourceVersion: String(this.revision) }, items: structuredClone(items) };
  }

  async create(namespace: string | undefined, object: T): Promise<WriteResult<T>> {
    this.beforeWrite?.('create', object);
    const name = object.metadata?.name ?? '';
    if (this.objects.has(key(namespace, name))) throw new AlreadyExistsError(this.gr, name);
    const stored = this.stamp(object, namespace, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
    return this.save('create', stored);
  }

  async update(namespace: string | undefined, object: T): Promise<WriteResult<T>> {
    this.beforeWrite?.('update', object);
    const name = object.metadata?.name ?? '';
    const current = this.objects.get(key(namespace, name));
    if (!current) throw new NotFoundError(this.gr, name);
    const expected = object.metadata?.resourceVersion;
    if (expected && expected !== current.metadata?.resourceVersion) throw new ConflictError(this.gr, name);
    return this.save('update', this.stamp(object, namespace, current.metadata?.creationTimestamp));
  }

  async updateStatus(): Promise<WriteResult<T>> {
    throw new MethodNotAllowedError('PUT', `${this.ref.resource}/status`);
  }

  async patch(): Promise<WriteResult<T>> {
    throw new MethodNotAllowedError('PATCH', this.ref.resource);
  }

  async delete(namespace: string | undefined, name: string, options?: DeleteOptions): Promise<WriteResult<T>> {
    const found = this.objects.get(key(namespace, name));
    if (!found) throw new NotFoundError(this.gr, name);
    this.beforeWrite?.('delete', found);
    const current = this.objects.get(key(namespace, name)) ?? found;
    const expected = options?.preconditions?.resourceVersion;
    if (expected && expected !== current.metadata?.resourceVersion) throw new ConflictError(this.gr, name, 'the ResourceVersion in the precondition does not match');
    this.objects.delete(key(namespace, name));
    this.writes.push({ verb: 'delete', name });
    this.changes.next({ type: 'DELETED', object: current });
    return { object: current, warnings: [] };
  }

  watch(): Observable<ResourceWatchEvent<T>> {
    return this.changes.asObservable();
  }

  private stamp(object: T, namespace: string | undefined, creationTimestamp: string | undefined): T {
    const stored = structuredClone(object);
    this.revision += 1;
    stored.metadata = { ...stored.metadata, namespace, resourceVersion: String(this.revision), creationTimestamp };
    return stored;
  }

  private save(verb: 'create' | 'update', stored: T): WriteResult<T> {
    this.objects.set(key(stored.metadata?.namespace, stored.metadata?.name ?? ''), stored);
    this.writes.push({ verb, name: stored.metadata?.name ?? '' });
    this.changes.next({ type: verb === 'create' ? 'ADDED' : 'MODIFIED', object: stored });
    return { object: structuredClone(stored), warnings: [], created: verb === 'create' };
  }
}

/** A ResourceClientFactory handing out one InMemoryResourceClient per resource. */
export class InMemoryClientFactory {
  private readonly clients = new Map<string, InMemoryResourceClient>();

  client<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceClient<T> {
    return this.for(ref) as unknown as ResourceClient<T>;
  }

  for(ref: ResourceRef): InMemoryResourceClient {
    const id = `${ref.group}/${ref.version}/${ref.resource}`;
    if (!this.clients.has(id)) this.clients.set(id, new InMemoryResourceClient(ref));
    return this.clients.get(id) as InMemoryResourceClient;
  }
}

export const asFactory = (factory: InMemoryClientFactory): ResourceClientFactory => factory as unknown as ResourceClientFactory;

function key(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
