import { hasOwn, isJsonObject, jsonKeys } from './json.js';

/**
 * Structural equality of JSON-like values: key order does not matter, array order does,
 * members set to `undefined` count as absent. Numbers compare by value (`0 === -0`).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && arraysEqual(a, b);
  if (isJsonObject(a)) return isJsonObject(b) && objectsEqual(a, b);
  return false;
}

function arraysEqual(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
}

function objectsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = jsonKeys(a);
  if (keys.length !== jsonKeys(b).length) return false;
  return keys.every((key) => hasOwn(b, key) && deepEqual(a[key], b[key]));
}
