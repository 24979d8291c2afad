import { Logger } from '@nestjs/common';
import { Leadership } from '@app/leader-election';
import { Subscription } from 'rxjs';
import { errorMessage, RateLimitingQueue } from '../queue/rate-limiting-queue.js';
import { ControllerMetrics, ControllerOptions, QueueSnapshot, ReconcileOutcome } from './controller.types.js';
import { NotLeaderError, TerminalError } from './errors.js';
import { ReconcileRequest, ReconcileResult, Reconciler } from './reconciler.interface.js';
import { parseRequestKey } from './request-key.js';

/**
 * controller-runtime's controller: `maxConcurrentReconciles` workers take keys from the queue
 * and run the reconciler, only while this replica leads (`leading$`), and `isLeader()` is
 * checked again right before every reconcile. A key is never reconciled by two workers at once.
 * Errors back off through the queue's rate limiter until `maxRetries`, then the reconciler's
 * onRetriesExhausted hook runs and the key is forgotten. `stop()` lets workers finish their
 * current key and cancels every scheduled retry.
 */
export class Controller {
  private readonly logger: Logger;
  private readonly workers = new Set<Promise<void>>();
  private abort?: AbortController;
  private leading = false;
  private stopped = false;
  private active = 0;
  private subscription?: Subscription;
  private fenceTimer?: ReturnType<typeof setTimeout>;
  private gaugeTimer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly reconciler: Reconciler,
    private readonly queue: RateLimitingQueue,
    private readonly leadership: Leadership,
    private readonly options: ControllerOptions,
    private readonly metrics?: ControllerMetrics,
    /** Runs each time workers start (on becoming leader): enqueue every known key, as a fresh controller's initial list would. */
    private readonly onStartedLeading?: () => void,
  ) {
    this.logger = new Logger(`Controller:${options.name}`);
  }

  /** Follows leadership: workers run while leading. Idempotent. */
  start(): void {
    if (this.subscription || this.stopped) return;
    this.metrics?.maxConcurrentReconciles(this.options.maxConcurrentReconciles);
    this.metrics?.activeWorkers(0);
    this.gaugeTimer = setInterval(() => this.reportInFlight(), 1000);
    this.gaugeTimer.unref?.();
    this.subscription = this.leadership.leading$.subscribe((leading) => this.setLeading(leading));
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Stops the workers (each finishes its current key), then shuts the queue down and clears its timers. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    clearTimeout(this.fenceTimer);
    clearInterval(this.gaugeTimer);
    this.stopWorkers();
    this.queue.shutDown();
    await Promise.all(this.workers);
  }

  snapshot(): QueueSnapshot {
    return { leader: this.leadership.isLeader(), depth: this.queue.len(), items: this.queue.items() };
  }

  /** True while workers are running (this replica leads and is not fenced). */
  isRunning(): boolean {
    return this.abort !== undefined;
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    if (leading) this.startWorkers();
    else this.stopWorkers();
  }

  private startWorkers(): void {
    if (this.stopped || this.abort) return;
    this.abort = new AbortController();
    const { signal } = this.abort;
    const previous = [...this.workers];
    // Workers of an earlier term may still be finishing a key: never exceed the concurrency limit.
    void Promise.all(previous).then(() => {
      if (signal.aborted) return;
      this.logger.log(`starting ${this.options.maxConcurrentReconciles} workers`);
      this.onStartedLeading?.();
      for (let i = 0; i < this.options.maxConcurrentReconciles; i++) this.track(this.runWorker(signal));
    });
  }

  private stopWorkers(): void {
    if (!this.abort) return;
    this.abort.abort();
    this.abort = undefined;
    this.logger.log('stopping workers');
  }

  private track(worker: Promise<void>): void {
    this.workers.add(worker);
    void worker.finally(() => this.workers.delete(worker));
  }

  private async runWorker(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const key = await this.queue.get(signal);
      if (key === undefined) return;
      try {
        await this.processNext(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  private async processNext(key: string): Promise<void> {
    if (!this.leadership.isLeader()) return this.fence(key);
    const request = parseRequestKey(key);
    const started = Date.now();
    this.setActive(1);
    try {
      const outcome = await this.reconcileOnce(key, request);
      if (outcome) this.metrics?.reconciled(outcome, (Date.now() - started) / 1000);
    } finally {
      this.setActive(-1);
    }
  }

  /** Runs the reconciler and turns its result into queue actions; undefined when fenced. */
  private async reconcileOnce(key: string, request: ReconcileRequest): Promise<ReconcileOutcome | undefined> {
    let result: ReconcileResult;
    try {
      result = await this.reconciler.reconcile(request);
    } catch (error) {
      if (error instanceof NotLeaderError) return this.fence(key);
      return this.handleError(key, request, error);
    }
    if (result.requeueAfterMs !== undefined && result.requeueAfterMs > 0) {
      this.queue.forget(key);
      this.queue.addAfter(key, result.requeueAfterMs);
      return 'requeue_after';
    }
    if (result.requeue) {
      this.queue.addRateLimited(key);
      return 'requeue';
    }
    this.queue.forget(key);
    return 'success';
  }

  private async handleError(key: string, request: ReconcileRequest, error: unknown): Promise<ReconcileOutcome> {
    if (error instanceof TerminalError) {
      this.logger.warn(`${key}: terminal error, not retrying: ${error.message}`);
      this.queue.forget(key);
      await this.giveUp(key, request, error);
      return 'terminal';
    }
    const retries = this.queue.numRequeues(key);
    if (retries >= this.options.maxRetries) {
      this.logger.warn(`${key}: giving up after ${retries} retries: ${errorMessage(error)}`);
      this.queue.forget(key);
      await this.giveUp(key, request, error);
      return 'error';
    }
    this.queue.addRateLimited(key, error);
    this.logger.warn(`${key}: reconcile failed (retry ${retries + 1}/${this.options.maxRetries}): ${errorMessage(error)}`);
    return 'error';
  }

  private async giveUp(key: string, request: ReconcileRequest, error: unknown): Promise<void> {
    try {
      await this.reconciler.onRetriesExhausted?.(request, error);
    } catch (hookError) {
      if (hookError instanceof NotLeaderError) return;
      this.logger.error(`${key}: onRetriesExhausted failed: ${errorMessage(hookError)}`);
    }
  }

  /** isLeader() said no: keep the key for the next leader term and stop taking work now. */
  private fence(key: string): undefined {
    this.queue.add(key);
    this.stopWorkers();
    this.scheduleLeadershipRecheck();
    return undefined;
  }

  private scheduleLeadershipRecheck(): void {
    clearTimeout(this.fenceTimer);
    this.fenceTimer = setTimeout(() => {
      if (this.stopped || !this.leading) return;
      if (this.leadership.isLeader()) this.startWorkers();
      else this.scheduleLeadershipRecheck();
    }, this.options.fencingRecheckMs ?? 1000);
    this.fenceTimer.unref?.();
  }

  private setActive(delta: number): void {
    this.active += delta;
    this.metrics?.activeWorkers(this.active);
  }

  private reportInFlight(): void {
    const now = Date.now();
    let unfinished = 0;
    let longest = 0;
    for (const started of this.queue.processingKeys().values()) {
      const seconds = (now - started) / 1000;
      unfinished += seconds;
      longest = Math.max(longest, seconds);
    }
    this.metrics?.inFlight(unfinished, longest);
  }
}
