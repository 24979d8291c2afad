import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, InjectMetric, METRIC } from '@app/metrics';
import { ControllerMetrics, ReconcileOutcome } from '../controller/controller.types.js';
import { QueueMetrics } from '../queue/queue.types.js';
import { APPLICATION_CONTROLLER_NAME } from '../reconciler.constants.js';

/**
 * The Application controller's metrics: the seed's controller_reconcile_* and workqueue_depth,
 * plus controller-runtime's and client-go's names (labels `controller` / `name` = `application`)
 * so their dashboards and alerts work unchanged.
 */
@Injectable()
export class ReconcilerMetrics implements QueueMetrics, ControllerMetrics {
  private readonly name = APPLICATION_CONTROLLER_NAME;

  constructor(
    @InjectMetric(METRIC.reconcileTotal) private readonly reconcileTotal: Counter<string>,
    @InjectMetric(METRIC.reconcileDuration) private readonly reconcileDuration: Histogram<string>,
    @InjectMetric(METRIC.runtimeReconcileTotal) private readonly runtimeTotal: Counter<string>,
    @InjectMetric(METRIC.runtimeReconcileErrorsTotal) private readonly runtimeErrors: Counter<string>,
    @InjectMetric(METRIC.runtimeReconcileTime) private readonly runtimeTime: Histogram<string>,
    @InjectMetric(METRIC.runtimeActiveWorkers) private readonly runtimeActiveWorkers: Gauge<string>,
    @InjectMetric(METRIC.runtimeMaxConcurrentReconciles) private readonly runtimeMaxConcurrent: Gauge<string>,
    @InjectMetric(METRIC.workqueueDepth) private readonly queueDepth: Gauge<string>,
    @InjectMetric(METRIC.workqueueAddsTotal) private readonly queueAdds: Counter<string>,
    @InjectMetric(METRIC.workqueueQueueDuration) private readonly queueDuration: Histogram<string>,
    @InjectMetric(METRIC.workqueueWorkDuration) private readonly workDuration: Histogram<string>,
    @InjectMetric(METRIC.workqueueRetriesTotal) private readonly queueRetries: Counter<string>,
    @InjectMetric(METRIC.workqueueUnfinishedWork) private readonly unfinishedWork: Gauge<string>,
    @InjectMetric(METRIC.workqueueLongestRunningProcessor) private readonly longestRunning: Gauge<string>,
  ) {}

  reconciled(outcome: ReconcileOutcome, seconds: number): void {
    this.reconcileTotal.inc({ result: outcome });
    this.reconcileDuration.observe({ result: outcome }, seconds);
    this.runtimeTotal.inc({ controller: this.name, result: outcome });
    this.runtimeTime.observe({ controller: this.name }, seconds);
    if (outcome === 'error' || outcome === 'terminal') this.runtimeErrors.inc({ controller: this.name });
  }

  activeWorkers(count: number): void {
    this.runtimeActiveWorkers.set({ controller: this.name }, count);
  }

  maxConcurrentReconciles(count: number): void {
    this.runtimeMaxConcurrent.set({ controller: this.name }, count);
  }

  inFlight(unfinishedSeconds: number, longestSeconds: number): void {
    this.unfinishedWork.set({ name: this.name }, unfinishedSeconds);
    this.longestRunning.set({ name: this.name }, longestSeconds);
  }

  added(): void {
    this.queueAdds.inc({ name: this.name });
  }

  depth(depth: number): void {
    this.queueDepth.set({ name: this.name }, depth);
  }

  started(queuedSeconds: number): void {
    this.queueDuration.observe({ name: this.name }, queuedSeconds);
  }

  finished(workSeconds: number): void {
    this.workDuration.observe({ name: this.name }, workSeconds);
  }

  retried(): void {
    this.queueRetries.inc({ name: this.name });
  }
}
