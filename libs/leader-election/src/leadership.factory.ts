import { Logger } from '@nestjs/common';
import { EventRecorder } from '@app/events';
import { ResourceClientFactory } from '@app/resources';
import { LeaderElector } from './elector/leader-elector.js';
import { LEASE_RESOURCE } from './leader-election.constants.js';
import { LeaderElectionMetrics } from './leader-election.metrics.js';
import { LeaderElectionConfig } from './leader-election.options.js';
import { Lease } from './lease/lease-lock.js';
import { ResourceLeaseLock } from './lease/resource-lease-lock.js';
import { AlwaysLeader, Leadership } from './leadership.js';

/** The elector over a Lease read and written through the ResourceClientFactory, or AlwaysLeader when disabled. */
export function createLeadership(
  config: LeaderElectionConfig,
  metrics: LeaderElectionMetrics,
  clients?: ResourceClientFactory,
  events?: EventRecorder,
): Leadership {
  if (!config.enabled) return new AlwaysLeader(config.identity);
  if (!clients) throw new Error('LeaderElectionModule: leader election is enabled but no ResourceClientFactory provider is available');
  const lock = new ResourceLeaseLock(clients.client<Lease>(LEASE_RESOURCE), config.leaseNamespace, config.leaseName);
  return new LeaderElector(config, lock, { metrics, events, logger: new Logger('LeaderElection') });
}
