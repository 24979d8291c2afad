import { Global, Module } from '@nestjs/common';
import { ResourceClientFactory } from '@app/resources';
import { LEADER_ELECTION_CONFIG } from './leader-election.constants.js';
import { LazyEventRecorder } from './lazy-event-recorder.js';
import { LeaderElectionLifecycle } from './leader-election.lifecycle.js';
import { LeaderElectionMetrics } from './leader-election.metrics.js';
import { ConfigurableLeaderElectionModule, LEADER_ELECTION_MODULE_OPTIONS } from './leader-election.module-definition.js';
import { resolveLeaderElectionOptions } from './leader-election.options.js';
import { createLeadership } from './leadership.factory.js';
import { LeaderStatusService } from './leader-status.service.js';
import { Leadership } from './leadership.js';

/**
 * Provides `Leadership` (a Lease-based LeaderElector, or AlwaysLeader when `enabled: false`)
 * and `LeaderStatusService`. Needs `ResourceClientFactory` (when enabled) and the metrics from
 * MetricsModule in scope; uses `EventRecorder` when one is. Invalid options fail at boot.
 */
@Global()
@Module({
  providers: [
    { provide: LEADER_ELECTION_CONFIG, useFactory: resolveLeaderElectionOptions, inject: [LEADER_ELECTION_MODULE_OPTIONS] },
    LeaderElectionMetrics,
    {
      provide: Leadership,
      useFactory: createLeadership,
      inject: [LEADER_ELECTION_CONFIG, LeaderElectionMetrics, { token: ResourceClientFactory, optional: true }, LazyEventRecorder],
    },
    LazyEventRecorder,
    LeaderStatusService,
    LeaderElectionLifecycle,
  ],
  exports: [Leadership, LeaderStatusService],
})
export class LeaderElectionModule extends ConfigurableLeaderElectionModule {}
