import type { ServerResponse } from 'node:http';
import { finalize, Observable, Observer, Subject, takeUntil } from 'rxjs';
import { WriteLimits } from '../watch-module-options.interface.js';
import { BoundedWriter } from './bounded-writer.js';

/** Why a streaming response ended. */
export type SessionEndReason = 'completed' | 'timeout' | 'error' | 'expired' | 'closed' | 'dropped';

export interface ClientSessionOptions extends WriteLimits {
  /** Written (best effort) to a client dropped as slow before it is disconnected. */
  dropMessage?: string;
  /** Grace between `dropMessage` and destroying the socket; 0 destroys at once. */
  dropGraceMs: number;
  /** Called once when the client is dropped as slow (metrics). */
  onDropped(): void;
}

/**
 * One streaming HTTP response: headers flushed at once, a bounded writer, timers and one
 * subscription, all released together exactly once whatever ends the stream (source completed
 * or failed, timeout, client disconnect, client dropped as slow). `done` resolves with the reason.
 */
export class ClientSession {
  readonly done: Promise<SessionEndReason>;
  readonly writer: BoundedWriter;
  private readonly stop$ = new Subject<void>();
  private readonly cancels: Array<() => void> = [];
  private ended = false;
  private released = false;
  private resolveDone!: (reason: SessionEndReason) => void;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: ClientSessionOptions,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.writer = new BoundedWriter(res, options, () => this.drop());
    res.once('close', this.closed);
  }

  /** True until the session ended. */
  get active(): boolean {
    return !this.ended;
  }

  /** Sends status 200 and the headers now, before any event (clients wait for them). */
  open(headers: Record<string, string>): void {
    this.res.statusCode = 200;
    for (const [name, value] of Object.entries(headers)) this.res.setHeader(name, value);
    this.res.flushHeaders();
    if (this.res.destroyed) this.closed();
  }

  /** Runs `fn` every `ms` until the session ends; `ms` <= 0 does nothing. */
  every(ms: number, fn: () => void): void {
    if (ms <= 0 || !this.active) return;
    const interval = setInterval(fn, ms);
    this.cancels.push(() => clearInterval(interval));
  }

  /** Runs `fn` once after `ms` unless the session ended first. */
  after(ms: number, fn: () => void): void {
    if (!this.active) return;
    const timeout = setTimeout(fn, ms);
    this.cancels.push(() => clearTimeout(timeout));
  }

  /** Subscribes `observer` to `source` until the session ends (not at all if it already has); released on every path. */
  follow<T>(source: Observable<T>, observer: Observer<T>): void {
    if (!this.active) return;
    source.pipe(takeUntil(this.stop$), finalize(() => this.release())).subscribe(observer);
  }

  /** Writes what the writer still holds and an optional last chunk, then ends the response; idempotent. */
  end(reason: SessionEndReason, lastChunk?: string): void {
    if (!this.finish(reason)) return;
    const tail = this.writer.takePending() + (lastChunk ?? '');
    if (tail && !this.res.destroyed) this.res.write(tail);
    this.res.end();
  }

  private readonly closed = (): void => {
    this.finish('closed');
  };

  private drop(): void {
    if (!this.finish('dropped')) return;
    this.options.onDropped();
    const { dropMessage, dropGraceMs } = this.options;
    if (!dropMessage || dropGraceMs <= 0) {
      this.res.destroy();
      return;
    }
    this.res.end(dropMessage);
    const timer = setTimeout(() => this.res.destroy(), dropGraceMs);
    this.res.once('close', () => clearTimeout(timer));
  }

  private finish(reason: SessionEndReason): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.release();
    this.resolveDone(reason);
    return true;
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.cancels.splice(0).forEach((cancel) => cancel());
    this.writer.dispose();
    this.res.off('close', this.closed);
    this.stop$.next();
    this.stop$.complete();
  }
}
