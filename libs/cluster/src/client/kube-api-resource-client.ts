import { KubeList, KubeObject } from '@app/api-machinery';
import { DeleteOptions, ListQuery, PatchType, ResourceClient, ResourceRef, ResourceWatchEvent, WatchQuery, WriteOptions, WriteResult } from '@app/resources';
import { Watch } from '@kubernetes/client-node';
import { Observable } from 'rxjs';
import { KubeTransport } from './kube-transport.js';
import { apiVersionOf, resourcePath } from './resource-path.js';
import { isStatus } from './status-errors.js';
import { watchStream } from './watch-stream.js';

/** PATCH Content-Types by patch type, as kube-apiserver accepts them. */
export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** How long after its timeoutSeconds a watch may stay open before it is presumed dead. */
const WATCH_GRACE_SECONDS = 30;

export interface KubeApiClientOptions {
  /** fieldManager sent with every write that does not name one. */
  fieldManager: string;
  /** Watches end after a random time in [min, 2·min) seconds (server-side timeoutSeconds). */
  minWatchTimeoutSeconds: number;
}

/**
 * A ResourceClient over a real kube-apiserver: the same contract as the embedded store's
 * LocalResourceClient (StatusError subclasses, compare-and-swap on resourceVersion, status only
 * through `/status`, list items carrying apiVersion and kind). Each call is one HTTP request;
 * nothing is retried or cached here. Requests run as the KubeConfig's identity: `options.user`
 * is not sent (no impersonation).
 */
export class KubeApiResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  constructor(
    readonly ref: ResourceRef,
    private readonly transport: KubeTransport,
    private readonly watcher: Watch,
    private readonly options: KubeApiClientOptions,
  ) {}

  async get(namespace: string | undefined, name: string): Promise<T> {
    return (await this.transport.request<T>({ method: 'GET', path: resourcePath(this.ref, namespace, name) })).body;
  }

  async list(namespace: string | undefined, query: ListQuery = {}): Promise<KubeList<T>> {
    const { labelSelector, fieldSelector, continue: next, resourceVersion } = query;
    const limit = query.limit === undefined ? undefined : String(query.limit);
    const { body } = await this.transport.request<KubeList<T>>({ method: 'GET', path: resourcePath(this.ref, namespace), query: { labelSelector, fieldSelector, limit, continue: next, resourceVersion } });
    const kind = body.kind?.replace(/List$/, '');
    const apiVersion = body.apiVersion ?? apiVersionOf(this.ref);
    return { ...body, items: (body.items ?? []).map((item) => ({ apiVersion, kind, ...item })) };
  }

  create(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.write('POST', resourcePath(this.ref, namespace), object, options);
  }

  update(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.write('PUT', resourcePath(this.ref, namespace, object.metadata?.name ?? ''), object, options);
  }

  updateStatus(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.write('PUT', resourcePath(this.ref, namespace, object.metadata?.name ?? '', 'status'), object, options);
  }

  patch(namespace: string | undefined, name: string, type: PatchType, patch: unknown, options: WriteOptions & { force?: boolean; subresource?: string } = {}): Promise<WriteResult<T>> {
    const query: Record<string, string> = type === 'apply' && options.force ? { force: 'true' } : {};
    return this.write('PATCH', resourcePath(this.ref, namespace, name, options.subresource), patch, options, PATCH_CONTENT_TYPES[type], query);
  }

  async delete(namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<WriteResult<T>> {
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: options.propagationPolicy, preconditions: options.preconditions, dryRun: options.dryRun ? ['All'] : undefined };
    const response = await this.transport.request<T>({ method: 'DELETE', path: resourcePath(this.ref, namespace, name), body });
    // Deleted at once, kube answers a success Status: the last state is then only what it names.
    const object = isStatus(response.body) ? ({ apiVersion: apiVersionOf(this.ref), metadata: { name, namespace, uid: response.body.details?.uid } } as T) : response.body;
    return { object, warnings: response.warnings };
  }

  watch(namespace: string | undefined, query: WatchQuery = {}): Observable<ResourceWatchEvent<T>> {
    const min = this.options.minWatchTimeoutSeconds;
    const timeoutSeconds = min + Math.floor(Math.random() * min);
    const params = {
      resourceVersion: query.resourceVersion,
      labelSelector: query.labelSelector,
      fieldSelector: query.fieldSelector,
      allowWatchBookmarks: query.allowWatchBookmarks ? 'true' : undefined,
      timeoutSeconds: String(timeoutSeconds),
    };
    // The server ends the watch after timeoutSeconds; one still open well after that is dead.
    return watchStream<T>(this.watcher, this.transport.server, resourcePath(this.ref, namespace), params, (timeoutSeconds + WATCH_GRACE_SECONDS) * 1000);
  }

  private async write(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, options: WriteOptions = {}, contentType?: string, extra: Record<string, string> = {}): Promise<WriteResult<T>> {
    const query = { ...extra, fieldManager: options.fieldManager ?? this.options.fieldManager, fieldValidation: options.fieldValidation, dryRun: options.dryRun ? 'All' : undefined };
    const response = await this.transport.request<T>({ method, path, body, contentType, query });
    return { object: response.body, warnings: response.warnings, created: response.status === 201 };
  }
}
