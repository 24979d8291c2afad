import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Leadership } from '@app/leader-election';
import { Subscription } from 'rxjs';
import { ApplicationReconciler } from './application/application-reconciler.js';
import { ApplicationCache } from './cache/application-cache.js';
import { Controller } from './controller/controller.js';
import { QueueSnapshot } from './controller/controller.types.js';
import { requestKey } from './controller/request-key.js';
import { ReconcilerMetrics } from './metrics/reconciler-metrics.js';
import { ResourceCountMetric } from './metrics/resource-count.js';
import { defaultControllerRateLimiter } from './queue/rate-limiter.js';
import { RateLimitingQueue } from './queue/rate-limiting-queue.js';
import { APPLICATION_CONTROLLER_NAME, RECONCILE_TIMER_PREFIX, RECONCILER_OPTIONS } from './reconciler.constants.js';
import { ResolvedReconcilerOptions } from './reconciler.options.js';
import { WorkloadDriver } from './workload/workload-driver.js';

/**
 * Runs the Application controller: starts the informer on bootstrap (every replica keeps its
 * cache warm), feeds the queue from cache changes, resyncs and workload changes, and lets the
 * controller's workers run while this replica leads. On shutdown, workers finish their current
 * key, every scheduled retry is cancelled and the watch is closed.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly controller: Controller;
  private readonly subscriptions = new Subscription();
  private started = false;

  constructor(
    private readonly cache: ApplicationCache,
    reconciler: ApplicationReconciler,
    private readonly driver: WorkloadDriver,
    leadership: Leadership,
    scheduler: SchedulerRegistry,
    metrics: ReconcilerMetrics,
    private readonly resourceCount: ResourceCountMetric,
    @Inject(RECONCILER_OPTIONS) options: ResolvedReconcilerOptions,
  ) {
    const queue = new RateLimitingQueue({
      rateLimiter: defaultControllerRateLimiter({ backoffBaseMs: options.backoffBaseMs, backoffMaxMs: options.backoffMaxMs, qps: options.queueQps, burst: options.queueBurst }),
      scheduler,
      timerPrefix: RECONCILE_TIMER_PREFIX,
      metrics,
    });
    const controllerOptions = { name: APPLICATION_CONTROLLER_NAME, maxConcurrentReconciles: options.maxConcurrentReconciles, maxRetries: options.maxRetries };
    this.controller = new Controller(reconciler, queue, leadership, controllerOptions, metrics, () => this.enqueueAll());
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Starts the informer, the event feeds and the controller. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.resourceCount.follow(this.cache.events$);
    this.subscriptions.add(this.cache.keys$.subscribe((key) => this.controller.enqueue(key)));
    this.subscriptions.add(this.driver.changes$.subscribe(({ namespace, name }) => this.controller.enqueue(requestKey(namespace, name))));
    this.cache.start();
    this.controller.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.controller.stop();
    this.subscriptions.unsubscribe();
    this.resourceCount.stop();
    await this.cache.stop();
  }

  /** `GET /debug/queue`: leadership, depth and every queued, processing or waiting key. */
  snapshot(): QueueSnapshot {
    return this.controller.snapshot();
  }

  /** The informer has listed every Application once (readiness). */
  hasSynced(): boolean {
    return this.cache.hasSynced();
  }

  private enqueueAll(): void {
    for (const key of this.cache.keys()) this.controller.enqueue(key);
  }
}
