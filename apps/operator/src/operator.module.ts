import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { join } from 'node:path';
import { ConfigModule, OperatorConfig } from '@app/config';
import { AdmissionModule } from '@app/admission';
import { CrdModule } from '@app/crd';
import { EventsModule } from '@app/events';
import { defaultIdentity, LeaderElectionModule } from '@app/leader-election';
import { MetricsModule } from '@app/metrics';
import { ResourcesModule } from '@app/resources';
import { ReconcilerModule } from '@app/reconciler';
import { StorageModule } from '@app/storage';
import { WatchModule } from '@app/watch';
import { KubeApiModule } from './kube/kube-api.module.js';
import { SecurityModule } from './security/security.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { AdmissionController } from './admission/admission.controller.js';
import { DebugController } from './debug/debug.controller.js';
import { EventsController } from './events/events.controller.js';
import { WatchController } from './watch/watch.controller.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { LeaderController } from './leader/leader.controller.js';
import { RootController } from './root/root.controller.js';
import { RootService } from './root/root.service.js';
import { ClusterModeModule, workloadExtras } from './cluster/cluster-mode.module.js';

/** Composition only: which modules make up the operator, configured from OperatorConfig. */
@Module({})
export class OperatorModule {
  static forRoot(config: OperatorConfig): DynamicModule {
    const cluster = config.MODE === 'cluster';
    return {
      module: OperatorModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        MetricsModule,
        // MODE=cluster: the cluster's kube-apiserver is the store and the API (ClusterModeModule), no embedded store.
        ...(cluster ? [ClusterModeModule.forRoot(config)] : [StorageModule.forRoot(storageOptions(config))]),
        CrdModule,
        ...(cluster ? [] : [ResourcesModule]),
        WatchModule.register({ isGlobal: true }),
        // In a cluster, kube-apiserver's --event-ttl expires Events: no retention sweep of the cluster's Events.
        EventsModule.forRoot({ component: 'application-operator', ttlSeconds: cluster ? 0 : config.EVENT_TTL_SECONDS, maxEvents: cluster ? 0 : config.EVENT_MAX }),
        LeaderElectionModule.forRoot({
          enabled: config.ENABLE_LEADER_ELECTION,
          identity: identityOf(config),
          leaseNamespace: config.LEASE_NAMESPACE,
          leaseName: config.LEASE_NAME,
          leaseDurationSeconds: config.LEASE_DURATION_SECONDS,
          renewDeadlineSeconds: config.RENEW_DEADLINE_SECONDS,
          retryPeriodSeconds: config.RETRY_PERIOD_SECONDS,
        }),
        AdmissionModule.forRoot({
          policyFile: config.POLICY_FILE,
          tls: config.WEBHOOK_TLS as 'off' | 'auto' | 'files',
          tlsCertFile: config.WEBHOOK_TLS_CERT_FILE,
          tlsKeyFile: config.WEBHOOK_TLS_KEY_FILE,
          webhookPort: config.WEBHOOK_PORT,
          dnsNames: config.WEBHOOK_DNS_NAMES,
          dataDir: config.DATA_DIR,
        }),
        ...(config.RECONCILER_ENABLED ? [ReconcilerModule.forRoot({ ...reconcilerOptions(config), ...workloadExtras(config) })] : []),
        ObservabilityModule,
        SecurityModule.forRoot(config),
        ...(cluster ? [] : [KubeApiModule]),
        DashboardModule,
      ],
      controllers: [RootController, EventsController, LeaderController, AdmissionController, WatchController, ...(config.RECONCILER_ENABLED ? [DebugController] : [])],
      providers: cluster ? [] : [RootService], // cluster mode: ClusterModeModule provides it
    };
  }
}

/** This replica's identity: POD_NAME, else hostname plus a random suffix (computed once per process). */
const processIdentity = defaultIdentity();
export function identityOf(config: OperatorConfig): string {
  return config.POD_NAME ?? processIdentity;
}

function reconcilerOptions(config: OperatorConfig) {
  return {
    maxConcurrentReconciles: config.MAX_CONCURRENT_RECONCILES,
    backoffBaseMs: config.BACKOFF_BASE_MS,
    backoffMaxMs: config.BACKOFF_MAX_MS,
    maxRetries: config.MAX_RETRIES,
    queueQps: config.QUEUE_QPS,
    queueBurst: config.QUEUE_BURST,
    resyncPeriodSeconds: config.RESYNC_PERIOD_SECONDS,
    simulation: { podStartupMs: config.SIM_POD_STARTUP_MS, failingTags: config.SIM_FAILING_TAGS },
  };
}

function storageOptions(config: OperatorConfig) {
  return {
    path: config.STORAGE === 'memory' ? ':memory:' : join(config.DATA_DIR, 'operator.db'),
    synchronous: config.SQLITE_SYNCHRONOUS as 'full' | 'normal',
    pollIntervalMs: config.STORE_POLL_INTERVAL_MS,
    compaction: {
      intervalMs: config.COMPACTION_INTERVAL_SECONDS * 1000,
      minRetentionMs: config.COMPACTION_MIN_RETENTION_SECONDS * 1000,
      minRetainedRevisions: config.COMPACTION_MIN_REVISIONS,
    },
  };
}
