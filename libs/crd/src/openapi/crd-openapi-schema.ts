import { JsonSchemaProps } from '../definition/custom-resource-definition.js';
import { META, describedRef } from './openapi-names.js';
import { OBJECT_METADATA_DESCRIPTION, TYPE_META_PROPERTIES } from './meta-schemas.js';
import { mapSchema } from './schema-walk.js';
import { OpenApiSchema } from './openapi.types.js';

/** The JSONSchemaProps keys that OpenAPI 3.0 Schema Objects also have (kube's ToKubeOpenAPI keeps these). */
const OPENAPI_KEYS = new Set([
  'type', 'format', 'title', 'description', 'default', 'enum', 'nullable', 'example', 'externalDocs',
  'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'multipleOf',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties',
  'required', 'properties', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not',
]);

/**
 * A CRD version's openAPIV3Schema as kube publishes it in OpenAPI v3: only OpenAPI keywords and
 * `x-kubernetes-*` extensions, int-or-string unfolded to `anyOf: [integer, string]`, embedded
 * resources given apiVersion/kind/metadata. Pure: the input is not modified.
 */
export function toOpenApiSchema(schema: JsonSchemaProps): OpenApiSchema {
  return mapSchema(structuredClone(schema), (node) => {
    const out = Object.fromEntries(Object.entries(node).filter(([key]) => OPENAPI_KEYS.has(key) || key.startsWith('x-kubernetes-')));
    if (Array.isArray(out.items)) delete out.items;
    if (out['x-kubernetes-int-or-string'] === true && out.anyOf === undefined && out.allOf === undefined) {
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
    }
    if (out['x-kubernetes-embedded-resource'] === true) embed(out);
    return out;
  });
}

function embed(node: OpenApiSchema): void {
  const properties = (node.properties ?? {}) as Record<string, OpenApiSchema>;
  node.properties = { ...properties, ...TYPE_META_PROPERTIES, metadata: describedRef(META.objectMeta, OBJECT_METADATA_DESCRIPTION) };
  const required = Array.isArray(node.required) ? [...(node.required as string[])] : [];
  for (const name of ['kind', 'apiVersion']) if (!required.includes(name)) required.push(name);
  node.required = required;
}
