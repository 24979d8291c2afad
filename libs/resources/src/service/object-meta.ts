import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  deepEqual,
  fieldCause,
  generateNameSuffix,
  InvalidError,
  KubeObject,
  objectMetaDecodeError,
  ObjectMeta,
  rfc3339Now,
  StatusCause,
  validateAnnotations,
  validateFinalizers,
  validateLabels,
  validateObjectName,
  validateNamespaceName,
} from '@app/api-machinery';
import { kindOf, RequestScope, requestApiVersion } from './request-scope.js';

/** Fields only the server sets; client values are ignored on create and kept from storage on update. */
const SYSTEM_FIELDS = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'resourceVersion'] as const;

/** Checks the body is an object of the URL's apiVersion/kind and namespace; fills them in when absent. */
export function checkBody(scope: RequestScope, body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(`the body of the request must be a ${scope.definition.kind} object`);
  }
  const object = structuredClone(body) as KubeObject;
  const expected = requestApiVersion(scope);
  if (object.apiVersion !== undefined && object.apiVersion !== expected) {
    throw new BadRequestError(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (object.kind !== undefined && object.kind !== scope.definition.kind) {
    throw new BadRequestError(`the kind in the data (${String(object.kind)}) does not match the expected kind (${scope.definition.kind})`);
  }
  if (object.metadata !== undefined && (typeof object.metadata !== 'object' || object.metadata === null || Array.isArray(object.metadata))) {
    throw new BadRequestError('metadata must be an object');
  }
  const decodeError = objectMetaDecodeError(object.metadata);
  if (decodeError) {
    // kube-apiserver's transformDecodeError wording for a body that does not decode.
    throw new BadRequestError(`${scope.definition.kind} in version "${scope.version.name}" cannot be handled as a ${scope.definition.kind}: ${decodeError}`);
  }
  object.apiVersion = expected;
  object.kind = scope.definition.kind;
  object.metadata = { ...(object.metadata ?? {}) };
  checkNamespace(scope, object.metadata);
  return object;
}

function checkNamespace(scope: RequestScope, metadata: ObjectMeta): void {
  if (scope.definition.scope === 'Cluster') {
    delete metadata.namespace;
    return;
  }
  if (metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== scope.namespace) {
    throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
  }
  metadata.namespace = scope.namespace;
}

/** Server-set metadata of a new object (after `checkBody`). */
export function initializeForCreate(object: KubeObject): void {
  const metadata = object.metadata!;
  for (const field of SYSTEM_FIELDS) delete metadata[field];
  if (!metadata.name && metadata.generateName && typeof metadata.generateName === 'string') {
    metadata.name = `${metadata.generateName}${generateNameSuffix()}`;
  }
  metadata.uid = randomUUID();
  metadata.creationTimestamp = rfc3339Now();
  metadata.generation = 1;
}

/** Carries the server-set metadata of `current` over to `next` (an update's new state). */
export function carrySystemFields(next: KubeObject, current: KubeObject): void {
  const metadata = next.metadata!;
  const old = current.metadata ?? {};
  for (const field of SYSTEM_FIELDS) {
    if (old[field] === undefined) delete metadata[field];
    else (metadata as Record<string, unknown>)[field] = old[field];
  }
  metadata.name = old.name;
  metadata.namespace = old.namespace;
  if (metadata.generateName === undefined && old.generateName !== undefined) metadata.generateName = old.generateName;
}

/** Everything outside metadata and status: a change here bumps metadata.generation. */
export function specOf(object: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

export function bumpGenerationIfSpecChanged(next: KubeObject, current: KubeObject): void {
  const generation = current.metadata?.generation ?? 1;
  next.metadata!.generation = deepEqual(specOf(next), specOf(current)) ? generation : generation + 1;
}

/** Metadata rules of kube-apiserver's ValidateObjectMeta; throws 422 Invalid with every cause. */
export function validateMetadata(scope: RequestScope, object: KubeObject, extra: StatusCause[] = []): void {
  const metadata = object.metadata ?? {};
  const causes: StatusCause[] = [];
  const name = metadata.name;
  if (!name) {
    causes.push(fieldCause.required('metadata.name', 'name or generateName is required'));
  } else {
    for (const message of scope.definition.validateName?.(name) ?? validateObjectName(name)) causes.push(fieldCause.invalid('metadata.name', name, message));
  }
  if (scope.definition.scope === 'Namespaced') {
    for (const message of validateNamespaceName(metadata.namespace ?? '')) causes.push(fieldCause.invalid('metadata.namespace', metadata.namespace ?? '', message));
  }
  causes.push(...validateLabels(metadata.labels), ...validateAnnotations(metadata.annotations), ...validateFinalizers(metadata.finalizers));
  causes.push(...validateOwnerReferences(metadata.ownerReferences), ...extra);
  if (causes.length > 0) throw new InvalidError(kindOf(scope), typeof name === 'string' ? name : '', causes);
}

function validateOwnerReferences(references: unknown): StatusCause[] {
  if (references === undefined) return [];
  if (!Array.isArray(references)) return [fieldCause.typeInvalid('metadata.ownerReferences', references, 'must be a list')];
  const causes: StatusCause[] = [];
  references.forEach((ref, i) => {
    const field = `metadata.ownerReferences[${i}]`;
    if (typeof ref !== 'object' || ref === null) return void causes.push(fieldCause.typeInvalid(field, ref, 'must be an object'));
    for (const key of ['apiVersion', 'kind', 'name', 'uid']) {
      if (typeof (ref as Record<string, unknown>)[key] !== 'string' || !(ref as Record<string, unknown>)[key]) causes.push(fieldCause.required(`${field}.${key}`));
    }
  });
  if (references.filter((r) => (r as { controller?: boolean })?.controller === true).length > 1) {
    causes.push(fieldCause.invalid('metadata.ownerReferences', 'multiple', 'Only one reference can have Controller set to true'));
  }
  return causes;
}
