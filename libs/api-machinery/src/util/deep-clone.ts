import { isJsonObject, jsonKeys, setOwn } from './json.js';

/**
 * Deep copy of a JSON-like value: arrays and plain objects are copied, everything else is
 * returned as is. Members whose value is `undefined` are dropped, as JSON would.
 * Never mutates its input; safe for keys such as `__proto__`.
 */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => deepClone(item)) as T;
  if (!isJsonObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of jsonKeys(value)) setOwn(copy, key, deepClone(value[key]));
  return copy as T;
}
