import { deepClone } from '../util/deep-clone.js';
import { deepEqual } from '../util/deep-equal.js';
import { hasOwn, isJsonObject, setOwn } from '../util/json.js';
import { decodeJsonPatch, DecodedOperation } from './json-patch-decode.js';
import { arrayIndex } from './json-pointer.js';
import { JsonPatchApplyError } from './patch-errors.js';

/** Where a pointer lands: the container holding the target and the last token. */
interface Location {
  parent: unknown[] | Record<string, unknown>;
  key: string;
}

/**
 * Applies an RFC 6902 patch and returns the new document; `document` is never mutated and the
 * result shares no objects with it or with the patch. Operations apply in order, all or nothing.
 * Throws BadRequestError for a malformed patch, JsonPatchApplyError (422) when it does not apply.
 */
export function applyJsonPatch<T>(document: T, operations: unknown): T {
  const decoded = decodeJsonPatch(operations);
  let root: unknown = deepClone(document);
  for (const operation of decoded) root = applyOperation(root, operation);
  return root as T;
}

function applyOperation(root: unknown, operation: DecodedOperation): unknown {
  switch (operation.op) {
    case 'add':
      return add(root, operation.tokens, deepClone(operation.value), operation);
    case 'remove':
      remove(locate(root, operation.tokens, operation), operation);
      return root;
    case 'replace':
      return replace(root, operation);
    case 'move':
      return move(root, operation);
    case 'copy':
      return add(root, operation.tokens, deepClone(read(root, operation.from!.tokens, operation, operation.from!.pointer)), operation);
    case 'test':
      if (!deepEqual(read(root, operation.tokens, operation, operation.path), operation.value)) fail(`testing value ${operation.path} failed: test failed`);
      return root;
  }
}

function add(root: unknown, tokens: string[], value: unknown, operation: DecodedOperation): unknown {
  if (tokens.length === 0) return value;
  const { parent, key } = locate(root, tokens, operation);
  if (!Array.isArray(parent)) {
    setOwn(parent, key, value);
    return root;
  }
  const index = key === '-' ? parent.length : arrayIndex(key);
  if (index === undefined || index > parent.length) fail(`error in add for path: '${operation.path}': Unable to access invalid index: ${key}: invalid index referenced`);
  parent.splice(index, 0, value);
  return root;
}

function remove({ parent, key }: Location, operation: DecodedOperation): unknown {
  if (Array.isArray(parent)) {
    const index = existingIndex(parent, key, operation);
    return parent.splice(index, 1)[0];
  }
  if (!hasOwn(parent, key)) fail(`error in remove for path: '${operation.path}': Unable to remove nonexistent key: ${key}: missing value`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function replace(root: unknown, operation: DecodedOperation): unknown {
  const value = deepClone(operation.value);
  if (operation.tokens.length === 0) return value;
  const { parent, key } = locate(root, operation.tokens, operation);
  if (Array.isArray(parent)) parent[existingIndex(parent, key, operation)] = value;
  else if (hasOwn(parent, key)) setOwn(parent, key, value);
  else fail(`replace operation does not apply: doc is missing key: ${operation.path}: missing value`);
  return root;
}

function move(root: unknown, operation: DecodedOperation): unknown {
  const from = operation.from!;
  if (from.pointer === operation.path) {
    read(root, from.tokens, operation, from.pointer);
    return root;
  }
  if (isPrefix(from.tokens, operation.tokens)) fail(`move operation does not apply: from ${from.pointer} is an ancestor of path ${operation.path}`);
  const value = remove(locate(root, from.tokens, operation, from.pointer), operation);
  return add(root, operation.tokens, value, operation);
}

/** The value at a pointer; fails (422) when it does not exist. */
function read(root: unknown, tokens: string[], operation: DecodedOperation, pointer: string): unknown {
  if (tokens.length === 0) return root;
  const { parent, key } = locate(root, tokens, operation, pointer);
  if (Array.isArray(parent)) return parent[existingIndex(parent, key, operation)];
  if (!hasOwn(parent, key)) fail(`${operation.op} operation does not apply: doc is missing path: ${pointer}: missing value`);
  return parent[key];
}

/** Walks to the container of the last token; every intermediate value must exist. */
function locate(root: unknown, tokens: string[], operation: DecodedOperation, pointer = operation.path): Location {
  if (tokens.length === 0) fail(`${operation.op} operation does not apply: doc is missing path: "${pointer}"`);
  let current = root;
  for (const token of tokens.slice(0, -1)) current = child(current, token);
  if (!Array.isArray(current) && !isJsonObject(current)) fail(`${operation.op} operation does not apply: doc is missing path: "${pointer}": missing value`);
  return { parent: current, key: tokens[tokens.length - 1] };

  function child(value: unknown, token: string): unknown {
    if (Array.isArray(value)) {
      const index = arrayIndex(token);
      if (index !== undefined && index < value.length) return value[index];
    } else if (isJsonObject(value) && hasOwn(value, token)) {
      return value[token];
    }
    return fail(`${operation.op} operation does not apply: doc is missing path: "${pointer}": missing value`);
  }
}

function existingIndex(array: unknown[], token: string, operation: DecodedOperation): number {
  const index = arrayIndex(token);
  if (index === undefined || index >= array.length) fail(`error in ${operation.op} for path: '${operation.path}': Unable to access invalid index: ${token}: invalid index referenced`);
  return index;
}

function isPrefix(prefix: string[], tokens: string[]): boolean {
  return prefix.length < tokens.length && prefix.every((token, i) => tokens[i] === token);
}

function fail(detail: string): never {
  throw new JsonPatchApplyError(detail);
}
