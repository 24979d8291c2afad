import { ClientRequest, IncomingMessage, request } from 'node:http';

export type WatchKind = 'sse' | 'k8s';

/** Where and how a watch client connects. */
export interface WatchTarget {
  port: number;
  namespace: string;
}

/**
 * A watch client that never gives up: it streams either `GET /watch` (SSE) or a Kubernetes
 * `?watch=true` list, records the resourceVersion of every change it receives, and when the
 * stream ends or fails it reconnects from the last resourceVersion it saw (Last-Event-ID for SSE,
 * `resourceVersion=` for Kubernetes), as informers and EventSource do.
 */
export class WatchClient {
  /** resourceVersions of the changes received, in arrival order. */
  readonly seen: number[] = [];
  /** Connection attempts (refused ones included). */
  connects = 0;
  /** Streams that were answered 200 and delivered events. */
  streams = 0;
  /** Streams that ended with an error event (expired, failure) rather than a plain close. */
  errorEvents = 0;
  connected = false;
  private lastRevision: number;
  private current?: ClientRequest;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private waiters: Array<{ revision: number; resolve: () => void }> = [];

  constructor(
    readonly kind: WatchKind,
    private readonly target: WatchTarget,
    fromRevision: number,
    /** On `410 Expired` start again from the current state (an informer's relist) instead of retrying the same revision. */
    private readonly relistOnExpiry = false,
  ) {
    this.lastRevision = fromRevision;
  }

  start(): void {
    if (this.closed) return;
    this.connects++;
    const path = this.kind === 'sse'
      ? `/watch?namespace=${this.target.namespace}`
      : `/apis/cloudnative.elide.dev/v1/namespaces/${this.target.namespace}/applications?watch=true&resourceVersion=${this.lastRevision}`;
    const headers: Record<string, string> = this.kind === 'sse' ? { accept: 'text/event-stream', 'last-event-id': String(this.lastRevision) } : {};
    const req = request({ host: '127.0.0.1', port: this.target.port, path, headers, agent: false }, (res) => this.stream(req, res));
    req.on('error', () => this.reconnect(req));
    req.end();
    this.current = req;
  }

  /** Resolves once the client has received `revision` (or later). */
  reached(revision: number): Promise<void> {
    if (this.lastRevision >= revision) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ revision, resolve }));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.current?.destroy();
  }

  private stream(req: ClientRequest, res: IncomingMessage): void {
    if (res.statusCode !== 200) {
      this.errorEvents++;
      if (res.statusCode === 410) this.expired();
      res.resume();
      res.on('close', () => this.reconnect(req));
      return;
    }
    this.connected = true;
    this.streams++;
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      const separator = this.kind === 'sse' ? '\n\n' : '\n';
      let index: number;
      while ((index = buffer.indexOf(separator)) >= 0) {
        const message = buffer.slice(0, index);
        buffer = buffer.slice(index + separator.length);
        if (this.kind === 'sse') this.sseMessage(message);
        else this.kubeLine(message);
      }
    });
    res.on('error', () => undefined);
    res.on('close', () => this.reconnect(req));
  }

  private sseMessage(message: string): void {
    const fields = Object.fromEntries(message.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
    if (fields.event === 'ADDED' || fields.event === 'MODIFIED' || fields.event === 'DELETED') this.received(Number(fields.id));
    else if (fields.event === 'expired' || fields.event === 'failure' || fields.event === 'dropped') {
      this.errorEvents++;
      if (fields.event === 'expired') this.expired();
    }
  }

  private kubeLine(line: string): void {
    if (line.trim() === '') return;
    const event = JSON.parse(line) as { type: string; object: { code?: number; metadata?: { resourceVersion?: string } } };
    if (event.type === 'ERROR') {
      this.errorEvents++;
      if (event.object.code === 410) this.expired();
    }
    else if (event.type !== 'BOOKMARK') this.received(Number(event.object.metadata?.resourceVersion));
  }

  private expired(): void {
    if (this.relistOnExpiry) this.lastRevision = 0;
  }

  private received(revision: number): void {
    this.seen.push(revision);
    if (revision > this.lastRevision) this.lastRevision = revision;
    const ready = this.waiters.filter((w) => this.lastRevision >= w.revision);
    this.waiters = this.waiters.filter((w) => this.lastRevision < w.revision);
    ready.forEach((w) => w.resolve());
  }

  /** Reconnects after `req` ended, unless a newer connection already replaced it. */
  private reconnect(req: ClientRequest): void {
    if (req !== this.current) return;
    this.connected = false;
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start();
    }, 100 + Math.random() * 200);
  }
}

/** Strictly increasing (in order, no duplicate) and containing every acknowledged revision. */
export function checkSequence(seen: number[], acknowledged: number[]): { ok: boolean; why?: string } {
  for (let i = 1; i < seen.length; i++) {
    if (seen[i] <= seen[i - 1]) return { ok: false, why: `${seen[i]} after ${seen[i - 1]} (${seen[i] === seen[i - 1] ? 'duplicate' : 'out of order'})` };
  }
  const got = new Set(seen);
  const missing = acknowledged.filter((rv) => !got.has(rv));
  return missing.length === 0 ? { ok: true } : { ok: false, why: `missing ${missing.length} acknowledged changes, first ${missing.slice(0, 3).join(', ')}` };
}
