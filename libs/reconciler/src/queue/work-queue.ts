/** Observes a queue's adds and hand-outs (workqueue_* metrics); every method is optional work. */
export interface WorkQueueObserver {
  /** A key became dirty (client-go counts these as adds). */
  added(): void;
  depth(depth: number): void;
  /** A key left the queue for a worker after waiting `queuedSeconds`. */
  started(queuedSeconds: number): void;
  /** A worker finished a key it held for `workSeconds`. */
  finished(workSeconds: number): void;
}

interface Waiter {
  resolve(key: string | undefined): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * client-go's workqueue: a FIFO of keys plus a dirty set and a processing set. Guarantees: a
 * key is never held twice (adds of a queued key are folded); a key is never handed to two
 * workers at once; a key added while it is processing is queued again, once, when `done()` is
 * called. Single-threaded (the event loop), so no locking is needed.
 */
export class WorkQueue {
  private items: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Map<string, number>();
  private readonly enqueuedAt = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private shuttingDown = false;
  private drained?: () => void;

  constructor(private readonly observer?: WorkQueueObserver) {}

  /** Marks `key` as needing processing. No-op after shutDown or when already queued. */
  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    this.observer?.added();
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /**
   * Resolves with the next key (now marked processing) once one is available; undefined after
   * shutDown or when `signal` aborts. The caller must call `done(key)`.
   */
  get(signal?: AbortSignal): Promise<string | undefined> {
    if (this.len() > 0) return Promise.resolve(this.take());
    if (this.shuttingDown || signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = { resolve, signal };
      if (signal) {
        waiter.onAbort = () => this.dropWaiter(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
    });
  }

  /** Ends processing of `key`; re-queues it if it was added meanwhile. */
  done(key: string): void {
    const started = this.processing.get(key);
    if (started === undefined) return;
    this.processing.delete(key);
    this.observer?.finished((Date.now() - started) / 1000);
    if (this.dirty.has(key) && !this.shuttingDown) this.push(key);
    else this.dirty.delete(key);
    if (this.processing.size === 0) this.drained?.();
  }

  /** Keys waiting for a worker (client-go's Len; workqueue_depth). */
  len(): number {
    return this.items.length - this.head;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** queued: waiting for a worker; processing: held by a worker (possibly dirty again). */
  stateOf(key: string): 'queued' | 'processing' | undefined {
    if (this.processing.has(key)) return 'processing';
    return this.dirty.has(key) ? 'queued' : undefined;
  }

  /** True when a run of `key` is already due: it is queued, or will be re-queued by done(). */
  isPending(key: string): boolean {
    return this.dirty.has(key);
  }

  queuedKeys(): string[] {
    return this.items.slice(this.head);
  }

  /** Keys being processed with the time (ms epoch) their processing started. */
  processingKeys(): Map<string, number> {
    return new Map(this.processing);
  }

  /** Refuses new adds and releases every waiting `get()` with undefined. Idempotent. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const waiter of this.waiters.splice(0)) this.release(waiter, undefined);
  }

  /** shutDown, then resolves once every key being processed has been `done()`. */
  async shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
  }

  private push(key: string): void {
    this.enqueuedAt.set(key, Date.now());
    this.items.push(key);
    this.observer?.depth(this.len());
    const waiter = this.waiters.shift();
    if (waiter) this.release(waiter, this.take());
  }

  private take(): string {
    const key = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    const now = Date.now();
    const queuedSeconds = (now - (this.enqueuedAt.get(key) ?? now)) / 1000;
    this.enqueuedAt.delete(key);
    this.dirty.delete(key);
    this.processing.set(key, now);
    this.observer?.depth(this.len());
    this.observer?.started(queuedSeconds);
    return key;
  }

  private dropWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
    this.release(waiter, undefined);
  }

  private release(waiter: Waiter, key: string | undefined): void {
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(key);
  }
}
