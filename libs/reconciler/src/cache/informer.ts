import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { KubeObject } from '@app/api-machinery';
import { ResourceClient } from '@app/resources';
import { Observable, Subject, Subscription } from 'rxjs';
import { errorMessage } from '../queue/rate-limiting-queue.js';
import { CacheEvent, InformerOptions } from './cache.types.js';
import { ObjectCache } from './object-cache.js';
import { applyWatchEvent, isExpired, WatchOutcome } from './watch-events.js';

/**
 * client-go's shared informer for one resource, across all namespaces: list, then watch from
 * the list's resourceVersion; when a watch ends, watch again from the last resourceVersion
 * seen; on 410 Expired, relist and diff (everything that changed or vanished is enqueued);
 * on any other failure, retry with capped exponential backoff, logging each failure. It never
 * stops on its own (unlike client-node's informer). Periodic resync re-enqueues every key.
 * `options.shouldEnqueue` filters which watched changes are enqueued (the cache takes them all).
 */
export class Informer<T extends KubeObject> {
  private readonly logger: Logger;
  private readonly cache = new ObjectCache<T>();
  private readonly eventsSubject = new Subject<CacheEvent<T>>();
  private readonly keysSubject = new Subject<string>();
  /** Every change applied to the cache, including the controller's own writes (for metrics and views). */
  readonly events$: Observable<CacheEvent<T>> = this.eventsSubject.asObservable();
  /** Keys to reconcile: watched changes, relist differences, resyncs. */
  readonly keys$: Observable<string> = this.keysSubject.asObservable();
  private lastResourceVersion?: string;
  private synced = false;
  private readonly syncWaiters: Array<() => void> = [];
  private running = false;
  private loop?: Promise<void>;
  private watch?: Subscription;
  private interrupt?: () => void;

  constructor(
    private readonly client: ResourceClient<T>,
    private readonly scheduler: SchedulerRegistry,
    private readonly options: InformerOptions,
  ) {
    this.logger = new Logger(`Informer:${client.ref.resource}`);
  }

  /** Starts list+watch and the resync interval. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    if (this.options.resyncPeriodMs > 0 && !this.scheduler.doesExist('interval', this.options.resyncName)) {
      const timer = setInterval(() => this.resync(), this.options.resyncPeriodMs);
      timer.unref?.();
      this.scheduler.addInterval(this.options.resyncName, timer);
    }
  }

  /** Ends the watch, the retry loop and the resync interval, and completes both streams. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.scheduler.doesExist('interval', this.options.resyncName)) this.scheduler.deleteInterval(this.options.resyncName);
    this.watch?.unsubscribe();
    this.interrupt?.();
    await this.loop;
    this.eventsSubject.complete();
    this.keysSubject.complete();
  }

  /** True once the first list has been stored. */
  hasSynced(): boolean {
    return this.synced;
  }

  waitForSync(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return this.cache.values();
  }

  keys(): string[] {
    return this.cache.keys();
  }

  /**
   * Records the result of the controller's own write (client-go's mutation cache), so the next
   * reconcile does not read a state older than what it just wrote. Ignored when not newer or
   * no longer cached. Not a watch event: nothing is enqueued, and the watch's copy of it (same
   * resourceVersion) will not be either.
   */
  assume(object: T): void {
    const event = this.cache.assume(object);
    if (event) this.eventsSubject.next(event);
  }

  /** Enqueues every cached key (the periodic resync). */
  resync(): void {
    for (const key of this.cache.keys()) this.keysSubject.next(key);
  }

  private async run(): Promise<void> {
    let relist = true;
    let failures = 0;
    let expiries = 0;
    while (this.running) {
      try {
        if (relist) await this.relist();
        relist = false;
        const outcome = await this.watchOnce();
        const progressed = outcome.events > 0 || outcome.ms >= (this.options.minWatchMs ?? 1000);
        failures = progressed ? 0 : failures + 1;
        if (progressed) expiries = 0;
        if (failures > 0) await this.sleep(this.backoff(failures));
      } catch (error) {
        if (!this.running) break;
        if (isExpired(error)) {
          // Relist at once; only a relist that expires again without progress waits (no hot loop).
          this.logger.log(`watch expired (${errorMessage(error)}); relisting`);
          relist = true;
          if (++expiries > 1) await this.sleep(this.backoff(expiries - 1));
          continue;
        }
        failures++;
        const delay = this.backoff(failures);
        this.logger.warn(`${relist ? 'list' : 'watch'} failed (attempt ${failures}), retrying in ${delay}ms: ${errorMessage(error)}`);
        await this.sleep(delay);
      }
    }
  }

  private async relist(): Promise<void> {
    const list = await this.client.list(undefined, this.options.labelSelector ? { labelSelector: this.options.labelSelector } : undefined);
    for (const event of this.cache.replace(list.items)) this.publish(event);
    this.lastResourceVersion = list.metadata.resourceVersion;
    if (!this.synced) {
      this.synced = true;
      for (const resolve of this.syncWaiters.splice(0)) resolve();
    }
  }

  /** One watch from the last resourceVersion: resolves when it completes, rejects on error. */
  private watchOnce(): Promise<WatchOutcome> {
    const started = Date.now();
    let events = 0;
    return new Promise<WatchOutcome>((resolve, reject) => {
      const end = () => resolve({ events, ms: Date.now() - started });
      this.interrupt = end;
      this.watch = this.client.watch(undefined, { resourceVersion: this.lastResourceVersion, allowWatchBookmarks: true, labelSelector: this.options.labelSelector }).subscribe({
        next: (event) => {
          events++;
          const result = applyWatchEvent(this.cache, event);
          if (result.error) return reject(result.error);
          if (result.resourceVersion) this.lastResourceVersion = result.resourceVersion;
          if (result.event) this.publish(result.event, this.options.shouldEnqueue?.(result.event) ?? true);
        },
        error: reject,
        complete: end,
      });
    }).finally(() => {
      this.watch?.unsubscribe();
      this.interrupt = undefined;
    });
  }

  private publish(event: CacheEvent<T>, enqueue = true): void {
    this.eventsSubject.next(event);
    if (enqueue) this.keysSubject.next(event.key);
  }

  private backoff(failures: number): number {
    const base = this.options.retryBaseMs ?? 1000;
    return Math.min(base * 2 ** Math.min(failures - 1, 30), this.options.retryMaxMs ?? 30_000);
  }

  /** A cancellable delay: stop() ends it at once. */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      this.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

