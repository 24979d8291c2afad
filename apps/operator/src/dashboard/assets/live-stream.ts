import { getJson } from './api.js';
import { AppObject, ChangeMessage } from './model.js';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveStreamHandlers {
  /** A fresh list (first start, after `expired`, after a failed reconnect). */
  reset(apps: AppObject[], events: Record<string, unknown>[]): void;
  change(message: ChangeMessage): void;
  state(state: ConnectionState): void;
}

const APPLICATIONS = '/apis/cloudnative.elide.dev/v1/applications';
const EVENTS = '/events?kind=Application&limit=100';
const MAX_BACKOFF_MS = 15_000;

/**
 * List, then watch from the list's resourceVersion over SSE, so nothing is missed. The browser's
 * EventSource reconnects by itself with Last-Event-ID (a server restart resumes without a gap);
 * on `expired` (history compacted, or the store was reset) it lists again; when the EventSource
 * gives up (closed), it lists again after a backoff.
 */
export class LiveStream {
  private source?: EventSource;
  private retryTimer?: number;
  private failures = 0;

  constructor(private readonly handlers: LiveStreamHandlers) {}

  async start(): Promise<void> {
    this.stop();
    this.handlers.state(this.failures === 0 ? 'connecting' : 'reconnecting');
    const list = await getJson<{ metadata?: { resourceVersion?: string }; items?: AppObject[] }>(APPLICATIONS);
    const events = list ? await getJson<{ items?: Record<string, unknown>[] }>(EVENTS) : undefined;
    if (!list?.items) {
      this.retryLater();
      return;
    }
    this.handlers.reset(list.items, events?.items ?? []);
    this.open(list.metadata?.resourceVersion ?? '0');
  }

  stop(): void {
    this.source?.close();
    this.source = undefined;
    if (this.retryTimer !== undefined) window.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private open(resourceVersion: string): void {
    const source = new EventSource(`/watch?kind=Application&include=events&resourceVersion=${encodeURIComponent(resourceVersion)}`);
    this.source = source;
    source.addEventListener('ready', () => {
      this.failures = 0;
      this.handlers.state('live');
    });
    for (const type of ['ADDED', 'MODIFIED', 'DELETED']) source.addEventListener(type, (event) => this.change(event as MessageEvent<string>));
    source.addEventListener('expired', () => void this.start());
    source.addEventListener('failure', () => this.handlers.state('reconnecting'));
    source.addEventListener('dropped', () => this.handlers.state('reconnecting'));
    source.onerror = () => {
      if (source !== this.source) return;
      if (source.readyState === EventSource.CLOSED) this.retryLater();
      else this.handlers.state('reconnecting');
    };
  }

  private change(event: MessageEvent<string>): void {
    let message: ChangeMessage;
    try {
      message = JSON.parse(event.data) as ChangeMessage;
    } catch {
      return; // not JSON: ignored (the server always sends JSON; a relist would repair any gap)
    }
    this.handlers.change(message);
  }

  private retryLater(): void {
    this.stop();
    this.handlers.state('offline');
    const delay = Math.min(1_000 * 2 ** this.failures, MAX_BACKOFF_MS);
    this.failures++;
    this.retryTimer = window.setTimeout(() => void this.start(), delay);
  }
}
