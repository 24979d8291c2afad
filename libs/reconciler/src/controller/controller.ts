import { Logger } from '@nestjs/common';
import { Leadership } from '@app/leader-election';
import { Subscription } from 'rxjs';
import { RateLimitingQueue } from '../queue/rate-limiting-queue.js';
import { ControllerMetrics, ControllerOptions, QueueSnapshot } from './controller.types.js';
import { ReconcileRunner } from './reconcile-runner.js';
import { Reconciler } from './reconciler.interface.js';

/**
 * controller-runtime's controller: `maxConcurrentReconciles` workers take keys from the queue
 * and reconcile them (ReconcileRunner), only while this replica leads (`leading$`); `isLeader()`
 * is checked again right before every reconcile, and a false answer stops the workers at once
 * (fencing) with the key kept for later. A key is never reconciled by two workers at once.
 * `stop()` lets workers finish their current key and cancels every scheduled retry.
 */
export class Controller {
  private readonly logger: Logger;
  private readonly runner: ReconcileRunner;
  private readonly workers = new Set<Promise<void>>();
  private abort?: AbortController;
  private leading = false;
  private stopped = false;
  private subscription?: Subscription;
  private fenceTimer?: ReturnType<typeof setTimeout>;
  private gaugeTimer?: ReturnType<typeof setInterval>;

  constructor(
    reconciler: Reconciler,
    private readonly queue: RateLimitingQueue,
    private readonly leadership: Leadership,
    private readonly options: ControllerOptions,
    private readonly metrics?: ControllerMetrics,
    /** Runs each time workers start (on becoming leader): enqueue every known key, as a fresh controller's initial list would. */
    private readonly onStartedLeading?: () => void,
  ) {
    this.logger = new Logger(`Controller:${options.name}`);
    this.runner = new ReconcileRunner(reconciler, queue, options, this.logger, metrics);
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
    // Workers of an earlier term may still be finishing a key: never exceed the concurrency limit.
    void Promise.all([...this.workers]).then(() => {
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
        const fenced = !this.leadership.isLeader() || (await this.reconcile(key)) === 'fenced';
        if (fenced) this.fence(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  /**
   * One reconcile, bracketed by `reconcile start|end <key> identity=<id> t=<epoch ms>` debug lines
   * (LOG_LEVEL=debug): the robustness suite checks from them that no two replicas reconcile at once.
   */
  private async reconcile(key: string): Promise<'fenced' | undefined> {
    const debug = Logger.isLevelEnabled('debug');
    const { identity } = this.leadership;
    if (debug) this.logger.debug(`reconcile start ${key} identity=${identity} t=${Date.now()}`);
    const outcome = await this.runner.run(key);
    if (debug) this.logger.debug(`reconcile end ${key} identity=${identity} t=${Date.now()} fenced=${outcome === 'fenced'}`);
    return outcome;
  }

  /** isLeader() said no: keep the key (re-queued without backoff when done) and stop taking work now. */
  private fence(key: string): void {
    this.queue.add(key);
    this.stopWorkers();
    this.scheduleLeadershipRecheck();
  }

  /** Restarts the workers once isLeader() agrees again, unless leading$ has meanwhile said we lost. */
  private scheduleLeadershipRecheck(): void {
    clearTimeout(this.fenceTimer);
    this.fenceTimer = setTimeout(() => {
      if (this.stopped || !this.leading) return;
      if (this.leadership.isLeader()) this.startWorkers();
      else this.scheduleLeadershipRecheck();
    }, this.options.fencingRecheckMs ?? 1000);
    this.fenceTimer.unref?.();
  }

  private reportInFlight(): void {
    let unfinished = 0;
    let longest = 0;
    const now = Date.now();
    for (const started of this.queue.processingKeys().values()) {
      unfinished += (now - started) / 1000;
      longest = Math.max(longest, (now - started) / 1000);
    }
    this.metrics?.inFlight(unfinished, longest);
  }
}
