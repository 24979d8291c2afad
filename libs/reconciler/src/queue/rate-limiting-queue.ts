import { SchedulerRegistry } from '@nestjs/schedule';
import { DelayedAdds } from './delayed-adds.js';
import { QueueItemInfo, QueueMetrics } from './queue.types.js';
import { RateLimiter } from './rate-limiter.js';
import { WorkQueue } from './work-queue.js';

export interface RateLimitingQueueOptions {
  rateLimiter: RateLimiter;
  /** Holds the delayed adds as named timeouts. */
  scheduler: SchedulerRegistry;
  /** Timers are named `<timerPrefix>:<key>`; default `reconcile`. */
  timerPrefix?: string;
  metrics?: QueueMetrics;
}

/**
 * client-go's rate-limiting delaying queue over WorkQueue (same dedup and no-concurrency
 * guarantees). Each key has at most one delayed add, and the earliest requested run wins: an
 * immediate `add` cancels a pending delayed one, and `addAfter` is ignored when the key is
 * already due sooner. Keeps, per key, the failure count, last error and next attempt time.
 */
export class RateLimitingQueue {
  private readonly queue: WorkQueue;
  private readonly delayed: DelayedAdds;
  private readonly rateLimiter: RateLimiter;
  private readonly metrics?: QueueMetrics;
  private readonly lastErrors = new Map<string, string>();

  constructor(options: RateLimitingQueueOptions) {
    this.rateLimiter = options.rateLimiter;
    this.metrics = options.metrics;
    this.queue = new WorkQueue(options.metrics);
    this.delayed = new DelayedAdds(options.scheduler, options.timerPrefix ?? 'reconcile', (key) => this.queue.add(key));
  }

  /** Queues `key` now (an earlier run than any scheduled one, which is therefore cancelled). */
  add(key: string): void {
    if (this.queue.isShuttingDown()) return;
    this.delayed.cancel(key);
    this.queue.add(key);
  }

  /** Queues `key` after `delayMs`, unless it is already due sooner (queued, dirty, or scheduled earlier). */
  addAfter(key: string, delayMs: number): void {
    if (this.queue.isShuttingDown()) return;
    if (delayMs <= 0) return this.add(key);
    if (this.queue.isPending(key)) return;
    this.delayed.schedule(key, delayMs);
  }

  /** Records a failure of `key` and queues it after the rate limiter's delay. */
  addRateLimited(key: string, error?: unknown): void {
    if (this.queue.isShuttingDown()) return;
    if (error !== undefined) this.lastErrors.set(key, errorMessage(error));
    this.metrics?.retried();
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Success or giving up: resets the key's backoff, its last error and any scheduled run. */
  forget(key: string): void {
    this.rateLimiter.forget(key);
    this.lastErrors.delete(key);
    this.delayed.cancel(key);
  }

  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }

  get(signal?: AbortSignal): Promise<string | undefined> {
    return this.queue.get(signal);
  }

  done(key: string): void {
    this.queue.done(key);
  }

  len(): number {
    return this.queue.len();
  }

  /** When `key`'s delayed add fires (ms epoch), if one is scheduled. */
  nextAttempt(key: string): number | undefined {
    return this.delayed.dueAt(key);
  }

  processingKeys(): Map<string, number> {
    return this.queue.processingKeys();
  }

  /** Stops accepting keys, cancels every delayed add and releases waiting workers. */
  shutDown(): void {
    this.delayed.clear();
    this.queue.shutDown();
  }

  /** shutDown, then waits for keys being processed to be `done()`. */
  async shutDownWithDrain(): Promise<void> {
    this.delayed.clear();
    await this.queue.shutDownWithDrain();
  }

  /** Every queued, processing or waiting key, queued ones in FIFO order. */
  items(): QueueItemInfo[] {
    const processing = [...this.queue.processingKeys().keys()];
    const queued = this.queue.queuedKeys();
    const seen = new Set([...processing, ...queued]);
    const waiting = this.delayed.keys().filter((key) => !seen.has(key));
    return [
      ...processing.map((key) => this.info(key, 'processing' as const)),
      ...queued.map((key) => this.info(key, 'queued' as const)),
      ...waiting.map((key) => this.info(key, 'waiting' as const)),
    ];
  }

  private info(key: string, state: QueueItemInfo['state']): QueueItemInfo {
    const due = this.delayed.dueAt(key);
    return {
      key,
      state,
      retries: this.rateLimiter.numRequeues(key),
      lastError: this.lastErrors.get(key) ?? null,
      nextAttemptTime: due === undefined ? null : new Date(due).toISOString(),
    };
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
