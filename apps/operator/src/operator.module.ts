import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { join } from 'node:path';
import { ConfigModule, OperatorConfig } from '@app/config';
import { CrdModule } from '@app/crd';
import { EventsModule } from '@app/events';
import { defaultIdentity, LeaderElectionModule } from '@app/leader-election';
import { MetricsModule } from '@app/metrics';
import { ResourcesModule } from '@app/resources';
import { StorageModule } from '@app/storage';
import { WatchModule } from '@app/watch';
import { HealthController } from './health/health.controller.js';
import { HealthService } from './health/health.service.js';
import { HealthChecks } from './health/health-checks.js';
import { DiscoveryService } from './kube/discovery.service.js';
import { KubeApiController } from './kube/kube-api.controller.js';
import { KubeApiHandler } from './kube/kube-api.handler.js';
import { KubeResponder } from './kube/kube-responder.js';
import { KubeWatchHandler } from './kube/kube-watch.handler.js';
import { TableConverter } from './kube/table-converter.js';
import { EventsController } from './events/events.controller.js';
import { LeaderController } from './leader/leader.controller.js';
import { RootController } from './root/root.controller.js';
import { RootService } from './root/root.service.js';

/** Composition only: which modules make up the operator, configured from OperatorConfig. */
@Module({})
export class OperatorModule {
  static forRoot(config: OperatorConfig): DynamicModule {
    return {
      module: OperatorModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        MetricsModule,
        StorageModule.forRoot(storageOptions(config)),
        CrdModule,
        ResourcesModule,
        WatchModule.register({}),
        EventsModule.forRoot({ component: 'application-operator', ttlSeconds: config.EVENT_TTL_SECONDS, maxEvents: config.EVENT_MAX }),
        LeaderElectionModule.forRoot({
          enabled: config.ENABLE_LEADER_ELECTION,
          identity: identityOf(config),
          leaseNamespace: config.LEASE_NAMESPACE,
          leaseName: config.LEASE_NAME,
          leaseDurationSeconds: config.LEASE_DURATION_SECONDS,
          renewDeadlineSeconds: config.RENEW_DEADLINE_SECONDS,
          retryPeriodSeconds: config.RETRY_PERIOD_SECONDS,
        }),
      ],
      controllers: [RootController, HealthController, KubeApiController, EventsController, LeaderController],
      providers: [RootService, HealthService, HealthChecks, DiscoveryService, KubeApiHandler, KubeResponder, KubeWatchHandler, TableConverter],
    };
  }
}

/** This replica's identity: POD_NAME, else hostname plus a random suffix (computed once per process). */
const processIdentity = defaultIdentity();
export function identityOf(config: OperatorConfig): string {
  return config.POD_NAME ?? processIdentity;
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
