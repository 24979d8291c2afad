/** A node of an OpenAPI v3 schema (a CRD's JSONSchemaProps), read defensively. */
export type Schema = Record<string, unknown>;

/** Top-level fields of a resource that schema pruning, defaulting and validation never touch. */
export const META_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema of property `key`, looked up as an own property (never `constructor`, `__proto__`). */
export function propertySchema(schema: Schema | undefined, key: string): Schema | undefined {
  const properties = schema?.properties;
  if (!isPlainObject(properties) || !Object.hasOwn(properties, key)) return undefined;
  const child = properties[key];
  return isPlainObject(child) ? child : undefined;
}

/** The property schemas of an object schema, in declaration order. */
export function propertyEntries(schema: Schema | undefined): [string, Schema][] {
  const properties = schema?.properties;
  if (!isPlainObject(properties)) return [];
  return Object.entries(properties).filter((entry): entry is [string, Schema] => isPlainObject(entry[1]));
}

/** The schema of array items, when given as one schema. */
export function itemsSchema(schema: Schema | undefined): Schema | undefined {
  return isPlainObject(schema?.items) ? (schema.items as Schema) : undefined;
}

/**
 * What `additionalProperties` allows: a schema for map values, `'any'` for `true`, or undefined
 * when the object admits only its declared properties.
 */
export function additionalSchema(schema: Schema | undefined): Schema | 'any' | undefined {
  const additional = schema?.additionalProperties;
  if (additional === true) return 'any';
  return isPlainObject(additional) ? additional : undefined;
}

/** `x-kubernetes-preserve-unknown-fields: true`. */
export function preservesUnknownFields(schema: Schema | undefined): boolean {
  return schema?.['x-kubernetes-preserve-unknown-fields'] === true;
}

/** `x-kubernetes-embedded-resource: true`: apiVersion, kind and metadata are kept as they are. */
export function isEmbeddedResource(schema: Schema | undefined): boolean {
  return schema?.['x-kubernetes-embedded-resource'] === true;
}
