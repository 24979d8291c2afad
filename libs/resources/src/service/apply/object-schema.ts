import { keyElement, PathElement, valueElement } from './field-set.js';

/** An OpenAPI v3 schema node as CRDs write it (x-kubernetes-* extensions included). */
export type Schema = Record<string, unknown>;

/** Anything goes; maps are granular, lists atomic (structured-merge-diff's "deduced" type). */
export const DEDUCED: Schema = { 'x-kubernetes-preserve-unknown-fields': true };

const STRING: Schema = { type: 'string' };
const STRING_MAP: Schema = { type: 'object', additionalProperties: STRING };

/**
 * ObjectMeta as structured merge sees it. Server-set fields (name, uid, resourceVersion,
 * managedFields, ...) are left out on purpose: they are never part of a manager's set
 * (kube strips them), so the walkers skip them.
 */
const OBJECT_META: Schema = {
  type: 'object',
  properties: {
    generateName: STRING,
    labels: STRING_MAP,
    annotations: STRING_MAP,
    finalizers: { type: 'array', items: STRING, 'x-kubernetes-list-type': 'set' },
    ownerReferences: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['uid'],
      items: {
        type: 'object',
        properties: { apiVersion: STRING, kind: STRING, name: STRING, uid: STRING, controller: { type: 'boolean' }, blockOwnerDeletion: { type: 'boolean' } },
      },
    },
  },
};

/** The schema of a whole object: the version's schema with kube's ObjectMeta under `metadata`. */
export function objectSchema(openAPIV3Schema: Schema | undefined): Schema {
  const root = openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties = (isObject(root.properties) ? root.properties : {}) as Record<string, Schema>;
  return { ...root, type: 'object', properties: { ...properties, apiVersion: STRING, kind: STRING, metadata: OBJECT_META } };
}

/** What a schema node is to structured merge, given the value found there. */
export type Shape =
  | { kind: 'scalar' }
  | { kind: 'map'; atomic: boolean; schema: Schema }
  | { kind: 'list'; atomic: true }
  | { kind: 'list'; atomic: false; element: (item: unknown) => PathElement; items: Schema; keys: readonly string[] };

export function shapeOf(schema: Schema, value: unknown): Shape {
  const type = schema.type ?? (isDeduced(schema) ? deducedType(value) : undefined);
  if (type === 'object' && isObject(value)) return { kind: 'map', atomic: schema['x-kubernetes-map-type'] === 'atomic', schema };
  if (type === 'array' && Array.isArray(value)) return listShape(schema, value);
  return { kind: 'scalar' };
}

/** The schema of `key` in a map node; undefined for a field the schema does not know. */
export function fieldSchema(schema: Schema, key: string): Schema | undefined {
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, key)) return properties[key];
  if (isObject(schema.additionalProperties)) return schema.additionalProperties as Schema;
  if (schema.additionalProperties === true || isDeduced(schema)) return DEDUCED;
  return undefined;
}

/** True for a declared property (a struct field) as opposed to an entry of a map. */
export function isDeclaredField(schema: Schema, key: string): boolean {
  const properties = schema.properties as Record<string, Schema> | undefined;
  return !!properties && Object.prototype.hasOwnProperty.call(properties, key);
}

function listShape(schema: Schema, list: unknown[]): Shape {
  const type = schema['x-kubernetes-list-type'];
  const items = (isObject(schema.items) ? schema.items : DEDUCED) as Schema;
  if (type === 'set' && list.every((item) => item === null || typeof item !== 'object')) {
    return { kind: 'list', atomic: false, items, keys: [], element: (item) => valueElement(item) };
  }
  const keys = schema['x-kubernetes-list-map-keys'];
  if (type === 'map' && Array.isArray(keys) && keys.length > 0 && list.every((item) => isObject(item) && keys.every((key) => (item as Record<string, unknown>)[key] !== undefined))) {
    return { kind: 'list', atomic: false, items, keys: keys as string[], element: (item) => keyElement(item as Record<string, unknown>, keys as string[]) };
  }
  return { kind: 'list', atomic: true };
}

function isDeduced(schema: Schema): boolean {
  return schema['x-kubernetes-preserve-unknown-fields'] === true || (schema.type === undefined && schema.properties === undefined);
}

function deducedType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return isObject(value) ? 'object' : 'scalar';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
