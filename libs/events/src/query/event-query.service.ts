import { Inject, Injectable } from '@nestjs/common';
import { KubeObject } from '@app/api-machinery';
import type { ResourceClient } from '@app/resources';
import { EVENT_CLIENT, EVENTS_CONFIG } from '../events.constants.js';
import type { EventsConfig } from '../events.options.js';
import { EventSource, severityOf } from '../recorder/core-event.js';
import { eventTimeMs } from '../recorder/event-clock.js';
import { newestFirst } from '../recorder/event-order.js';
import { ObjectReference } from '../recorder/event-recorder.js';
import { parseEventQuery } from './event-query.filters.js';
import { EventQueryFilters, EventQueryParams, EventQueryResult, EventSummary } from './event-query.types.js';

/**
 * Answers `GET /events`. Reads through the events ResourceClient (one list of a namespace or of
 * all namespaces per query) and filters in memory: fine for the ~10k events retention keeps;
 * a larger store would want field selectors and paging. Read-only; bad parameters throw
 * BadRequestError (400) before anything is read.
 */
@Injectable()
export class EventQueryService {
  constructor(
    @Inject(EVENT_CLIENT) private readonly client: ResourceClient,
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
  ) {}

  async query(params: EventQueryParams = {}): Promise<EventQueryResult> {
    const filters = parseEventQuery(params, this.config.clock.now());
    const list = await this.client.list(filters.namespace);
    const matching = list.items.filter((event) => matches(event, filters)).sort(newestFirst);
    return {
      kind: 'EventQueryResult',
      metadata: { resourceVersion: list.metadata.resourceVersion },
      total: matching.length,
      limit: filters.limit,
      items: matching.slice(0, filters.limit).map(summarize),
    };
  }
}

function matches(event: KubeObject, f: EventQueryFilters): boolean {
  const ref = (event['involvedObject'] ?? {}) as Partial<ObjectReference>;
  return (
    (f.namespace === undefined || event.metadata?.namespace === f.namespace) &&
    (f.kind === undefined || ref.kind === f.kind) &&
    (f.name === undefined || ref.name === f.name) &&
    (f.type === undefined || event['type'] === f.type) &&
    (f.severity === undefined || severityOf(event) === f.severity) &&
    (f.reason === undefined || event['reason'] === f.reason) &&
    (f.sinceMs === undefined || eventTimeMs(event) >= f.sinceMs)
  );
}

function summarize(event: KubeObject): EventSummary {
  const text = (field: string) => (typeof event[field] === 'string' ? (event[field] as string) : '');
  const time = (...fields: string[]) => fields.map((f) => event[f]).find((v): v is string => typeof v === 'string') ?? null;
  const summary: EventSummary = {
    name: event.metadata?.name ?? '',
    namespace: event.metadata?.namespace ?? '',
    uid: event.metadata?.uid,
    resourceVersion: event.metadata?.resourceVersion,
    type: text('type'),
    severity: severityOf(event),
    reason: text('reason'),
    message: text('message') || text('note'),
    count: typeof event['count'] === 'number' ? event['count'] : 1,
    firstTimestamp: time('firstTimestamp', 'eventTime'),
    lastTimestamp: time('lastTimestamp', 'eventTime', 'firstTimestamp'),
    involvedObject: (event['involvedObject'] ?? {}) as ObjectReference,
    source: (event['source'] ?? {}) as EventSource,
    reportingComponent: text('reportingComponent'),
    reportingInstance: text('reportingInstance'),
    event,
  };
  if (typeof event['action'] === 'string') summary.action = event['action'];
  return summary;
}
