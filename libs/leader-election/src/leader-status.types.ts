/** The body of `GET /leader`. Fields of the Lease are null while none has been read (or election is disabled). */
export interface LeaderInfo {
  identity: string;
  isLeader: boolean;
  holderIdentity: string | null;
  leaseDurationSeconds: number | null;
  acquireTime: string | null;
  renewTime: string | null;
  leaseTransitions: number | null;
}

/** A snapshot for readiness: is election running, are we leading, whom do we follow. */
export interface LeaderElectionStatus {
  /** False when election is disabled (single instance, always leader). */
  enabled: boolean;
  /** Between start (application bootstrap) and stop (shutdown). */
  running: boolean;
  /** `isLeader()` at the time of the snapshot (renew deadline included). */
  leading: boolean;
  identity: string;
  /** The leader whose lease has not expired by our own observation (ourselves when leading), else null. */
  leader: string | null;
  /** `namespace/name` of the Lease, null when disabled. */
  lease: string | null;
  /** running and (leading or following a known leader): what `/readyz` checks. */
  ready: boolean;
  /** One line for humans: `leading`, `following leader X`, ... */
  message: string;
}

/** Derives `ready` and `message` from the facts. */
export function leaderElectionStatus(facts: Omit<LeaderElectionStatus, 'ready' | 'message'>): LeaderElectionStatus {
  const { enabled, running, leading, leader, lease } = facts;
  if (!enabled) return { ...facts, ready: true, message: 'leader election disabled: leading' };
  if (!running) return { ...facts, ready: false, message: 'leader election not running' };
  if (leading) return { ...facts, ready: true, message: `leading (lease ${lease})` };
  if (leader) return { ...facts, ready: true, message: `following leader ${leader}` };
  return { ...facts, ready: false, message: `no known leader (lease ${lease})` };
}
