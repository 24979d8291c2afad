import { KubeObject } from '@app/api-machinery';
import { getOwn, isPlainObject, setOwn } from '../util/json.js';

/**
 * The map at `object[key]`, created when absent (or null); undefined when the member exists
 * with another type, in which case mutators leave it alone for schema validation to reject.
 */
export function ensureMap(object: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const current = getOwn(object, key);
  if (isPlainObject(current)) return current;
  if (current !== undefined && current !== null) return undefined;
  const created: Record<string, unknown> = {};
  setOwn(object, key, created);
  return created;
}

/** `metadata.<key>` (labels, annotations) as a map, created when absent. */
export function metadataMap(object: KubeObject, key: 'labels' | 'annotations'): Record<string, unknown> | undefined {
  const metadata = ensureMap(object as Record<string, unknown>, 'metadata');
  return metadata ? ensureMap(metadata, key) : undefined;
}

/** True when `map[key]` is absent or null (Kubernetes treats a null field as unset). */
export function isUnset(map: Record<string, unknown>, key: string): boolean {
  const value = getOwn(map, key);
  return value === undefined || value === null;
}
