import type { ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { Observable } from 'rxjs';
import { Counter, InjectMetric, METRIC } from '@app/metrics';
import { ResourceWatchEvent } from '@app/resources';
import { WatchHub } from '../hub/watch-hub.js';
import { SessionEndReason } from '../stream/client-session.js';
import {
  DEFAULT_BOOKMARK_INTERVAL_MS,
  DEFAULT_DRAIN_TIMEOUT_MS,
  DEFAULT_KEEPALIVE_INTERVAL_MS,
  DEFAULT_MAX_BUFFERED_BYTES,
  WATCH_MODULE_OPTIONS,
} from '../watch.constants.js';
import { WatchModuleOptions } from '../watch-module-options.interface.js';
import { KubeWatchOptions } from './kube-watch.options.js';
import { KubeWatchSession } from './kube-watch-session.js';
import { WatchEventLines } from './watch-event-lines.js';

/**
 * Serves a Kubernetes watch (`?watch=true`) on a raw response: status 200 and headers flushed
 * at once, NDJSON `{"type","object"}` lines, BOOKMARKs only when allowed, blank-line keepalives
 * (client-go's json.Decoder, client-node's line reader and the Python client all skip blank
 * lines), a clean end at `timeoutSeconds`, an ERROR line carrying the Status (410 Expired, ...)
 * then the end when the source fails. Slow readers are dropped (socket destroyed, counted).
 * The subscription to `events$` is released on every path, client disconnect included.
 * Object events are encoded once per (type, apiVersion, uid, resourceVersion) for all watchers,
 * so `events$` must carry stored objects: one uid at one resourceVersion, one content; a frozen
 * event (with frozen object and metadata) must never change (`WatchEventLines`).
 */
@Injectable()
export class KubeWatchResponder {
  /** Event lines shared by every watch: an object at one resourceVersion is encoded once, not per watcher. */
  private readonly lines = new WatchEventLines();

  constructor(
    private readonly hub: WatchHub,
    @Inject(WATCH_MODULE_OPTIONS) private readonly options: WatchModuleOptions,
    @InjectMetric(METRIC.watchEventsSentTotal) private readonly sentTotal: Counter<string>,
    @InjectMetric(METRIC.watchClientsDroppedTotal) private readonly droppedTotal: Counter<string>,
  ) {}

  /** Streams `events$` to `res`; resolves, with the reason, when the response is over. */
  serve(res: ServerResponse, events$: Observable<ResourceWatchEvent>, options: KubeWatchOptions): Promise<SessionEndReason> {
    const defaults = this.options.kube ?? {};
    const session = new KubeWatchSession(
      res,
      {
        ...options,
        maxBufferedBytes: options.maxBufferedBytes ?? defaults.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
        drainTimeoutMs: options.drainTimeoutMs ?? defaults.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
        keepaliveIntervalMs: options.keepaliveIntervalMs ?? defaults.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
        bookmarkIntervalMs: options.bookmarkIntervalMs ?? defaults.bookmarkIntervalMs ?? DEFAULT_BOOKMARK_INTERVAL_MS,
      },
      {
        sent: () => this.sentTotal.inc({ kind: 'k8s' }),
        dropped: () => this.droppedTotal.inc({ kind: 'k8s' }),
      },
      this.lines,
    );
    return session.start(events$.pipe(this.hub.track('k8s')));
  }
}
