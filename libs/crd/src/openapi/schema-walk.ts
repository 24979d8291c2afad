import { OpenApiSchema } from './openapi.types.js';
import { refTarget } from './openapi-names.js';

const SCHEMA_MAPS = ['properties'] as const;
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not'] as const;

const isSchema = (value: unknown): value is OpenApiSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Rebuilds `schema` bottom-up, applying `visit` to every nested schema and then to the root. */
export function mapSchema(schema: OpenApiSchema, visit: (node: OpenApiSchema) => OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = { ...schema };
  for (const key of SCHEMA_MAPS) {
    const map = out[key];
    if (isSchema(map)) out[key] = Object.fromEntries(Object.entries(map).map(([name, child]) => [name, isSchema(child) ? mapSchema(child, visit) : child]));
  }
  for (const key of SCHEMA_LISTS) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map((child: unknown) => (isSchema(child) ? mapSchema(child, visit) : child));
  }
  for (const key of SCHEMA_VALUES) {
    const child = out[key];
    if (isSchema(child)) out[key] = mapSchema(child, visit);
  }
  return visit(out);
}

/**
 * kube-openapi's wrapRefs: a `$ref` with sibling keys (a description, a default) becomes
 * `{ ...siblings, allOf: [{ $ref }] }`, since OpenAPI 3.0 ignores a reference's siblings.
 */
export function wrapRefs(schema: OpenApiSchema): OpenApiSchema {
  return mapSchema(schema, (node) => {
    if (node.$ref === undefined || Object.keys(node).length === 1) return node;
    const { $ref, ...siblings } = node;
    return { ...siblings, allOf: [{ $ref }] };
  });
}

/** Names of the components `value` (a schema, an operation, a path item) references. */
export function componentRefs(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => componentRefs(item, found));
  else if (isSchema(value)) {
    for (const [key, child] of Object.entries(value)) {
      const target = key === '$ref' ? refTarget(child) : undefined;
      if (target !== undefined) found.add(target);
      else componentRefs(child, found);
    }
  }
  return found;
}
