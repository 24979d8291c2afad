import { BadRequestError, RequestEntityTooLargeError } from '../errors/status-error.js';
import { hasOwn, isJsonObject } from '../util/json.js';
import { parseJsonPointer } from './json-pointer.js';

export type JsonPatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

/** One RFC 6902 operation. `value` is required for add/replace/test, `from` for move/copy. */
export interface JsonPatchOperation {
  op: JsonPatchOp;
  path: string;
  value?: unknown;
  from?: string;
}

/** A validated operation with its pointers already split into tokens. */
export interface DecodedOperation {
  op: JsonPatchOp;
  path: string;
  tokens: string[];
  value?: unknown;
  from?: { pointer: string; tokens: string[] };
}

/** kube-apiserver's limit on the number of operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const OPS: readonly JsonPatchOp[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/**
 * Validates the shape of a patch document. Throws BadRequestError when it is not an array of
 * operations (unknown op, missing or malformed path/from, missing value), and
 * RequestEntityTooLargeError above 10000 operations, as kube-apiserver does.
 */
export function decodeJsonPatch(operations: unknown): DecodedOperation[] {
  if (!Array.isArray(operations)) throw new BadRequestError(`json: cannot unmarshal ${goJsonType(operations)} into Go value of type jsonpatch.Patch`);
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new RequestEntityTooLargeError(`Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`);
  }
  return operations.map(decodeOperation);
}

function decodeOperation(operation: unknown): DecodedOperation {
  if (!isJsonObject(operation)) throw new BadRequestError(`json: cannot unmarshal ${goJsonType(operation)} into Go value of type jsonpatch.Operation`);
  const op = operation.op;
  if (typeof op !== 'string' || !OPS.includes(op as JsonPatchOp)) throw new BadRequestError(`Unexpected kind: ${typeof op === 'string' ? op : 'unknown'}`);
  const kind = op as JsonPatchOp;
  const path = pointerMember(operation, 'path', kind);
  const decoded: DecodedOperation = { op: kind, path: path.pointer, tokens: path.tokens };
  if (kind === 'move' || kind === 'copy') decoded.from = pointerMember(operation, 'from', kind);
  if (kind === 'add' || kind === 'replace' || kind === 'test') {
    if (!hasOwn(operation, 'value') || operation.value === undefined) throw new BadRequestError(`${kind} operation, missing value field`);
    decoded.value = operation.value;
  }
  return decoded;
}

function pointerMember(operation: Record<string, unknown>, member: 'path' | 'from', op: JsonPatchOp): { pointer: string; tokens: string[] } {
  const pointer = operation[member];
  if (typeof pointer !== 'string') throw new BadRequestError(`${op} operation, missing ${member} field`);
  const tokens = parseJsonPointer(pointer);
  if (!tokens) throw new BadRequestError(`${op} operation, invalid JSON pointer in ${member}: ${JSON.stringify(pointer)}`);
  return { pointer, tokens };
}

/** The JSON type name Go's decoder reports (`object`, `string`, `number`, `bool`). */
function goJsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return Array.isArray(value) ? 'array' : 'object';
  return typeof value;
}
