import type { ResourceRef } from '@app/resources';

/** client-go's JitterFactor: candidates wait retryPeriod × (1 + random × 1.2) between attempts. */
export const JITTER_FACTOR = 1.2;

/** The Lease resource every replica locks on. */
export const LEASE_RESOURCE: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
export const LEASE_API_VERSION = 'coordination.k8s.io/v1';
export const LEASE_KIND = 'Lease';

/** Event reason client-go's resource locks record leadership changes under. */
export const LEADER_ELECTION_EVENT_REASON = 'LeaderElection';

/** Injection token for the resolved (defaulted, validated) options. */
export const LEADER_ELECTION_CONFIG = Symbol('LEADER_ELECTION_CONFIG');

export const LEADER_ELECTION_DEFAULTS = {
  enabled: true,
  leaseNamespace: 'default',
  leaseName: 'application-operator',
  leaseDurationSeconds: 15,
  renewDeadlineSeconds: 10,
  retryPeriodSeconds: 2,
  releaseOnCancel: true,
} as const;
