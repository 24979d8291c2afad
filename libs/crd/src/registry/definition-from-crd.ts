import { PrinterColumn, ResourceDefinition, ResourceVersion, ScaleSubresource } from '../definition/resource-definition.js';
import { CustomResourceDefinition, CustomResourceDefinitionVersion } from '../definition/custom-resource-definition.js';
import { ResourceConverter } from '../definition/resource-converter.js';
import { compileSchema } from '../schema/schema-engine.js';
import { makeConvert } from './convert.js';

/** Verbs kube-apiserver serves for every custom resource. */
export const CUSTOM_RESOURCE_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/** kube's column when a version declares none (serveDefaultColumnsIfEmpty). */
export const DEFAULT_AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is represented in RFC3339 form and is in UTC.',
  jsonPath: '.metadata.creationTimestamp',
};

/**
 * Builds the ResourceDefinition serving a CRD that already passed `validateCrd` (defaults
 * applied). Schemas are compiled here, once. `converter` is the in-process converter for this
 * CRD, if any; without one, conversion only rewrites apiVersion (strategy `None`).
 */
export function definitionFromCrd(crd: CustomResourceDefinition, converter?: ResourceConverter): ResourceDefinition {
  const { group, names, scope, versions } = crd.spec;
  const kind = names.kind;
  const storage = versions.find((version) => version.storage) as CustomResourceDefinitionVersion;
  return {
    group,
    plural: names.plural,
    singular: names.singular ?? kind.toLowerCase(),
    kind,
    listKind: names.listKind ?? `${kind}List`,
    shortNames: [...(names.shortNames ?? [])],
    categories: [...(names.categories ?? [])],
    scope,
    versions: versions.map((version) => resourceVersion(version, group, kind)),
    storageVersion: storage.name,
    acceptsStrategicMerge: false,
    verbs: [...CUSTOM_RESOURCE_VERBS],
    selectableFields: selectableFields(versions),
    convert: makeConvert({ group, kind, versions: versions.map((version) => version.name) }, converter),
    source: 'crd',
  };
}

function resourceVersion(version: CustomResourceDefinitionVersion, group: string, kind: string): ResourceVersion {
  const openAPIV3Schema = version.schema?.openAPIV3Schema;
  const compiled = openAPIV3Schema ? compileSchema(openAPIV3Schema) : undefined;
  const columns = version.additionalPrinterColumns ?? [];
  return {
    name: version.name,
    served: version.served,
    storage: version.storage,
    deprecated: version.deprecated ?? false,
    ...(version.deprecated ? { deprecationWarning: version.deprecationWarning ?? `${group}/${version.name} ${kind} is deprecated` } : {}),
    openAPIV3Schema: compiled?.openAPIV3Schema,
    printerColumns: columns.length > 0 ? columns.map((column) => ({ ...column })) : [{ ...DEFAULT_AGE_COLUMN }],
    subresources: { status: version.subresources?.status !== undefined, scale: scaleOf(version) },
    admit: compiled ? (object) => compiled.admit(object) : () => ({ unknownFields: [], causes: [] }),
  };
}

function scaleOf(version: CustomResourceDefinitionVersion): ScaleSubresource | undefined {
  const scale = version.subresources?.scale;
  return scale ? { ...scale } : undefined;
}

/** `.spec.color` selectable fields of the served versions, as field selector labels (`spec.color`). */
function selectableFields(versions: CustomResourceDefinitionVersion[]): string[] {
  const fields = versions.filter((version) => version.served).flatMap((version) => version.selectableFields ?? []);
  return [...new Set(fields.map((field) => field.jsonPath.replace(/^\./, '')))];
}
