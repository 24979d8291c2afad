import { BadRequestError, hasOwn, isJsonObject, setOwn } from '@app/api-machinery';

/** True for `{...}` values: not arrays, not null, not class instances. */
export const isPlainObject = isJsonObject;
export { hasOwn, setOwn };

/** Own property lookup: `__proto__` and `constructor` are ordinary keys in parsed JSON. */
export function getOwn(object: Record<string, unknown>, key: string): unknown {
  return hasOwn(object, key) ? object[key] : undefined;
}

/** The value at `path` (own properties only), or undefined. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = getOwn(current, key);
  }
  return current;
}

/**
 * Nesting depth of a JSON value, computed without recursion so that hostile input cannot
 * overflow the stack; stops counting once `limit` is exceeded.
 */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const level = depth + 1;
    if (level > max) max = level;
    if (max > limit) return max;
    for (const child of Object.values(node as object)) stack.push([child, level]);
  }
  return max;
}

/** The texts a webhook body parser refuses with (each names the review it expects). */
export interface BodyMessages {
  emptyBody(): string;
  notJson(detail: string): string;
  notAnObject(got: unknown): string;
}

/**
 * A webhook request body as a JSON object: parsed when it arrives as text or a Buffer, used as is
 * when already parsed. Throws BadRequestError (400) for an empty body, invalid JSON or anything
 * but an object.
 */
export function parseJsonObjectBody(body: unknown, messages: BodyMessages): Record<string, unknown> {
  let value = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    const text = value.toString();
    if (text.trim() === '') throw new BadRequestError(messages.emptyBody());
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      throw new BadRequestError(messages.notJson((error as Error).message));
    }
  }
  if (value === undefined || value === null) throw new BadRequestError(messages.emptyBody());
  if (!isPlainObject(value)) throw new BadRequestError(messages.notAnObject(value));
  return value;
}
