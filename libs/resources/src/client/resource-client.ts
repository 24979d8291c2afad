import { Observable } from 'rxjs';
import { KubeList, KubeObject, Status } from '@app/api-machinery';

/** Which resource a client talks to: group ('' for core), version, plural resource name. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

/** The identity admission and audit see. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface WriteOptions {
  /** `dryRun=All`: run every step (admission included), store nothing. */
  dryRun?: boolean;
  fieldManager?: string;
  /** `Strict` rejects unknown fields (400), `Warn` returns warnings, `Ignore` (default for clients) prunes. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  user?: UserInfo;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface WatchQuery {
  /** Absent or "0": synthetic ADDED events for current state first; otherwise replay after it. */
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: boolean;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface DeleteOptions extends WriteOptions {
  /** Preconditions, as metav1.DeleteOptions. */
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
}

export type ResourceWatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** A Kubernetes watch event: for ERROR, `object` is a Status. */
export interface ResourceWatchEvent<T extends KubeObject = KubeObject> {
  type: ResourceWatchEventType;
  object: T | Status;
}

/** A write's result plus the warnings (admission, deprecation, field validation) it produced. */
export interface WriteResult<T extends KubeObject = KubeObject> {
  object: T;
  warnings: string[];
  /** True when a write created the object (server-side apply answers 201 then). */
  created?: boolean;
}

/**
 * A typed client for one resource with kube-apiserver semantics. Errors are StatusError
 * subclasses from @app/api-machinery (NotFoundError, ConflictError, InvalidError, ...).
 * `namespace` is ignored for cluster-scoped resources. Implemented over the embedded store
 * (standalone) and over a real kube-apiserver (cluster mode).
 */
export interface ResourceClient<T extends KubeObject = KubeObject> {
  readonly ref: ResourceRef;
  get(namespace: string | undefined, name: string): Promise<T>;
  /** All namespaces when `namespace` is undefined. */
  list(namespace: string | undefined, query?: ListQuery): Promise<KubeList<T>>;
  create(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>>;
  /** A compare-and-swap when `object.metadata.resourceVersion` is set; last write wins otherwise. */
  update(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>>;
  /** Writes only `.status` (and nothing else) through the status subresource. */
  updateStatus(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>>;
  patch(namespace: string | undefined, name: string, type: PatchType, patch: unknown, options?: WriteOptions & { force?: boolean; subresource?: string }): Promise<WriteResult<T>>;
  /** Returns the object (with deletionTimestamp when finalizers hold it) or the last state if removed. */
  delete(namespace: string | undefined, name: string, options?: DeleteOptions): Promise<WriteResult<T>>;
  /** Every change from `query.resourceVersion` on; errors with ExpiredError (410) when compacted. */
  watch(namespace: string | undefined, query?: WatchQuery): Observable<ResourceWatchEvent<T>>;
}

/** Builds clients by resource; inject this where a lib needs to read or write objects. */
export abstract class ResourceClientFactory {
  abstract client<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceClient<T>;
}
