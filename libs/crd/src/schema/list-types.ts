import { StatusCause } from '@app/api-machinery';
import { kubeCause } from './field-errors.js';
import { fieldPath, PathSegment } from './field-path.js';
import { additionalSchema, isPlainObject, itemsSchema, propertySchema, Schema } from './json-schema.js';
import { formatKubeValue } from './kube-value.js';

/**
 * Checks `x-kubernetes-list-type: set` (no duplicate items) and `map` (no two items with the
 * same `x-kubernetes-list-map-keys` values), reporting `Duplicate value` on the later item as
 * kube-apiserver does. Follows the schema only.
 */
export function validateListTypes(value: unknown, schema: Schema, path: PathSegment[] = []): StatusCause[] {
  const causes: StatusCause[] = [];
  walk(value, schema, path, causes);
  return causes;
}

function walk(value: unknown, schema: Schema, path: PathSegment[], causes: StatusCause[]): void {
  if (Array.isArray(value)) {
    checkList(value, schema, path, causes);
    const items = itemsSchema(schema);
    if (items) value.forEach((item, index) => walk(item, items, [...path, index], causes));
  } else if (isPlainObject(value)) {
    const additional = additionalSchema(schema);
    for (const key of Object.keys(value)) {
      const child = propertySchema(schema, key) ?? (additional === 'any' ? undefined : additional);
      if (child) walk(value[key], child, [...path, key], causes);
    }
  }
}

function checkList(items: unknown[], schema: Schema, path: PathSegment[], causes: StatusCause[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return;
  const keys = Array.isArray(schema['x-kubernetes-list-map-keys']) ? (schema['x-kubernetes-list-map-keys'] as string[]) : [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const identity = listType === 'set' ? item : mapKey(item, keys);
    if (identity === undefined) return;
    const fingerprint = formatKubeValue(identity);
    if (seen.has(fingerprint)) causes.push(kubeCause.duplicate(fieldPath([...path, index]), identity));
    seen.add(fingerprint);
  });
}

function mapKey(item: unknown, keys: string[]): Record<string, unknown> | undefined {
  if (!isPlainObject(item) || keys.length === 0) return undefined;
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(item, key)).map((key) => [key, item[key]]));
}
