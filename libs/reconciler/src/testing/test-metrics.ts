import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRIC } from '@app/metrics';
import { ReconcilerMetrics } from '../metrics/reconciler-metrics.js';
import { ResourceCountMetric } from '../metrics/resource-count.js';

/** ReconcilerMetrics and ResourceCountMetric over a private prom-client registry (same names and labels as @app/metrics). */
export function testMetrics(): { registry: Registry; metrics: ReconcilerMetrics; resourceCount: ResourceCountMetric } {
  const registry = new Registry();
  const registers = [registry];
  const counter = (name: string, labelNames: string[]) => new Counter({ name, help: name, labelNames, registers });
  const gauge = (name: string, labelNames: string[]) => new Gauge({ name, help: name, labelNames, registers });
  const histogram = (name: string, labelNames: string[]) => new Histogram({ name, help: name, labelNames, registers });
  const metrics = new ReconcilerMetrics(
    counter(METRIC.reconcileTotal, ['result']),
    histogram(METRIC.reconcileDuration, ['result']),
    counter(METRIC.runtimeReconcileTotal, ['controller', 'result']),
    counter(METRIC.runtimeReconcileErrorsTotal, ['controller']),
    histogram(METRIC.runtimeReconcileTime, ['controller']),
    gauge(METRIC.runtimeActiveWorkers, ['controller']),
    gauge(METRIC.runtimeMaxConcurrentReconciles, ['controller']),
    gauge(METRIC.workqueueDepth, ['name']),
    counter(METRIC.workqueueAddsTotal, ['name']),
    histogram(METRIC.workqueueQueueDuration, ['name']),
    histogram(METRIC.workqueueWorkDuration, ['name']),
    counter(METRIC.workqueueRetriesTotal, ['name']),
    gauge(METRIC.workqueueUnfinishedWork, ['name']),
    gauge(METRIC.workqueueLongestRunningProcessor, ['name']),
  );
  const resourceCount = new ResourceCountMetric(gauge(METRIC.resourceCount, ['namespace', 'phase']));
  return { registry, metrics, resourceCount };
}

/** The value of one series, or undefined when absent. */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = await registry.getSingleMetric(name)?.get();
  const series = metric?.values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label) && !('metricName' in value && value.metricName !== name));
  return series?.value;
}
