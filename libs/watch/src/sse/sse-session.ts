import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { ResourceChange } from '@app/resources';
import { errorStatus, isExpired } from '../kube/watch-event-encoding.js';
import { ClientSession, SessionEndReason } from '../stream/client-session.js';
import { EncodingCache } from '../stream/encoding-cache.js';
import { WriteLimits } from '../watch-module-options.interface.js';
import { sseComment, sseMessage } from './sse-format.js';
import { StartedStreamItem } from './start-revision.js';

/** Resolved settings of one SSE response. */
export interface SseSettings extends WriteLimits {
  heartbeatIntervalMs: number;
  retryMs: number;
  dropGraceMs: number;
}

export interface SseHooks {
  sent(): void;
  dropped(): void;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

const DROPPED = sseMessage({
  event: 'dropped',
  data: { reason: 'SlowClient', message: 'the client did not read its events fast enough and was disconnected; reconnecting with Last-Event-ID resumes without a gap' },
});

/** The JSON each change message carries. */
export function changeData(change: ResourceChange): { type: string; kind: string | undefined; object: unknown } {
  return { type: change.type, kind: change.object.kind, object: change.object };
}

/** By change object: the hub hands the same object to every live session, found without building a key. */
const liveMessages = new WeakMap<ResourceChange, string>();

/**
 * The SSE message of a change (id = revision, event = type, data = changeData), from `cache`:
 * encoded once per change however many sessions send it. The store revision, the type and the
 * object's resource, namespace and name determine the bytes (objects in their storage version).
 */
export function changeMessage(cache: EncodingCache, change: ResourceChange): string {
  const shared = liveMessages.get(change);
  if (shared !== undefined) return shared;
  const { resource, object } = change;
  const key = `sse ${change.revision} ${change.type} ${resource.group}/${resource.resource} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  const message = cache.get(key, () => sseMessage({ id: change.revision, event: change.type, data: changeData(change) }));
  liveMessages.set(change, message);
  return message;
}

/**
 * One `GET /watch` response: `retry:`, then `event: ready` (id = the start revision), then one
 * message per change (id = resourceVersion, event = type), `: heartbeat` comments, and a final
 * `expired`, `failure` or `dropped` event when the stream cannot go on.
 */
export class SseSession {
  private readonly session: ClientSession;

  constructor(
    res: ServerResponse,
    private readonly settings: SseSettings,
    private readonly hooks: SseHooks,
    private readonly encodings: EncodingCache,
  ) {
    this.session = new ClientSession(res, { ...settings, dropMessage: DROPPED, onDropped: hooks.dropped });
  }

  start(items$: Observable<StartedStreamItem>, fromRevision: number | undefined): Promise<SessionEndReason> {
    const { session, settings } = this;
    session.open({ ...SSE_HEADERS });
    if (settings.retryMs > 0) session.writer.write(sseMessage({ retry: settings.retryMs }));
    session.every(settings.heartbeatIntervalMs, () => session.writer.write(sseComment('heartbeat')));
    session.follow(items$, {
      next: (item) => ('start' in item ? this.ready(item.start) : this.change(item.change)),
      error: (error: unknown) => this.fail(error, fromRevision),
      complete: () => session.end('completed'),
    });
    return session.done;
  }

  private ready(revision: number): void {
    this.session.writer.write(sseMessage({ id: revision, event: 'ready', data: { resourceVersion: String(revision) } }));
  }

  private change(change: ResourceChange): void {
    if (this.session.writer.write(changeMessage(this.encodings, change))) this.hooks.sent();
  }

  private fail(error: unknown, fromRevision: number | undefined): void {
    const status = errorStatus(error);
    if (isExpired(error)) {
      const data = {
        resourceVersion: String(fromRevision ?? ''),
        message: `${status.message}: list again and watch from the list's resourceVersion`,
        status,
      };
      this.session.end('expired', sseMessage({ event: 'expired', data }));
      return;
    }
    this.session.end('error', sseMessage({ event: 'failure', data: status }));
  }
}
