import { Provider } from '@nestjs/common';
import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { LATENCY_BUCKETS, METRIC, WORKQUEUE_BUCKETS } from './metrics.constants.js';

const counter = (name: string, help: string, labelNames: string[] = []) => makeCounterProvider({ name, help, labelNames });
const gauge = (name: string, help: string, labelNames: string[] = []) => makeGaugeProvider({ name, help, labelNames });
const histogram = (name: string, help: string, labelNames: string[], buckets = LATENCY_BUCKETS) =>
  makeHistogramProvider({ name, help, labelNames, buckets });

/** One provider per metric in METRIC. */
export const metricProviders: Provider[] = [
  counter(METRIC.reconcileTotal, 'Reconciles by result (success, error, requeue, requeue_after, terminal).', ['result']),
  histogram(METRIC.reconcileDuration, 'Reconcile latency in seconds by result.', ['result']),
  gauge(METRIC.resourceCount, 'Applications by namespace and phase.', ['namespace', 'phase']),
  counter(METRIC.eventTotal, 'Kubernetes events recorded, by type and severity.', ['type', 'severity']),
  counter(METRIC.eventAggregatedTotal, 'Events folded into an existing event (deduplicated, aggregated or rate limited), by how.', ['reason']),
  counter(METRIC.eventWriteFailuresTotal, 'Events that could not be written after every retry (dropped, and logged).'),
  counter(METRIC.webhookRequestsTotal, 'Admission webhook requests by webhook, operation and outcome.', ['webhook', 'operation', 'allowed']),
  histogram(METRIC.webhookRequestDuration, 'Admission webhook latency in seconds.', ['webhook', 'operation']),
  gauge(METRIC.leaderElectionStatus, '1 when this replica is the elected leader, else 0.'),
  gauge(METRIC.workqueueDepth, 'Current depth of the work queue.', ['name']),
  counter(METRIC.runtimeReconcileTotal, 'Total number of reconciliations per controller.', ['controller', 'result']),
  counter(METRIC.runtimeReconcileErrorsTotal, 'Total number of reconciliation errors per controller.', ['controller']),
  histogram(METRIC.runtimeReconcileTime, 'Length of time per reconciliation per controller.', ['controller']),
  gauge(METRIC.runtimeActiveWorkers, 'Number of currently used workers per controller.', ['controller']),
  gauge(METRIC.runtimeMaxConcurrentReconciles, 'Maximum number of concurrent reconciles per controller.', ['controller']),
  counter(METRIC.workqueueAddsTotal, 'Total number of adds handled by workqueue.', ['name']),
  histogram(METRIC.workqueueQueueDuration, 'How long in seconds an item stays in workqueue before being requested.', ['name'], WORKQUEUE_BUCKETS),
  histogram(METRIC.workqueueWorkDuration, 'How long in seconds processing an item from workqueue takes.', ['name'], WORKQUEUE_BUCKETS),
  counter(METRIC.workqueueRetriesTotal, 'Total number of retries handled by workqueue.', ['name']),
  gauge(METRIC.workqueueUnfinishedWork, 'How many seconds of work has been done that is in progress and hasn\'t been observed by work_duration.', ['name']),
  gauge(METRIC.workqueueLongestRunningProcessor, 'How many seconds has the longest running processor for workqueue been running.', ['name']),
  gauge(METRIC.leaderElectionMasterStatus, 'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master.', ['name']),
  counter(METRIC.httpRequestsTotal, 'HTTP requests by method, route and status code.', ['method', 'route', 'code']),
  histogram(METRIC.httpRequestDuration, 'HTTP request latency in seconds by method, route and status code.', ['method', 'route', 'code']),
  gauge(METRIC.watchClients, 'Connected change-stream clients by kind (sse or k8s).', ['kind']),
  counter(METRIC.watchEventsSentTotal, 'Change-stream events sent to clients by kind.', ['kind']),
  counter(METRIC.watchClientsDroppedTotal, 'Change-stream clients disconnected for not reading, by kind.', ['kind']),
  counter(METRIC.delegatedAuthnRequestsTotal, 'TokenReviews sent to the cluster (cluster mode), by HTTP status code (<error> when there was no answer).', ['code']),
  histogram(METRIC.delegatedAuthnRequestDuration, 'TokenReview latency in seconds, by HTTP status code.', ['code']),
  counter(METRIC.delegatedAuthzRequestsTotal, 'SubjectAccessReviews sent to the cluster (cluster mode), by HTTP status code (<error> when there was no answer).', ['code']),
  histogram(METRIC.delegatedAuthzRequestDuration, 'SubjectAccessReview latency in seconds, by HTTP status code.', ['code']),
  gauge(METRIC.storeRevision, 'Newest revision written to the store.'),
  gauge(METRIC.storeCompactedRevision, 'Revision the store history was last compacted at.'),
  gauge(METRIC.storeDbSizeBytes, 'Size of the store database in bytes.'),
  gauge(METRIC.storeKeys, 'Live keys in the store.'),
];
