import type { ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import { ResourceWatchEvent } from '@app/resources';
import { ClientSession, SessionEndReason } from '../stream/client-session.js';
import { KubeWatchOptions } from './kube-watch.options.js';
import { bookmarkEvent, encodeWatchEvent, errorStatus, newerResourceVersion } from './watch-event-encoding.js';
import { WatchEventLines } from './watch-event-lines.js';

/** Resolved settings of one watch response. */
export interface KubeWatchSettings extends KubeWatchOptions {
  maxBufferedBytes: number;
  drainTimeoutMs: number;
  keepaliveIntervalMs: number;
  bookmarkIntervalMs: number;
}

/** Callbacks into metrics. */
export interface KubeWatchHooks {
  sent(): void;
  dropped(): void;
}

/**
 * Frames one `?watch=true` response the way kube-apiserver does: NDJSON watch events, optional
 * bookmarks, blank-line keepalives, a clean end at timeoutSeconds, an ERROR line then the end
 * when the source fails. A client that stops reading is disconnected without a goodbye.
 */
export class KubeWatchSession {
  private readonly session: ClientSession;
  private lastResourceVersion?: string;

  constructor(
    res: ServerResponse,
    private readonly settings: KubeWatchSettings,
    private readonly hooks: KubeWatchHooks,
    private readonly lines: WatchEventLines,
  ) {
    this.session = new ClientSession(res, { ...settings, dropGraceMs: 0, onDropped: hooks.dropped });
  }

  start(events$: Observable<ResourceWatchEvent>): Promise<SessionEndReason> {
    const { settings, session } = this;
    session.open({
      'Content-Type': settings.contentType ?? 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    session.every(settings.keepaliveIntervalMs, () => session.writer.write('\n'));
    if (settings.allowWatchBookmarks) session.every(settings.bookmarkIntervalMs, () => this.bookmark());
    if (settings.timeoutSeconds && settings.timeoutSeconds > 0) {
      session.after(settings.timeoutSeconds * 1000, () => this.timedOut());
    }
    session.follow(events$, {
      next: (event) => this.send(event),
      error: (error: unknown) => this.fail(error),
      complete: () => session.end('completed'),
    });
    return session.done;
  }

  private send(event: ResourceWatchEvent): void {
    if (event.type === 'ERROR') {
      this.write(event);
      this.session.end('error');
      return;
    }
    if (event.type === 'BOOKMARK' && !this.settings.allowWatchBookmarks) return;
    const resourceVersion = event.object.metadata?.resourceVersion;
    if (resourceVersion) this.lastResourceVersion = newerResourceVersion(this.lastResourceVersion, resourceVersion);
    const { transform } = this.settings;
    // Transformed events (Table rows: ages relative to now, the request's includeObject) are per session.
    if (transform && event.type !== 'BOOKMARK') this.write(transform(event));
    else this.writeLine(this.lines.line(event));
  }

  /** Encodes `event` for this session alone and writes it. */
  private write(event: ResourceWatchEvent): void {
    this.writeLine(encodeWatchEvent(event));
  }

  private writeLine(line: string): void {
    if (this.session.writer.write(line)) this.hooks.sent();
  }

  private bookmark(): void {
    const claimed = this.settings.currentResourceVersion?.();
    const resourceVersion = claimed ? newerResourceVersion(this.lastResourceVersion, claimed) : this.lastResourceVersion;
    if (!resourceVersion) return;
    this.lastResourceVersion = resourceVersion;
    this.write(bookmarkEvent(this.settings.kind, this.settings.apiVersion, resourceVersion));
  }

  private timedOut(): void {
    if (this.settings.allowWatchBookmarks) this.bookmark();
    this.session.end('timeout');
  }

  private fail(error: unknown): void {
    this.write({ type: 'ERROR', object: errorStatus(error) });
    this.session.end('error');
  }
}
