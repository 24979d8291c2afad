import { FieldSet, PathElement, sortedElements } from './field-set.js';

/** FieldsV1 (managedFields[].fieldsV1) is malformed. */
export class FieldsV1Error extends Error {}

/**
 * Encodes a set as FieldsV1: one JSON member per path element, `{}` for a leaf, `"."` for a
 * path that is in the set and also has children (as structured-merge-diff serialises it).
 */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (set.member && set.children.size > 0) out['.'] = {};
  for (const element of sortedElements(set.children.keys())) {
    const child = set.children.get(element)!;
    if (!child.isEmpty()) out[element] = toFieldsV1(child);
  }
  return out;
}

/** Decodes FieldsV1; throws FieldsV1Error when it is not a well-formed field set. */
export function fromFieldsV1(json: unknown): FieldSet {
  const set = new FieldSet();
  decodeInto(set, json, true);
  return set;
}

function decodeInto(node: FieldSet, json: unknown, root: boolean): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new FieldsV1Error('expected an object');
  const entries = Object.entries(json as Record<string, unknown>);
  if (!root && entries.length === 0) node.member = true;
  for (const [key, value] of entries) {
    if (key === '.') {
      node.member = true;
      continue;
    }
    const child = new FieldSet();
    decodeInto(child, value, false);
    node.children.set(canonicalElement(key), child);
  }
}

function canonicalElement(key: string): PathElement {
  const kind = key.slice(0, 2);
  const rest = key.slice(2);
  if (kind === 'f:') return key;
  if (kind === 'i:' && /^\d+$/.test(rest)) return key;
  try {
    const parsed: unknown = JSON.parse(rest);
    if (kind === 'v:') return `v:${JSON.stringify(parsed)}`;
    if (kind === 'k:' && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const sorted = Object.keys(parsed).sort().map((name) => [name, (parsed as Record<string, unknown>)[name]]);
      return `k:${JSON.stringify(Object.fromEntries(sorted))}`;
    }
  } catch {
    /* reported below */
  }
  throw new FieldsV1Error(`invalid path element ${JSON.stringify(key)}`);
}

/** A path as structured-merge-diff prints it in conflicts: `.spec.replicas`, `.status.conditions[type="Ready"]`. */
export function formatPath(path: readonly PathElement[]): string {
  return path.map(formatElement).join('');
}

function formatElement(element: PathElement): string {
  const rest = element.slice(2);
  switch (element[0]) {
    case 'f':
      return `.${rest}`;
    case 'k': {
      const keys = JSON.parse(rest) as Record<string, unknown>;
      return `[${Object.entries(keys).map(([name, value]) => `${name}=${formatValue(value)}`).join(',')}]`;
    }
    case 'v':
      return `[=${formatValue(JSON.parse(rest))}]`;
    default:
      return `[${rest}]`;
  }
}

function formatValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(',')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}=${formatValue(v)}`).join(',')}}`;
  return String(value);
}
