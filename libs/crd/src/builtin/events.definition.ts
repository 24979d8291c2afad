import { KubeObject } from '@app/api-machinery';
import { JsonSchemaProps } from '../definition/custom-resource-definition.js';
import { PrinterColumn, ResourceDefinition } from '../definition/resource-definition.js';
import { isPlainObject } from '../schema/json-schema.js';
import { builtinDefinition, field, typeMetaProperties } from './builtin-definition.js';

/** Field selector labels kube-apiserver supports for core/v1 events. */
export const EVENT_SELECTABLE_FIELDS = [
  'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion',
  'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type',
];

/**
 * Core `v1` Event. The schema is permissive at the top level (unknown fields are kept) but
 * requires `involvedObject` and restricts `type` to Normal/Warning, as Kubernetes does.
 * Printed like `kubectl get events`: the Object column is `kind/name`, computed by `cells`.
 */
export function eventsDefinition(): ResourceDefinition {
  return builtinDefinition({
    group: '',
    version: 'v1',
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    shortNames: ['ev'],
    scope: 'Namespaced',
    selectableFields: EVENT_SELECTABLE_FIELDS,
    schema: eventSchema(),
    printerColumns: EVENT_COLUMNS,
    cells: eventCells,
  });
}

function objectReference(description: string): JsonSchemaProps {
  return field.object(description, {
    kind: field.string('Kind of the referent.'),
    namespace: field.string('Namespace of the referent.'),
    name: field.string('Name of the referent.'),
    uid: field.string('UID of the referent.'),
    apiVersion: field.string('API version of the referent.'),
    resourceVersion: field.string('Specific resourceVersion to which this reference is made, if any.'),
    fieldPath: field.string('If referring to a piece of an object instead of an entire object, the path to it (e.g. spec.containers{name}).'),
  });
}

function eventSchema(): JsonSchemaProps {
  return {
    type: 'object',
    description: 'Event is a report of an event somewhere in the cluster.',
    'x-kubernetes-preserve-unknown-fields': true,
    required: ['involvedObject'],
    properties: {
      ...typeMetaProperties(),
      involvedObject: objectReference('The object that this event is about.'),
      reason: field.string('This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
      message: field.string('A human-readable description of the status of this operation.'),
      source: field.object('The component reporting this event.', { component: field.string('Component from which the event is generated.'), host: field.string('Node name on which the event is generated.') }),
      firstTimestamp: field.time('The time at which the event was first recorded.'),
      lastTimestamp: field.time('The time at which the most recent occurrence of this event was recorded.'),
      count: field.int32('The number of times this event has occurred.'),
      type: field.string('Type of this event (Normal, Warning).', { enum: ['Normal', 'Warning'] }),
      eventTime: field.time('Time when this Event was first observed (RFC 3339, microseconds).'),
      series: field.object('Data about the Event series this event represents.', { count: field.int32('Number of occurrences in this series up to the last heartbeat time.'), lastObservedTime: field.time('Time of the last occurrence observed.') }),
      action: field.string('What action was taken/failed regarding to the Regarding object.'),
      related: objectReference('Optional secondary object for more complex actions.'),
      reportingComponent: field.string('Name of the controller that emitted this Event.'),
      reportingInstance: field.string('ID of the controller instance.'),
    },
  };
}

const EVENT_COLUMNS: PrinterColumn[] = [
  { name: 'Last Seen', type: 'date', description: 'The time at which the most recent occurrence of this event was recorded.', jsonPath: '.lastTimestamp' },
  { name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning).', jsonPath: '.type' },
  { name: 'Reason', type: 'string', description: 'The reason for the transition into the object\'s current status.', jsonPath: '.reason' },
  { name: 'Object', type: 'string', description: 'The object this event is about, as kind/name.', jsonPath: '.involvedObject.name' },
  { name: 'Subobject', type: 'string', priority: 1, description: 'The part of the object this event is about.', jsonPath: '.involvedObject.fieldPath' },
  { name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event.', jsonPath: '.source.component' },
  { name: 'Message', type: 'string', description: 'A human-readable description of the status of this operation.', jsonPath: '.message' },
  { name: 'First Seen', type: 'date', priority: 1, description: 'The time at which the event was first recorded.', jsonPath: '.firstTimestamp' },
  { name: 'Count', type: 'integer', priority: 1, description: 'The number of times this event has occurred.', jsonPath: '.count' },
];

/** kube's event printer: Last Seen falls back to eventTime; Object is `kind/name` (kind lower-cased). */
export function eventCells(event: KubeObject): unknown[] {
  const involved = record(event.involvedObject);
  const source = record(event.source);
  const kind = typeof involved.kind === 'string' ? involved.kind.toLowerCase() : '';
  const reporter = source.component ?? event.reportingComponent;
  const sourceText = [reporter, source.host ?? event.reportingInstance].filter((part) => typeof part === 'string' && part !== '').join(', ');
  return [
    event.lastTimestamp ?? event.eventTime,
    event.type,
    event.reason,
    `${kind}/${typeof involved.name === 'string' ? involved.name : ''}`,
    involved.fieldPath,
    sourceText,
    event.message,
    event.firstTimestamp ?? event.eventTime,
    isPlainObject(event.series) && typeof event.series.count === 'number' ? event.series.count : event.count,
  ];
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
