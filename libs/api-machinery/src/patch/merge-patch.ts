import { deepClone } from '../util/deep-clone.js';
import { isJsonObject, jsonKeys, setOwn } from '../util/json.js';

/**
 * RFC 7386 JSON merge patch: a non-object patch replaces the target; object members set to
 * null are removed, others merge recursively. Returns a new value that shares no objects with
 * `target` or `patch`; neither input is mutated.
 */
export function applyMergePatch<T = unknown>(target: unknown, patch: unknown): T {
  if (!isJsonObject(patch)) return deepClone(patch) as T;
  const result: Record<string, unknown> = isJsonObject(target) ? deepClone(target) : {};
  for (const key of jsonKeys(patch)) {
    const value = patch[key];
    if (value === null) delete result[key];
    else setOwn(result, key, applyMergePatch(Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined, value));
  }
  return result as T;
}
