import { KubeObject, parseLabelSelector } from '@app/api-machinery';
import { ResourceChange } from '@app/resources';
import { SseRequest } from './sse-query.js';

/** The filter a `GET /watch` request asks for, over ResourceChanges. Pure; built once per client. */
export type ChangePredicate = (change: ResourceChange) => boolean;

/** Whether the caller may see a change (its permissions); may need to ask someone (a promise). */
export type ChangeAuthorizer = (change: ResourceChange) => boolean | Promise<boolean>;

/**
 * Resources match by kind (or plural resource name), namespace, name and label selector. With
 * `includeEvents`, core Events also match when their involvedObject has a requested kind and the
 * requested namespace and name (reconcile outcomes are recorded as such Events); the label
 * selector does not apply to them, since an Event does not carry its object's labels.
 * Throws BadRequestError for an invalid label selector.
 */
export function changeFilter(request: SseRequest): ChangePredicate {
  const kinds = new Set(request.kinds.map((kind) => kind.toLowerCase()));
  const selector = request.labelSelector ? parseLabelSelector(request.labelSelector) : undefined;
  const { namespace, name, includeEvents } = request;
  const hasKind = (kind: string | undefined, resource?: string) =>
    (kind !== undefined && kinds.has(kind.toLowerCase())) || (resource !== undefined && kinds.has(resource.toLowerCase()));
  const resourceMatches = (change: ResourceChange) => {
    const meta = change.object.metadata ?? {};
    return hasKind(change.object.kind, change.resource.resource)
      && (namespace === undefined || meta.namespace === namespace)
      && (name === undefined || meta.name === name)
      && (selector === undefined || selector.matches(meta.labels ?? {}));
  };
  const eventMatches = (change: ResourceChange) => {
    const involved = involvedObject(change.object);
    return involved !== undefined
      && hasKind(involved.kind)
      && (namespace === undefined || (involved.namespace ?? change.object.metadata?.namespace) === namespace)
      && (name === undefined || involved.name === name);
  };
  return (change) => resourceMatches(change) || (includeEvents && isCoreEvent(change) && eventMatches(change));
}

function isCoreEvent(change: ResourceChange): boolean {
  return change.object.kind === 'Event' && change.resource.resource === 'events';
}

function involvedObject(event: KubeObject): { kind?: string; namespace?: string; name?: string } | undefined {
  const ref = event.involvedObject ?? event.regarding;
  return typeof ref === 'object' && ref !== null ? (ref as { kind?: string; namespace?: string; name?: string }) : undefined;
}
