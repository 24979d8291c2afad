import { get, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

/** The annotation each benchmark write carries: its send time (ms since the epoch, fractional). */
export const SENT_AT = 'bench.elide.dev/sent-at';
const SENT_AT_KEY = Buffer.from(`"${SENT_AT}":"`);
const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** Wall-clock milliseconds with sub-millisecond precision (one clock for writers and readers). */
export const nowMs = () => performance.timeOrigin + performance.now();

export type ClientKind = 'sse' | 'k8s';

/** Receipts across every client of a phase: one latency sample per ADDED event delivered. */
export class Receipts {
  readonly latenciesMs: number[] = [];
  private readonly perClient: number[] = [];

  record(client: number, sentAtMs: number, receivedAtMs: number): void {
    this.latenciesMs.push(receivedAtMs - sentAtMs);
    this.perClient[client] = (this.perClient[client] ?? 0) + 1;
  }

  get delivered(): number {
    return this.latenciesMs.length;
  }

  /** Clients that received fewer than `expected` events. */
  shortClients(clients: number, expected: number): number {
    let short = 0;
    for (let client = 0; client < clients; client++) if ((this.perClient[client] ?? 0) < expected) short++;
    return short;
  }
}

/**
 * One watch client on a raw `http.get` stream (no EventSource, no JSON parsing of whole
 * objects): it splits the body into lines and, for each ADDED line carrying SENT_AT, records
 * the latency, timed when the chunk arrived. `ready` resolves when the stream is established:
 * the SSE `ready` event, or the response headers of a Kubernetes watch (flushed at once).
 */
export class WatchClient {
  readonly ready: Promise<void>;
  private response?: IncomingMessage;
  private closed = false;

  constructor(url: string, private readonly kind: ClientKind, private readonly index: number, private readonly receipts: Receipts) {
    this.ready = new Promise((resolve, reject) => {
      const request = get(url, { agent: false, headers: { accept: kind === 'sse' ? 'text/event-stream' : 'application/json' } }, (response) => {
        this.response = response;
        if (response.statusCode !== 200) return reject(new Error(`${kind} watch answered ${response.statusCode}`));
        if (kind === 'k8s') resolve();
        this.read(response, resolve);
      });
      request.on('error', (error) => (this.closed ? undefined : reject(error)));
    });
  }

  close(): void {
    this.closed = true;
    this.response?.destroy();
  }

  /**
   * Scans bytes, not strings (no decoding, no splitting): complete lines only (the rest is
   * carried to the next chunk), SENT_AT found with Buffer.indexOf, the line's type checked at
   * its start.
   */
  private read(response: IncomingMessage, onReady: () => void): void {
    const added = Buffer.from(this.kind === 'sse' ? 'data: {"type":"ADDED"' : '{"type":"ADDED"');
    const ready = Buffer.from('event: ready\n');
    let carry: Buffer | undefined;
    let waitingForReady = this.kind === 'sse';
    response.on('data', (chunk: Buffer) => {
      const receivedAt = nowMs();
      const data = carry ? Buffer.concat([carry, chunk]) : chunk;
      const end = data.lastIndexOf(NEWLINE) + 1;
      carry = end < data.length ? Buffer.from(data.subarray(end)) : undefined;
      if (waitingForReady && data.subarray(0, end).includes(ready)) {
        waitingForReady = false;
        onReady();
      }
      for (let at = data.indexOf(SENT_AT_KEY); at >= 0 && at < end; at = data.indexOf(SENT_AT_KEY, at + 1)) {
        const lineStart = at === 0 ? 0 : data.lastIndexOf(NEWLINE, at) + 1;
        if (!data.subarray(lineStart, lineStart + added.length).equals(added)) continue;
        const valueStart = at + SENT_AT_KEY.length;
        const sentAt = Number(data.toString('latin1', valueStart, data.indexOf(QUOTE, valueStart)));
        this.receipts.record(this.index, sentAt, receivedAt);
      }
    });
    response.on('error', () => undefined);
  }
}

/** Opens `count` clients spread round-robin over `urls`, `batch` at a time, each established before the next batch starts. */
export async function openClients(count: number, urls: string[], kind: ClientKind, receipts: Receipts, batch = 100): Promise<WatchClient[]> {
  const clients: WatchClient[] = [];
  for (let start = 0; start < count; start += batch) {
    const opened = Array.from({ length: Math.min(batch, count - start) }, (_, i) => new WatchClient(urls[(start + i) % urls.length], kind, start + i, receipts));
    await Promise.all(opened.map((client) => client.ready));
    clients.push(...opened);
  }
  return clients;
}

/** The q-quantile (0..1) of ascending samples, by nearest rank; NaN when empty. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
