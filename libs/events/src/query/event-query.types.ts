import { KubeObject } from '@app/api-machinery';
import { EventSource } from '../recorder/core-event.js';
import { EventSeverity, EventType, ObjectReference } from '../recorder/event-recorder.js';

/** `GET /events` query parameters, as received (strings; validated by the service). */
export interface EventQueryParams {
  /** Only this namespace (default: all). */
  namespace?: unknown;
  /** involvedObject.kind, exact. */
  kind?: unknown;
  /** involvedObject.name, exact. */
  name?: unknown;
  /** Normal or Warning. */
  type?: unknown;
  /** Info, Warning, Error or Critical. */
  severity?: unknown;
  /** Exact reason (PascalCase). */
  reason?: unknown;
  /** lastTimestamp at or after this RFC 3339 time, or within this Go duration of now (`5m`, `1h30m`). */
  since?: unknown;
  /** At most this many items, 1 to 1000; default 100. */
  limit?: unknown;
}

/** Validated filters. */
export interface EventQueryFilters {
  namespace?: string;
  kind?: string;
  name?: string;
  type?: EventType;
  severity?: EventSeverity;
  reason?: string;
  /** ms since the epoch. */
  sinceMs?: number;
  limit: number;
}

/**
 * One event in a query answer: the fields people read, flattened, plus the stored Event as is.
 * Timestamps fall back to eventTime for events written the events.k8s.io way; `count` to 1;
 * `severity` to Info/Warning by type when the severity annotation is absent.
 */
export interface EventSummary {
  name: string;
  namespace: string;
  uid?: string;
  resourceVersion?: string;
  type: string;
  severity: EventSeverity;
  reason: string;
  message: string;
  count: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  involvedObject: ObjectReference;
  source: EventSource;
  reportingComponent: string;
  reportingInstance: string;
  action?: string;
  /** The full core/v1 Event as stored. */
  event: KubeObject;
}

/**
 * The answer to `GET /events`: matching events newest first (lastTimestamp, then
 * resourceVersion), at most `limit` of them; `total` counts every match.
 */
export interface EventQueryResult {
  kind: 'EventQueryResult';
  /** The events list's resourceVersion (to watch /api/v1/events from). */
  metadata: { resourceVersion?: string };
  total: number;
  limit: number;
  items: EventSummary[];
}
