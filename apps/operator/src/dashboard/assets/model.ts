import { ConditionLike, severityOf, Severity } from './format.js';

/** The parts of an Application the dashboard reads. */
export interface AppObject {
  apiVersion?: string;
  kind?: string;
  metadata: { namespace?: string; name?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string; deletionTimestamp?: string; labels?: Record<string, string>; [key: string]: unknown };
  spec?: { image?: string; replicas?: number; [key: string]: unknown };
  status?: { phase?: string; readyReplicas?: number; replicas?: number; message?: string; conditions?: ConditionLike[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** One event row, from `GET /events` (EventSummary) or from a streamed core v1 Event. */
export interface FeedEvent {
  key: string;
  namespace: string;
  name: string;
  type: string;
  severity: Severity;
  reason: string;
  message: string;
  count: number;
  time: string | null;
  resourceVersion: number;
  involved: { kind?: string; namespace?: string; name?: string };
}

/** A change message of `GET /watch` (its `data`). */
export interface ChangeMessage {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind?: string;
  object: AppObject & Record<string, unknown>;
}

export const appKey = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

const revisionOf = (resourceVersion: unknown) => {
  const value = Number(resourceVersion);
  return Number.isFinite(value) ? value : 0;
};

/** A streamed core v1 Event (or events.k8s.io v1 Event) as a feed row. */
export function feedEventFromObject(event: Record<string, unknown>): FeedEvent {
  const metadata = (event.metadata ?? {}) as { namespace?: string; name?: string; resourceVersion?: string; creationTimestamp?: string; annotations?: Record<string, string> };
  const involved = (event.involvedObject ?? event.regarding ?? {}) as FeedEvent['involved'];
  const type = String(event.type ?? 'Normal');
  return {
    key: appKey(metadata.namespace, metadata.name),
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    type,
    severity: severityOf(type, metadata.annotations),
    reason: String(event.reason ?? ''),
    message: String(event.message ?? event.note ?? ''),
    count: Number(event.count ?? (event.series as { count?: number } | undefined)?.count ?? 1),
    time: (event.lastTimestamp ?? event.eventTime ?? metadata.creationTimestamp ?? null) as string | null,
    resourceVersion: revisionOf(metadata.resourceVersion),
    involved,
  };
}

/** An EventSummary of `GET /events` as a feed row. */
export function feedEventFromSummary(summary: Record<string, unknown>): FeedEvent {
  const stored = summary.event as Record<string, unknown> | undefined;
  const row = stored ? feedEventFromObject(stored) : feedEventFromObject(summary);
  return {
    ...row,
    severity: (summary.severity as Severity | undefined) ?? row.severity,
    count: Number(summary.count ?? row.count),
    time: (summary.lastTimestamp as string | null | undefined) ?? row.time,
    resourceVersion: revisionOf(summary.resourceVersion ?? row.resourceVersion),
  };
}
