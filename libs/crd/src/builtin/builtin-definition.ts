import { KubeObject } from '@app/api-machinery';
import { JsonSchemaProps } from '../definition/custom-resource-definition.js';
import { PrinterColumn, ResourceDefinition, SchemaCheck } from '../definition/resource-definition.js';
import { makeConvert } from '../registry/convert.js';
import { compileSchema } from '../schema/schema-engine.js';

/** Verbs kube-apiserver serves for most built-in resources. */
export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** How a built-in resource is described; everything else follows kube's conventions. */
export interface BuiltinSpec {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  shortNames?: string[];
  categories?: string[];
  scope: 'Namespaced' | 'Cluster';
  schema: JsonSchemaProps;
  printerColumns: PrinterColumn[];
  cells?: (object: KubeObject) => unknown[];
  verbs?: string[];
  selectableFields?: string[];
  status?: boolean;
  /** Extra checks or defaults run after the schema's prune/default/validate. */
  afterSchema?: (object: KubeObject, check: SchemaCheck) => SchemaCheck;
}

/**
 * A single-version built-in resource (source `builtin`): served and stored in `version`,
 * strategic-merge-patch accepted (as a merge patch), schema compiled once.
 */
export function builtinDefinition(spec: BuiltinSpec): ResourceDefinition {
  const compiled = compileSchema(spec.schema);
  const after = spec.afterSchema;
  return {
    group: spec.group,
    plural: spec.plural,
    singular: spec.singular,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    scope: spec.scope,
    versions: [
      {
        name: spec.version,
        served: true,
        storage: true,
        deprecated: false,
        openAPIV3Schema: compiled.openAPIV3Schema,
        printerColumns: spec.printerColumns,
        ...(spec.cells ? { cells: spec.cells } : {}),
        subresources: { status: spec.status ?? false },
        admit: (object) => (after ? after(object, compiled.admit(object)) : compiled.admit(object)),
      },
    ],
    storageVersion: spec.version,
    acceptsStrategicMerge: true,
    verbs: spec.verbs ?? [...STANDARD_VERBS],
    selectableFields: spec.selectableFields ?? [],
    convert: makeConvert({ group: spec.group, kind: spec.kind, versions: [spec.version] }),
    source: 'builtin',
  };
}

/** kube's `Age` column. */
export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is represented in RFC3339 form and is in UTC.',
  jsonPath: '.metadata.creationTimestamp',
};

/** Shorthand for typed schema leaves. */
export const field = {
  string: (description: string, extra: JsonSchemaProps = {}): JsonSchemaProps => ({ type: 'string', description, ...extra }),
  time: (description: string): JsonSchemaProps => ({ type: 'string', format: 'date-time', description }),
  int32: (description: string): JsonSchemaProps => ({ type: 'integer', format: 'int32', description }),
  object: (description: string, properties: Record<string, JsonSchemaProps>, extra: JsonSchemaProps = {}): JsonSchemaProps => ({
    type: 'object',
    description,
    properties,
    ...extra,
  }),
};

/** apiVersion, kind and metadata, as every object schema declares them. */
export function typeMetaProperties(): Record<string, JsonSchemaProps> {
  return {
    apiVersion: field.string('APIVersion defines the versioned schema of this representation of an object.'),
    kind: field.string('Kind is a string value representing the REST resource this object represents.'),
    metadata: { type: 'object', description: "Standard object's metadata." },
  };
}
