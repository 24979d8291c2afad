import { ResourceDefinition, ResourceVersion } from '../definition/resource-definition.js';
import { toOpenApiSchema } from './crd-openapi-schema.js';
import { LIST_METADATA_DESCRIPTION, OBJECT_METADATA_DESCRIPTION, TYPE_META_PROPERTIES } from './meta-schemas.js';
import { META, definitionName, describedRef, gvkExtension, refTo } from './openapi-names.js';
import { OpenApiSchema } from './openapi.types.js';

/**
 * The component schema of a resource's kind in one version, as apiextensions-apiserver builds
 * it: the version's schema with kube's apiVersion/kind, metadata as ObjectMeta and the GVK
 * extension; a bare `object` when the version has no schema.
 */
export function resourceSchema(definition: ResourceDefinition, version: ResourceVersion): OpenApiSchema {
  const gvk = gvkExtension(definition.group, version.name, definition.kind);
  if (!version.openAPIV3Schema) return { type: 'object', ...gvk };
  const schema = toOpenApiSchema(version.openAPIV3Schema);
  const properties = (schema.properties ?? {}) as Record<string, OpenApiSchema>;
  schema.properties = { ...properties, ...TYPE_META_PROPERTIES, metadata: describedRef(META.objectMeta, OBJECT_METADATA_DESCRIPTION) };
  return { ...schema, ...gvk };
}

/** The `<Kind>List` component schema: TypeMeta, ListMeta and the items, with the list kind's GVK. */
export function listSchema(definition: ResourceDefinition, version: ResourceVersion): OpenApiSchema {
  const itemName = definitionName(definition, version.name, definition.kind);
  return {
    description: `${definition.listKind} is a list of ${definition.kind}`,
    required: ['items'],
    properties: {
      ...TYPE_META_PROPERTIES,
      items: {
        type: 'array',
        description: `List of ${definition.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        items: refTo(itemName),
      },
      metadata: describedRef(META.listMeta, LIST_METADATA_DESCRIPTION),
    },
    ...gvkExtension(definition.group, version.name, definition.listKind),
  };
}
