import { KubeObject } from '@app/api-machinery';
import { JsonSchemaProps } from '../definition/custom-resource-definition.js';
import { ResourceDefinition, SchemaCheck } from '../definition/resource-definition.js';
import { applyCrdDefaults } from '../registry/crd-defaults.js';
import { validateCrd } from '../registry/crd-validation.js';
import { builtinDefinition, field, typeMetaProperties } from './builtin-definition.js';

/**
 * `apiextensions.k8s.io/v1` CustomResourceDefinition. Admission prunes unknown fields, applies
 * the v1 defaults (singular, listKind, conversion strategy) and runs `validateCrd`.
 */
export function customResourceDefinitionsDefinition(): ResourceDefinition {
  return builtinDefinition({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    kind: 'CustomResourceDefinition',
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    scope: 'Cluster',
    status: true,
    schema: crdSchema(),
    printerColumns: [{ name: 'Created At', type: 'string', format: 'date-time', description: 'When the CRD was created.', jsonPath: '.metadata.creationTimestamp' }],
    afterSchema: crdChecks,
  });
}

function crdChecks(object: KubeObject, check: SchemaCheck): SchemaCheck {
  if (check.causes.length > 0) return check;
  applyCrdDefaults(object);
  return { unknownFields: check.unknownFields, causes: validateCrd(object) };
}

const preserved = (description: string): JsonSchemaProps => ({ type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true });
const strings = (description: string): JsonSchemaProps => ({ type: 'array', description, items: field.string('An entry.') });

function crdSchema(): JsonSchemaProps {
  return field.object('CustomResourceDefinition represents a resource that should be exposed on the API server.', {
    ...typeMetaProperties(),
    spec: field.object('spec describes how the user wants the resources to appear.', {
      group: field.string('group is the API group of the defined custom resource.'),
      names: field.object('names specify the resource and kind names for the custom resource.', {
        plural: field.string('plural is the plural name of the resource to serve.'),
        singular: field.string('singular is the singular name of the resource.'),
        kind: field.string('kind is the serialized kind of the resource.'),
        listKind: field.string('listKind is the serialized kind of the list for this resource.'),
        shortNames: strings('shortNames are short names for the resource, exposed in API discovery documents.'),
        categories: strings('categories is a list of grouped resources this custom resource belongs to (e.g. all).'),
      }),
      scope: field.string('scope indicates whether the defined custom resource is cluster- or namespace-scoped.'),
      versions: { type: 'array', description: 'versions is the list of all API versions of the defined custom resource.', items: versionSchema() },
      conversion: preserved('conversion defines conversion settings for the CRD.'),
      preserveUnknownFields: { type: 'boolean', description: 'preserveUnknownFields indicates that object fields which are not specified in the OpenAPI schema should be preserved when persisting to storage.' },
    }),
    status: preserved('status indicates the actual state of the CustomResourceDefinition.'),
  });
}

function versionSchema(): JsonSchemaProps {
  return field.object('CustomResourceDefinitionVersion describes a version for CRD.', {
    name: field.string('name is the version name, e.g. "v1", "v2beta1".'),
    served: { type: 'boolean', description: 'served is a flag enabling/disabling this version from being served via REST APIs.' },
    storage: { type: 'boolean', description: 'storage indicates this version should be used when persisting custom resources to storage.' },
    deprecated: { type: 'boolean', description: 'deprecated indicates this version of the custom resource API is deprecated.' },
    deprecationWarning: field.string('deprecationWarning overrides the default warning returned to API clients.'),
    schema: field.object('schema describes the schema used for validation, pruning, and defaulting of this version.', {
      openAPIV3Schema: preserved('openAPIV3Schema is the OpenAPI v3 schema to use for validation and pruning.'),
    }),
    subresources: preserved('subresources specify what subresources this version of the defined custom resource have.'),
    additionalPrinterColumns: { type: 'array', description: 'additionalPrinterColumns specifies additional columns returned in Table output.', items: preserved('A printer column.') },
    selectableFields: { type: 'array', description: 'selectableFields specifies paths to fields that may be used as field selectors.', items: preserved('A selectable field.') },
  });
}
