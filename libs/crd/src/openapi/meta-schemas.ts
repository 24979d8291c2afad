import { META, describedRef, gvkExtension, refTo } from './openapi-names.js';
import { OpenApiSchema } from './openapi.types.js';

const API_CONVENTIONS = 'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md';

/** TypeMeta's two fields, as kube puts them on every object and list schema. */
export const TYPE_META_PROPERTIES: Record<string, OpenApiSchema> = {
  apiVersion: {
    type: 'string',
    description: `APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: ${API_CONVENTIONS}#resources`,
  },
  kind: {
    type: 'string',
    description: `Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: ${API_CONVENTIONS}#types-kinds`,
  },
};

export const OBJECT_METADATA_DESCRIPTION = `Standard object's metadata. More info: ${API_CONVENTIONS}#metadata`;
export const LIST_METADATA_DESCRIPTION = `Standard list metadata. More info: ${API_CONVENTIONS}#types-kinds`;

/** Typed, described schema leaves. */
export const str = (description: string): OpenApiSchema => ({ type: 'string', description });
export const int = (description: string, format: 'int32' | 'int64' = 'int64'): OpenApiSchema => ({ type: 'integer', format, description });
export const bool = (description: string): OpenApiSchema => ({ type: 'boolean', description });
const stringMap = (description: string): OpenApiSchema => ({ type: 'object', description, additionalProperties: { type: 'string', default: '' } });

function objectMeta(): OpenApiSchema {
  return {
    type: 'object',
    description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    properties: {
      annotations: stringMap('Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.'),
      creationTimestamp: describedRef(META.time, 'CreationTimestamp is a timestamp representing the server time when this object was created. Populated by the system. Read-only.'),
      deletionGracePeriodSeconds: int('Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Populated by the system.'),
      deletionTimestamp: describedRef(META.time, 'DeletionTimestamp is the RFC 3339 date and time at which this resource will be deleted. Set by the server when a graceful deletion is requested. Read-only.'),
      finalizers: { type: 'array', description: 'Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list.', items: { type: 'string', default: '' }, 'x-kubernetes-list-type': 'set' },
      generateName: str('GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.'),
      generation: int('A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.'),
      labels: stringMap('Map of string keys and values that can be used to organize and categorize (scope and select) objects.'),
      managedFields: { type: 'array', description: 'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.', items: { ...refTo(META.managedFieldsEntry), default: {} }, 'x-kubernetes-list-type': 'atomic' },
      name: str('Name must be unique within a namespace. Cannot be updated.'),
      namespace: str('Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace.'),
      ownerReferences: {
        type: 'array',
        description: 'List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected.',
        items: { ...refTo(META.ownerReference), default: {} },
        'x-kubernetes-list-map-keys': ['uid'],
        'x-kubernetes-list-type': 'map',
      },
      resourceVersion: str('An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. Populated by the system. Read-only.'),
      selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
      uid: str('UID is the unique in time and space value for this object. Populated by the system. Read-only.'),
    },
  };
}

function listMeta(): OpenApiSchema {
  return {
    type: 'object',
    description: 'ListMeta describes metadata that synthetic resources must have, including lists and various status objects.',
    properties: {
      continue: str('continue may be set if the user set a limit on the number of items returned; it is an opaque token for the next list request.'),
      remainingItemCount: int('remainingItemCount is the number of subsequent items in the list which are not included in this list response.'),
      resourceVersion: str("String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed."),
      selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
    },
  };
}

function managedFieldsEntry(): OpenApiSchema {
  return {
    type: 'object',
    description: 'ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.',
    properties: {
      apiVersion: str('APIVersion defines the version of this resource that this field set applies to.'),
      fieldsType: str('FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: "FieldsV1"'),
      fieldsV1: describedRef(META.fieldsV1, 'FieldsV1 holds the first JSON version format as described in the "FieldsV1" type.'),
      manager: str('Manager is an identifier of the workflow managing these fields.'),
      operation: str("Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'."),
      subresource: str('Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource.'),
      time: describedRef(META.time, 'Time is the timestamp of when the ManagedFields entry was added.'),
    },
  };
}

function ownerReference(): OpenApiSchema {
  return {
    type: 'object',
    description: 'OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.',
    required: ['apiVersion', 'kind', 'name', 'uid'],
    properties: {
      apiVersion: { ...str('API version of the referent.'), default: '' },
      blockOwnerDeletion: bool('If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.'),
      controller: bool('If true, this reference points to the managing controller.'),
      kind: { ...str('Kind of the referent.'), default: '' },
      name: { ...str('Name of the referent.'), default: '' },
      uid: { ...str('UID of the referent.'), default: '' },
    },
    'x-kubernetes-map-type': 'atomic',
  };
}

/** The apimachinery (meta/v1, runtime) component schemas, by component name. */
export function metaSchemas(): Record<string, OpenApiSchema> {
  return {
    [META.objectMeta]: objectMeta(),
    [META.listMeta]: listMeta(),
    [META.managedFieldsEntry]: managedFieldsEntry(),
    [META.ownerReference]: ownerReference(),
    [META.time]: { type: 'string', format: 'date-time', description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON (RFC 3339, second precision).' },
    [META.fieldsV1]: { type: 'object', description: "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format. Each key is either a '.' representing the field itself, or a field, key, value or index selector." },
    [META.patch]: { type: 'object', description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.' },
    [META.rawExtension]: { type: 'object', description: 'RawExtension is used to hold extensions in external versions: here, the object of a watch event.' },
    [META.watchEvent]: {
      type: 'object',
      description: 'Event represents a single event to a watched resource.',
      required: ['type', 'object'],
      properties: {
        object: describedRef(META.rawExtension, 'Object is: * If Type is Added or Modified: the new state of the object. * If Type is Deleted: the state of the object immediately before deletion. * If Type is Error: *Status is recommended; other types may make sense depending on context.'),
        type: { ...str('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.'), default: '' },
      },
      ...gvkExtension('', 'v1', 'WatchEvent'),
    },
  };
}
