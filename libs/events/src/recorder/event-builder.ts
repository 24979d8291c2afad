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
 * strictly increasing within a process, so they never collide locally. An involved name that is
 * not a DNS-1123 subdomain (an object refused for its name never existed) is made one first
 * (lowercased, other characters as `-`), so the Event itself is always valid.
 */
export class EventNamer {
  private last = 0n;

  next(involvedName: string, nowMs: number): string {
    let nanos = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    if (nanos <= this.last) nanos = this.last + 1n;
    this.last = nanos;
    const suffix = `.${nanos.toString(16)}`;
    return namePrefix(involvedName, MAX_NAME_LENGTH - suffix.length) + suffix;
  }
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * At most `max` characters that are a DNS-1123 subdomain: `name` itself when it is one, else
 * each dot-separated label lowercased, invalid runs as `-`, trimmed to alphanumerics (empty
 * labels dropped); `event` when nothing is left.
 */
function namePrefix(name: string, max: number): string {
  const valid = (labels: string[]) => labels.length > 0 && labels.every((label) => LABEL.test(label));
  let labels = name.split('.');
  if (!valid(labels)) labels = labels.map((label) => label.toLowerCase().replace(/[^-a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).filter(Boolean);
  const prefix = labels.join('.').slice(0, max).replace(/[^a-z0-9]+$/, '');
  return prefix || 'event';
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
