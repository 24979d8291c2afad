import { KubeObject } from '@app/api-machinery';
import { ResourceDefinition, SchemaCheck } from '../definition/resource-definition.js';
import { isPlainObject } from '../schema/json-schema.js';
import { AGE_COLUMN, builtinDefinition, field, typeMetaProperties } from './builtin-definition.js';

/** Core `v1` Namespace (cluster-scoped). A namespace without a phase is `Active`, as kube sets it. */
export function namespacesDefinition(): ResourceDefinition {
  return builtinDefinition({
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    shortNames: ['ns'],
    scope: 'Cluster',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    selectableFields: ['status.phase'],
    status: true,
    schema: {
      type: 'object',
      description: 'Namespace provides a scope for Names.',
      properties: {
        ...typeMetaProperties(),
        spec: field.object('Spec defines the behavior of the Namespace.', {
          finalizers: { type: 'array', description: 'Finalizers is an opaque list of values that must be empty to permanently remove object from storage.', items: field.string('A finalizer name.') },
        }),
        status: field.object('Status describes the current status of a Namespace.', {
          phase: field.string('Phase is the current lifecycle phase of the namespace.', { enum: ['Active', 'Terminating'] }),
          conditions: {
            type: 'array',
            description: 'Represents the latest available observations of a namespace\'s current state.',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['type'],
            items: field.object('NamespaceCondition contains details about state of namespace.', {
              type: field.string('Type of namespace controller condition.'),
              status: field.string('Status of the condition, one of True, False, Unknown.'),
              lastTransitionTime: field.time('Last time the condition transitioned from one status to another.'),
              reason: field.string('Unique, one-word, CamelCase reason for the condition\'s last transition.'),
              message: field.string('Human-readable message indicating details about last transition.'),
            }, { required: ['type', 'status'] }),
          },
        }),
      },
    },
    printerColumns: [{ name: 'Status', type: 'string', description: 'The status of the namespace', jsonPath: '.status.phase' }, AGE_COLUMN],
    afterSchema: defaultPhase,
  });
}

function defaultPhase(object: KubeObject, check: SchemaCheck): SchemaCheck {
  if (check.causes.length > 0) return check;
  const status = isPlainObject(object.status) ? object.status : {};
  if (status.phase === undefined) status.phase = 'Active';
  object.status = status;
  return check;
}
