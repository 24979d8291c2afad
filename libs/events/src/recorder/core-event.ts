import { KubeObject, ObjectMeta } from '@app/api-machinery';
import { EventSeverity, EventType, ObjectReference } from './event-recorder.js';

/** Annotation carrying the seed's severity beside the Kubernetes-valid `type`. */
export const SEVERITY_ANNOTATION = 'cloudnative.elide.dev/severity';

export const EVENT_SEVERITIES: readonly EventSeverity[] = ['Info', 'Warning', 'Error', 'Critical'];
export const EVENT_TYPES: readonly EventType[] = ['Normal', 'Warning'];

/** core/v1 EventSource. */
export interface EventSource {
  component?: string;
  host?: string;
}

/**
 * A core/v1 `Event` as this recorder writes it. Events written by others (kubectl, other
 * controllers) may lack any of the optional-looking fields; readers must not assume them.
 */
export interface CoreEvent extends KubeObject {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta & { name: string; namespace: string };
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  type: EventType;
  count: number;
  /** RFC 3339, second precision. */
  firstTimestamp: string;
  lastTimestamp: string;
  /** events.k8s.io MicroTime; null for events written the core/v1 way, as client-go's recorder does. */
  eventTime: string | null;
  source: EventSource;
  reportingComponent: string;
  reportingInstance: string;
  action?: string;
}

/** The core group's `events` resource, as ResourceClientFactory addresses it. */
export const EVENTS_RESOURCE = { group: '', version: 'v1', resource: 'events' } as const;

/** Info for Normal, Warning for Warning: the severity an input without one gets. */
export function defaultSeverity(type: EventType): EventSeverity {
  return type === 'Warning' ? 'Warning' : 'Info';
}

/** The severity of a stored event: its annotation when valid, else derived from its type. */
export function severityOf(event: KubeObject): EventSeverity {
  const annotated = event.metadata?.annotations?.[SEVERITY_ANNOTATION];
  if (annotated && (EVENT_SEVERITIES as readonly string[]).includes(annotated)) return annotated as EventSeverity;
  return event['type'] === 'Warning' ? 'Warning' : 'Info';
}
