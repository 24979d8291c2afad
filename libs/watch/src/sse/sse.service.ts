import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { ExpiredError } from '@app/api-machinery';
import { Counter, InjectMetric, METRIC } from '@app/metrics';
import { WatchHub } from '../hub/watch-hub.js';
import { SessionEndReason } from '../stream/client-session.js';
import { EncodingCache } from '../stream/encoding-cache.js';
import {
  DEFAULT_DRAIN_TIMEOUT_MS,
  DEFAULT_DROP_GRACE_MS,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_SSE_RETRY_MS,
  WATCH_MODULE_OPTIONS,
} from '../watch.constants.js';
import { WatchModuleOptions } from '../watch-module-options.interface.js';
import { ChangeAuthorizer, changeFilter } from './change-filter.js';
import { authorizedOnly } from './authorized-only.js';
import { parseSseRequest, SseQueryParams } from './sse-query.js';
import { SseSession, SseSettings } from './sse-session.js';
import { withStartRevision } from './start-revision.js';

/**
 * Serves `GET /watch` as Server-Sent Events. Validation happens before anything is written, so
 * a bad request throws BadRequestError (400) and the exception filter answers it. A resumed
 * stream (Last-Event-ID or `resourceVersion`) replays every later change with no gap, or ends
 * with `event: expired` below the compacted revision (or above the newest one). Memory per
 * client is bounded and every subscription is released when the client goes, whatever the reason.
 */
@Injectable()
export class SseService {
  private readonly settings: SseSettings;
  /** Change messages shared by every session: one encoding per change, not per client. */
  private readonly encodings = new EncodingCache();

  constructor(
    private readonly hub: WatchHub,
    @Inject(WATCH_MODULE_OPTIONS) options: WatchModuleOptions,
    @InjectMetric(METRIC.watchEventsSentTotal) private readonly sentTotal: Counter<string>,
    @InjectMetric(METRIC.watchClientsDroppedTotal) private readonly droppedTotal: Counter<string>,
  ) {
    const sse = options.sse ?? {};
    this.settings = {
      heartbeatIntervalMs: sse.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
      retryMs: sse.retryMs ?? DEFAULT_SSE_RETRY_MS,
      dropGraceMs: sse.dropGraceMs ?? DEFAULT_DROP_GRACE_MS,
      maxBufferedBytes: sse.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
      drainTimeoutMs: sse.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
    };
  }

  /**
   * Validates the request (throws BadRequestError), then streams to `res`. The returned promise
   * resolves, with the reason, when the response is over; callers need not await it.
   * `authorized` (the caller's permissions) further restricts which changes are sent.
   */
  open(res: ServerResponse, query: SseQueryParams, lastEventId?: string, authorized?: ChangeAuthorizer): { done: Promise<SessionEndReason> } {
    const request = parseSseRequest(query, lastEventId);
    const { fromRevision } = request;
    const requested$ = this.hub.stream({ fromRevision, filter: changeFilter(request) });
    const changes$ = authorized ? requested$.pipe(authorizedOnly(authorized)) : requested$;
    const items$ = withStartRevision(changes$, () => (fromRevision ? this.resumable(fromRevision) : this.hub.currentRevision()));
    const session = new SseSession(res, this.settings, {
      sent: () => this.sentTotal.inc({ kind: 'sse' }),
      dropped: () => this.droppedTotal.inc({ kind: 'sse' }),
    }, this.encodings);
    return { done: session.start(items$.pipe(this.hub.track('sse')), fromRevision) };
  }

  /**
   * `fromRevision`, unless it is newer than the store's newest revision: then the store is not
   * the one the client watched before (an in-memory store restarted, a restored backup), and the
   * stream must end with `expired` so the client lists again instead of skipping new changes.
   */
  private async resumable(fromRevision: number): Promise<number> {
    const current = await this.hub.currentRevision();
    if (fromRevision > current) {
      throw new ExpiredError(`too large resource version: ${fromRevision}, current: ${current}: the store's history does not contain it`);
    }
    return fromRevision;
  }
}
