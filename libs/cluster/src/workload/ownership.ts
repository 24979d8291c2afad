import { KubeObject, OwnerReference } from '@app/api-machinery';
import { APPLICATION_KIND, APPLICATION_RESOURCE, WorkloadRef } from '@app/reconciler';

/** The object's controller ownerReference, if any (at most one is allowed). */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata?.ownerReferences?.find((reference) => reference.controller === true);
}

function isApplicationReference(reference: OwnerReference | undefined): reference is OwnerReference {
  return reference?.kind === APPLICATION_KIND && reference.apiVersion.split('/')[0] === APPLICATION_RESOURCE.group;
}

/** The Application controlling `object` (same namespace, as ownership requires), if it is one. */
export function owningApplication(object: KubeObject): WorkloadRef | undefined {
  const reference = controllerOf(object);
  return isApplicationReference(reference) ? { namespace: object.metadata?.namespace ?? '', name: reference.name } : undefined;
}

/** An owned object exists but another controller owns it: the Application cannot take it over. */
export class WorkloadOwnershipError extends Error {
  constructor(object: KubeObject, owner: OwnerReference | undefined) {
    const what = `${object.kind ?? 'object'} ${object.metadata?.namespace}/${object.metadata?.name}`;
    super(owner ? `${what} is controlled by ${owner.kind} ${owner.name} (uid ${owner.uid})` : `${what} exists and has no controller`);
    this.name = 'WorkloadOwnershipError';
  }
}

/** Throws WorkloadOwnershipError unless `object` is controlled by the Application with `uid`, or by nobody. */
export function assertAdoptable(object: KubeObject, uid: string): void {
  const owner = controllerOf(object);
  if (owner && !(isApplicationReference(owner) && owner.uid === uid)) throw new WorkloadOwnershipError(object, owner);
}
