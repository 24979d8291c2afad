import { KubeObject } from '@app/api-machinery';
import { CoreEvent, SEVERITY_ANNOTATION } from './core-event.js';
import { rfc3339Seconds } from './event-clock.js';
import { EventInput, EventSeverity, ObjectReference } from './event-recorder.js';

/** Who records: `source.component`/`reportingComponent`, `reportingInstance`, `source.host`. */
export interface EventIdentity {
  component: string;
  instance: string;
  host: string;
}

const MAX_NAME_LENGTH = 253;

/**
 * Event names as client-go makes them (`%v.%x` of the involved object's name and a nanosecond
 * timestamp). The sub-millisecond part is random so replicas rarely collide, and names are
 * strictly increasing within a process, so they never collide locally.
 */
export class EventNamer {
  private last = 0n;

  next(involvedName: string, nowMs: number): string {
    let nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    if (nanos <= this.last) nanos = this.last + 1n;
    this.last = nanos;
    const suffix = `.${nanos.toString(16)}`;
    return involvedName.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
  }
}

/** core/v1 ObjectReference of a full object, or a copy of the reference given. */
export function referenceOf(regarding: KubeObject | ObjectReference): ObjectReference {
  if (!isKubeObject(regarding)) return { ...regarding };
  const meta = regarding.metadata ?? {};
  const ref: ObjectReference = { kind: regarding.kind ?? '', apiVersion: regarding.apiVersion ?? '', name: meta.name ?? '' };
  if (meta.namespace) ref.namespace = meta.namespace;
  if (meta.uid) ref.uid = meta.uid;
  if (meta.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  return ref;
}

function isKubeObject(value: KubeObject | ObjectReference): value is KubeObject {
  return typeof (value as KubeObject).metadata === 'object' && (value as KubeObject).metadata !== null;
}

/** A fresh (count 1) core/v1 Event for `input`, in the involved object's namespace or `default`. */
export function buildEvent(input: EventInput, severity: EventSeverity, identity: EventIdentity, name: string, nowMs: number): CoreEvent {
  const involvedObject = referenceOf(input.regarding);
  const now = rfc3339Seconds(nowMs);
  const event: CoreEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: involvedObject.namespace || 'default', annotations: { [SEVERITY_ANNOTATION]: severity } },
    involvedObject,
    reason: input.reason,
    message: input.message,
    type: input.type,
    count: 1,
    firstTimestamp: now,
    lastTimestamp: now,
    eventTime: null,
    source: { component: identity.component, host: identity.host },
    reportingComponent: identity.component,
    reportingInstance: identity.instance,
  };
  if (input.action) event.action = input.action;
  return event;
}
