import { ConflictError, ForbiddenError, KubeObject, rfc3339Now } from '@app/api-machinery';
import { groupResource, RequestScope } from './request-scope.js';

/** The finalizer kube puts in every Namespace's `spec.finalizers`; its namespace controller removes it. */
export const KUBERNETES_FINALIZER = 'kubernetes';

export function isNamespaces(scope: RequestScope): boolean {
  return scope.definition.group === '' && scope.definition.plural === 'namespaces';
}

/** Finalizers that keep a deleted object: `metadata.finalizers`, plus a Namespace's `spec.finalizers`. */
export function pendingFinalizers(scope: RequestScope, object: KubeObject): string[] {
  const own = object.metadata?.finalizers ?? [];
  if (!isNamespaces(scope)) return own;
  const spec = (object.spec as { finalizers?: unknown } | undefined)?.finalizers;
  return [...own, ...(Array.isArray(spec) ? (spec as string[]) : [])];
}

/** kube's namespace strategy PrepareForCreate: phase Active and the `kubernetes` finalizer. */
export function prepareNamespaceForCreate(object: KubeObject): void {
  const spec = (typeof object.spec === 'object' && object.spec !== null ? object.spec : {}) as { finalizers?: unknown };
  const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as string[]) : [];
  spec.finalizers = finalizers.includes(KUBERNETES_FINALIZER) ? finalizers : [...finalizers, KUBERNETES_FINALIZER];
  object.spec = spec as KubeObject['spec'];
  object.status = { phase: 'Active' };
}

export function isTerminating(namespace: KubeObject | undefined): boolean {
  return (namespace?.status as { phase?: unknown } | undefined)?.phase === 'Terminating' || Boolean(namespace?.metadata?.deletionTimestamp);
}

/** The first DELETE of a Namespace: it stays, Terminating, until the namespace controller empties it. */
export function markTerminating(namespace: KubeObject): KubeObject {
  const next = structuredClone(namespace);
  next.metadata = { ...next.metadata, deletionTimestamp: next.metadata?.deletionTimestamp ?? rfc3339Now(), deletionGracePeriodSeconds: 0 };
  next.status = { ...(next.status as object), phase: 'Terminating' };
  return next;
}

/** A DELETE of a Namespace still being emptied (kube's wording). */
export function stillTerminating(name: string): ConflictError {
  return new ConflictError(
    { group: '', resource: 'namespaces' },
    name,
    'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
  );
}

/** kube's NamespaceLifecycle admission refusing a create in a terminating namespace. */
export function terminatingForbidden(scope: RequestScope, name: string | undefined, namespace: string): ForbiddenError {
  const resource = groupResource(scope);
  const qualified = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
  const why = `unable to create new content in namespace ${namespace} because it is being terminated`;
  return new ForbiddenError(name ? `${qualified} "${name}" is forbidden: ${why}` : `${qualified} is forbidden: ${why}`, {
    name: name || undefined,
    group: resource.group || undefined,
    kind: resource.resource,
    causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
  });
}
