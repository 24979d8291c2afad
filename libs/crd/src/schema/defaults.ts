import { additionalSchema, isPlainObject, itemsSchema, META_FIELDS, propertyEntries, propertySchema, Schema } from './json-schema.js';

/**
 * Structural defaulting as kube-apiserver does it: a property's `default` is applied (deep
 * copied) when the property is absent, or null while not `nullable`, and its parent object
 * exists; defaults of array items and map values apply per element. A null, non-nullable field
 * without a default is dropped. Runs in place, after pruning, recursing only along the schema.
 * apiVersion, kind and metadata at the root are left alone.
 */
export function applyDefaults(object: Record<string, unknown>, schema: Schema): void {
  defaultObject(object, schema, true);
}

function applyTo(value: unknown, schema: Schema | undefined): void {
  if (!schema) return;
  if (isPlainObject(value)) defaultObject(value, schema, false);
  else if (Array.isArray(value)) defaultItems(value, schema);
}

function defaultObject(object: Record<string, unknown>, schema: Schema, root: boolean): void {
  for (const [key, property] of propertyEntries(schema)) {
    if (root && META_FIELDS.has(key)) continue;
    fillIfMissing(object, key, property);
  }
  const additional = additionalSchema(schema);
  for (const key of Object.keys(object)) {
    if (root && META_FIELDS.has(key)) continue;
    const property = propertySchema(schema, key);
    if (property) applyTo(object[key], property);
    else if (additional && additional !== 'any') {
      fillIfMissing(object, key, additional);
      applyTo(object[key], additional);
    }
  }
}

function defaultItems(items: unknown[], schema: Schema): void {
  const itemSchema = itemsSchema(schema);
  if (!itemSchema) return;
  for (let index = 0; index < items.length; index++) {
    if (isNonNullableNull(items[index], itemSchema) && itemSchema.default !== undefined) {
      items[index] = structuredClone(itemSchema.default);
    }
    applyTo(items[index], itemSchema);
  }
}

function fillIfMissing(object: Record<string, unknown>, key: string, property: Schema): void {
  const present = Object.hasOwn(object, key);
  if (present && !isNonNullableNull(object[key], property)) return;
  if (property.default !== undefined) object[key] = structuredClone(property.default);
  else if (present) delete object[key];
}

function isNonNullableNull(value: unknown, schema: Schema): boolean {
  return value === null && schema.nullable !== true;
}
