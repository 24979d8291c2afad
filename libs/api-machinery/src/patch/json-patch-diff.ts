import { deepClone } from '../util/deep-clone.js';
import { deepEqual } from '../util/deep-equal.js';
import { hasOwn, isJsonObject, jsonKeys } from '../util/json.js';
import { JsonPatchOperation } from './json-patch-decode.js';
import { escapeJsonPointerToken } from './json-pointer.js';

/**
 * An RFC 6902 patch that turns `before` into `after`: object members are diffed by key, arrays
 * element by element (common prefix diffed, surplus removed from the end, new items appended),
 * anything else replaced. Applying it to `before` yields a value deepEqual to `after`; equal
 * inputs give `[]`. Values in the patch are copies.
 */
export function createJsonPatch(before: unknown, after: unknown): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  diff(before, after, '', operations);
  return operations;
}

function diff(before: unknown, after: unknown, path: string, out: JsonPatchOperation[]): void {
  if (deepEqual(before, after)) return;
  if (isJsonObject(before) && isJsonObject(after)) diffObjects(before, after, path, out);
  else if (Array.isArray(before) && Array.isArray(after)) diffArrays(before, after, path, out);
  else out.push({ op: 'replace', path, value: deepClone(after) });
}

function diffObjects(before: Record<string, unknown>, after: Record<string, unknown>, path: string, out: JsonPatchOperation[]): void {
  for (const key of jsonKeys(before)) {
    if (!hasOwn(after, key) || after[key] === undefined) out.push({ op: 'remove', path: `${path}/${escapeJsonPointerToken(key)}` });
  }
  for (const key of jsonKeys(after)) {
    const child = `${path}/${escapeJsonPointerToken(key)}`;
    if (hasOwn(before, key) && before[key] !== undefined) diff(before[key], after[key], child, out);
    else out.push({ op: 'add', path: child, value: deepClone(after[key]) });
  }
}

function diffArrays(before: unknown[], after: unknown[], path: string, out: JsonPatchOperation[]): void {
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) diff(before[i], after[i], `${path}/${i}`, out);
  for (let i = before.length - 1; i >= after.length; i--) out.push({ op: 'remove', path: `${path}/${i}` });
  for (let i = before.length; i < after.length; i++) out.push({ op: 'add', path: `${path}/${i}`, value: deepClone(after[i]) });
}
