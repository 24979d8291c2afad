import { BadRequestError, fieldCause, goSharpV, InvalidError, KubeObject } from '@app/api-machinery';
import { RequestScope, requestApiVersion } from '../request-scope.js';
import { isObject } from './object-schema.js';

const PATCH_OPTIONS = { group: 'meta.k8s.io', kind: 'PatchOptions' };

/** kube's ValidatePatchOptions: apply needs a fieldManager; `force` belongs to apply only. */
export function validatePatchOptions(apply: boolean, fieldManager: string | undefined, force: boolean | undefined): void {
  if (apply && !fieldManager) throw new InvalidError(PATCH_OPTIONS, '', [fieldCause.required('fieldManager', 'is required for apply patch')]);
  if (!apply && force) throw new InvalidError(PATCH_OPTIONS, '', [fieldCause.forbidden('force', 'may not be specified for non-apply patch')]);
}

/**
 * Checks an applied configuration as kube-apiserver does (400 for each failure): an object of
 * exactly the URL's group/version/kind, no managedFields, the URL's name and namespace. Returns
 * the configuration without nulls, reduced to what the target may change (only `status` through
 * the status subresource; everything but `status` on a main resource that has one).
 */
export function checkApplyConfig(scope: RequestScope, name: string, patch: unknown, subresource: string | undefined): KubeObject {
  if (!isObject(patch)) throw new BadRequestError('error decoding YAML: the applied configuration must be an object');
  const config = withoutNulls(patch) as KubeObject;
  if (config.apiVersion !== requestApiVersion(scope) || config.kind !== scope.definition.kind) {
    throw new BadRequestError(`invalid object type: ${groupVersionKind(config.apiVersion, config.kind)}`);
  }
  if (config.metadata !== undefined && !isObject(config.metadata)) throw new BadRequestError('error decoding YAML: metadata must be an object');
  const metadata = config.metadata ?? {};
  if ((patch.metadata as KubeObject['metadata'])?.managedFields != null) throw new BadRequestError('metadata.managedFields must be nil');
  checkResourceVersionType(scope, metadata);
  if (metadata.name !== undefined && metadata.name !== name) {
    throw new BadRequestError(`the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`);
  }
  const namespace = scope.definition.scope === 'Namespaced' ? scope.namespace : undefined;
  if (namespace !== undefined && metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== namespace) {
    throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
  }
  return forTarget(scope, config, subresource);
}

function forTarget(scope: RequestScope, config: KubeObject, subresource: string | undefined): KubeObject {
  if (subresource === 'status') {
    const { name, namespace, uid, resourceVersion } = config.metadata ?? {};
    const metadata = JSON.parse(JSON.stringify({ name, namespace, uid, resourceVersion })) as KubeObject['metadata'];
    return { apiVersion: config.apiVersion, kind: config.kind, metadata, ...(config.status !== undefined ? { status: config.status } : {}) };
  }
  if (!scope.version.subresources.status) return config;
  const { status: _ignored, ...rest } = config;
  return rest;
}

/**
 * kube's field manager converts the configuration to its typed form and fails on a non-string
 * `metadata.resourceVersion` with this message (kube answers it as a 500; a client's mistake is a
 * 400 here). A null was dropped before: no precondition, as in kube.
 */
function checkResourceVersionType(scope: RequestScope, metadata: NonNullable<KubeObject['metadata']>): void {
  const rv = metadata.resourceVersion as unknown;
  if (rv === undefined || typeof rv === 'string') return;
  const target = `${typeof metadata.namespace === 'string' ? metadata.namespace : ''}/${typeof metadata.name === 'string' ? metadata.name : ''}`;
  const gvk = groupVersionKind(requestApiVersion(scope), scope.definition.kind);
  throw new BadRequestError(`failed to create typed patch object (${target}; ${gvk}): .metadata.resourceVersion: expected string, got &value.valueUnstructured{Value:${goSharpV(rv)}}`);
}

/** Go's schema.GroupVersionKind String(): `group/version, Kind=kind`. */
function groupVersionKind(apiVersion: unknown, kind: unknown): string {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  const [group, version] = text.includes('/') ? [text.slice(0, text.lastIndexOf('/')), text.slice(text.lastIndexOf('/') + 1)] : ['', text];
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

/** A JSON null in an applied configuration sets nothing: it is dropped (with the key that holds it). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) if (child !== null && child !== undefined) out[key] = withoutNulls(child);
  return out;
}
