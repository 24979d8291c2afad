import { KubeObject, parseResourceVersion as parseApiResourceVersion } from '@app/api-machinery';
import { KeyValue } from '@app/storage';

/**
 * Objects are stored as JSON without `metadata.resourceVersion` (the store's revision is the
 * resourceVersion, set on the way out), exactly as kube-apiserver treats etcd.
 */
export function encode(object: KubeObject): string {
  const { resourceVersion: _ignored, ...metadata } = object.metadata ?? {};
  return JSON.stringify({ ...object, metadata });
}

export function decode(kv: KeyValue): KubeObject {
  const object = JSON.parse(kv.value) as KubeObject;
  object.metadata = { ...object.metadata, resourceVersion: String(kv.modRevision) };
  return object;
}

/**
 * Parses a client-supplied resourceVersion: undefined for absent/empty, the revision for a uint64,
 * 400 BadRequest (kube's wording) for anything else, before any store call (so no read waits for
 * a revision that cannot come).
 */
export function parseResourceVersion(value: string | undefined): number | undefined {
  return parseApiResourceVersion(value);
}
