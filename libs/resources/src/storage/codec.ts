import { KubeObject } from '@app/api-machinery';
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

/** Parses a client-supplied resourceVersion; undefined for absent/empty, NaN for garbage (a body may hold any JSON type there). */
export function parseResourceVersion(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
}
