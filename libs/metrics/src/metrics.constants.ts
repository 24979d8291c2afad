/**
 * Every Prometheus metric name the operator exports, declared once. Inject with
 * `@InjectMetric(METRIC.x)` from @willsoto/nestjs-prometheus; the providers live in metric.providers.ts.
 */
export const METRIC = {
  // Seed names (the operator's own dashboards and alerts use these).
  reconcileTotal: 'controller_reconcile_total',
  reconcileDuration: 'controller_reconcile_duration_seconds',
  /** Gauge named `_count`: kept for the seed's dashboards; promtool's lint flags it (known, documented). */
  resourceCount: 'resource_count',
  eventTotal: 'event_total',
  eventAggregatedTotal: 'event_aggregated_total',
  eventWriteFailuresTotal: 'event_write_failures_total',
  webhookRequestsTotal: 'webhook_requests_total',
  webhookRequestDuration: 'webhook_request_duration_seconds',
  leaderElectionStatus: 'leader_election_status',
  workqueueDepth: 'workqueue_depth',
  // controller-runtime's names, so existing dashboards and alerts work unchanged.
  runtimeReconcileTotal: 'controller_runtime_reconcile_total',
  runtimeReconcileErrorsTotal: 'controller_runtime_reconcile_errors_total',
  runtimeReconcileTime: 'controller_runtime_reconcile_time_seconds',
  runtimeActiveWorkers: 'controller_runtime_active_workers',
  runtimeMaxConcurrentReconciles: 'controller_runtime_max_concurrent_reconciles',
  workqueueAddsTotal: 'workqueue_adds_total',
  workqueueQueueDuration: 'workqueue_queue_duration_seconds',
  workqueueWorkDuration: 'workqueue_work_duration_seconds',
  workqueueRetriesTotal: 'workqueue_retries_total',
  workqueueUnfinishedWork: 'workqueue_unfinished_work_seconds',
  workqueueLongestRunningProcessor: 'workqueue_longest_running_processor_seconds',
  leaderElectionMasterStatus: 'leader_election_master_status',
  // HTTP API.
  httpRequestsTotal: 'http_requests_total',
  httpRequestDuration: 'http_request_duration_seconds',
  // Change streams.
  watchClients: 'watch_clients',
  watchEventsSentTotal: 'watch_events_sent_total',
  watchClientsDroppedTotal: 'watch_clients_dropped_total',
  // Delegated authentication and authorization (cluster mode), kube's k8s.io/apiserver names.
  delegatedAuthnRequestsTotal: 'apiserver_delegated_authn_request_total',
  delegatedAuthnRequestDuration: 'apiserver_delegated_authn_request_duration_seconds',
  delegatedAuthzRequestsTotal: 'apiserver_delegated_authz_request_total',
  delegatedAuthzRequestDuration: 'apiserver_delegated_authz_request_duration_seconds',
  // Store.
  storeRevision: 'store_revision',
  storeCompactedRevision: 'store_compacted_revision',
  storeDbSizeBytes: 'store_db_size_bytes',
  storeKeys: 'store_keys',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Seconds buckets shared by latency histograms (controller-runtime's reconcile buckets, trimmed). */
export const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** client-go's workqueue buckets: 10^-8 .. 10^1 seconds. */
export const WORKQUEUE_BUCKETS = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10];
