import { ConflictError, deepEqual, fieldCause, InvalidError, KubeObject, ManagedFieldsEntry } from '@app/api-machinery';
import { FieldManager } from './apply/field-manager.js';
import { managerOrUserAgent } from './apply/manager-name.js';
import { groupResource, kindOf, RequestScope, ResolvedWriteOptions } from './request-scope.js';

/** Which part of an object an update may change. */
export type UpdateTarget = 'main' | 'status';

/** The next state for an update: the body for the main resource (status kept), or only the body's status. */
export function nextForUpdate(scope: RequestScope, incoming: KubeObject, current: KubeObject, target: UpdateTarget): KubeObject {
  if (target === 'status') return { ...current, status: incoming.status };
  if (!scope.version.subresources.status) return incoming;
  const next: KubeObject = { ...incoming };
  if (current.status === undefined) delete next.status;
  else next.status = current.status;
  return next;
}

/**
 * What an Update is attributed from, as kube-apiserver does: the requested object after schema
 * pruning and defaulting (which kube does while decoding) but before mutating admission, so
 * changes webhooks make are nobody's. Through `/status` only the status counts.
 */
export function attributionView(scope: RequestScope, requested: KubeObject, current: KubeObject | undefined, opts: ResolvedWriteOptions): KubeObject {
  if (opts.managedFieldsFromApply) return requested;
  const view = structuredClone(requested);
  scope.version.admit(view);
  return opts.subresource === 'status' && current ? { ...current, status: view.status } : view;
}

/**
 * Sets `final.metadata.managedFields`: the entries a server-side apply computed (`requested`,
 * under `opts.managedFieldsFromApply`), or those of an Update from `live` to `view` (see
 * attributionView) recorded for the request's field manager.
 */
export function recordManagedFields(scope: RequestScope, live: KubeObject | undefined, requested: unknown, view: KubeObject, final: KubeObject, opts: ResolvedWriteOptions): void {
  const managedFields = opts.managedFieldsFromApply
    ? (requested as ManagedFieldsEntry[] | undefined)
    : new FieldManager(scope, opts.subresource).update(live, view, requested, managerOrUserAgent(opts.fieldManager, scope.userAgent));
  final.metadata = { ...final.metadata };
  if (managedFields) final.metadata.managedFields = managedFields;
  else delete final.metadata.managedFields;
}

/** True when a write would store nothing new (resourceVersion aside): it is then a no-op. */
export function isNoop(next: KubeObject, current: KubeObject): boolean {
  const strip = (object: KubeObject): KubeObject => {
    const { resourceVersion: _rv, ...metadata } = object.metadata ?? {};
    return { ...object, metadata };
  };
  return deepEqual(strip(next), strip(current));
}

export function forbidNewFinalizersWhileDeleting(scope: RequestScope, next: KubeObject, current: KubeObject): void {
  if (!current.metadata?.deletionTimestamp) return;
  const before = new Set(current.metadata.finalizers ?? []);
  const added = (next.metadata?.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length > 0) {
    throw new InvalidError(kindOf(scope), current.metadata.name ?? '', [
      fieldCause.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`),
    ]);
  }
}

/** kube's storage Preconditions.Check: uid and resourceVersion compared as the strings they are. */
export function checkDeletePreconditions(scope: RequestScope, name: string, current: KubeObject, revision: number, rv: string | undefined, uid: string | undefined): void {
  if (uid !== undefined && uid !== current.metadata?.uid) {
    throw new ConflictError(groupResource(scope), name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata?.uid ?? ''}`);
  }
  if (rv !== undefined && rv !== String(revision)) {
    throw new ConflictError(groupResource(scope), name, `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${revision}`);
  }
}
