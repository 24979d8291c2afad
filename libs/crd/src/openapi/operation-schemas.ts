import { META, describedRef, gvkExtension as gvk, refTo } from './openapi-names.js';
import { OpenApiSchema } from './openapi.types.js';
import { bool, int, LIST_METADATA_DESCRIPTION, OBJECT_METADATA_DESCRIPTION, str, TYPE_META_PROPERTIES } from './meta-schemas.js';

/** meta/v1 Status, DeleteOptions and what they reference: the bodies of errors and deletes. */
export function statusSchemas(): Record<string, OpenApiSchema> {
  return {
    [META.status]: {
      type: 'object',
      description: 'Status is a return value for calls that don\'t return other objects.',
      properties: {
        ...TYPE_META_PROPERTIES,
        code: int('Suggested HTTP return code for this status, 0 if not set.', 'int32'),
        details: describedRef(META.statusDetails, 'Extended data associated with the reason. Each reason may define its own extended details.'),
        message: str('A human-readable description of the status of this operation.'),
        metadata: { ...describedRef(META.listMeta, LIST_METADATA_DESCRIPTION), default: {} },
        reason: str('A machine-readable description of why this operation is in the "Failure" status.'),
        status: str('Status of the operation. One of: "Success" or "Failure".'),
      },
      ...gvk('', 'v1', 'Status'),
    },
    [META.statusDetails]: {
      type: 'object',
      description: 'StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response.',
      properties: {
        causes: { type: 'array', description: 'The Causes array includes more details associated with the StatusReason failure.', items: { ...refTo(META.statusCause), default: {} }, 'x-kubernetes-list-type': 'atomic' },
        group: str('The group attribute of the resource associated with the status StatusReason.'),
        kind: str('The kind attribute of the resource associated with the status StatusReason.'),
        name: str('The name attribute of the resource associated with the status StatusReason (when there is a single name which can be described).'),
        retryAfterSeconds: int('If specified, the time in seconds before the operation should be retried.', 'int32'),
        uid: str('UID of the resource (when there is a single resource which can be described).'),
      },
    },
    [META.statusCause]: {
      type: 'object',
      description: 'StatusCause provides more information about an api.Status failure, including cases when multiple errors are encountered.',
      properties: {
        field: str('The field of the resource that has caused this error, as named by its JSON serialization.'),
        message: str('A human-readable description of the cause of the error.'),
        reason: str('A machine-readable description of the cause of the error. If this value is empty there is no information available.'),
      },
    },
    [META.deleteOptions]: {
      type: 'object',
      description: 'DeleteOptions may be provided when deleting an API object.',
      properties: {
        ...TYPE_META_PROPERTIES,
        dryRun: { type: 'array', description: 'When present, indicates that modifications should not be persisted. The only valid value is "All".', items: { type: 'string', default: '' }, 'x-kubernetes-list-type': 'atomic' },
        gracePeriodSeconds: int('The duration in seconds before the object should be deleted.'),
        orphanDependents: bool('Deprecated: please use the PropagationPolicy. Should the dependent objects be orphaned.'),
        preconditions: describedRef(META.preconditions, 'Must be fulfilled before a deletion is carried out. If not possible, a 409 Conflict status will be returned.'),
        propagationPolicy: str("Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
      },
      ...gvk('', 'v1', 'DeleteOptions'),
    },
    [META.preconditions]: {
      type: 'object',
      description: 'Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.',
      properties: { resourceVersion: str('Specifies the target ResourceVersion'), uid: str('Specifies the target UID.') },
    },
  };
}

/** autoscaling/v1 Scale and its parts: what `/scale` subresources read and write. */
export function scaleSchemas(): Record<string, OpenApiSchema> {
  return {
    [META.scale]: {
      type: 'object',
      description: 'Scale represents a scaling request for a resource.',
      properties: {
        ...TYPE_META_PROPERTIES,
        metadata: { ...describedRef(META.objectMeta, OBJECT_METADATA_DESCRIPTION), default: {} },
        spec: { ...describedRef(META.scaleSpec, 'spec defines the behavior of the scale.'), default: {} },
        status: { ...describedRef(META.scaleStatus, 'status is the current status of the scale. Read-only.'), default: {} },
      },
      ...gvk('autoscaling', 'v1', 'Scale'),
    },
    [META.scaleSpec]: {
      type: 'object',
      description: 'ScaleSpec describes the attributes of a scale subresource.',
      properties: { replicas: int('replicas is the desired number of instances for the scaled object.', 'int32') },
    },
    [META.scaleStatus]: {
      type: 'object',
      description: 'ScaleStatus represents the current status of a scale subresource.',
      required: ['replicas'],
      properties: {
        replicas: { ...int('replicas is the actual number of observed instances of the scaled object.', 'int32'), default: 0 },
        selector: str('selector is the label query over pods that should match the replicas count, in string form.'),
      },
    },
  };
}
