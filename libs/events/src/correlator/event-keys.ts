import { CoreEvent, SEVERITY_ANNOTATION } from '../recorder/core-event.js';

// Fields are joined with NUL (client-go joins with "", which lets different events collide).
const join = (parts: Array<string | undefined>): string => parts.map((p) => p ?? '').join('\u0000');

function objectParts(event: CoreEvent): Array<string | undefined> {
  const o = event.involvedObject;
  return [event.source.component, event.source.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion];
}

/** Exact identity (client-go getEventKey): source, involvedObject, type, reason, message; plus severity. */
export function eventKey(event: CoreEvent): string {
  const o = event.involvedObject;
  return 'e\u0000' + join([...objectParts(event), o.fieldPath, event.type, event.reason, severityPart(event), event.message]);
}

/** Similar events (client-go EventAggregatorByReasonFunc): everything but the message. */
export function aggregateKey(event: CoreEvent): string {
  return 'a\u0000' + join([...objectParts(event), event.type, event.reason, severityPart(event), event.reportingComponent, event.reportingInstance]);
}

/** Rate-limit bucket (client-go getSpamKey): the source and the involved object. */
export function spamKey(event: CoreEvent): string {
  return join(objectParts(event));
}

function severityPart(event: CoreEvent): string | undefined {
  return event.metadata.annotations?.[SEVERITY_ANNOTATION];
}

/** client-go's EventAggregatorByReasonMessageFunc. */
export function combinedMessage(message: string): string {
  return `(combined from similar events): ${message}`;
}
