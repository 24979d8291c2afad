import { Inject, Injectable } from '@nestjs/common';
import { LeaderElector } from './elector/leader-elector.js';
import { LEADER_ELECTION_CONFIG } from './leader-election.constants.js';
import { LeaderElectionConfig } from './leader-election.options.js';
import { LeaderElectionStatus, LeaderInfo, leaderElectionStatus } from './leader-status.types.js';
import { Leadership } from './leadership.js';

/** Read-only views of leader election for `GET /leader` and `/readyz`. Cheap: no store reads. */
@Injectable()
export class LeaderStatusService {
  constructor(
    private readonly leadership: Leadership,
    @Inject(LEADER_ELECTION_CONFIG) private readonly config: LeaderElectionConfig,
  ) {}

  /** `GET /leader`: this replica and the Lease as last read or written by it. */
  info(): LeaderInfo {
    if (this.leadership instanceof LeaderElector) return this.leadership.info();
    const isLeader = this.leadership.isLeader();
    const { identity } = this.leadership;
    return { identity, isLeader, holderIdentity: isLeader ? identity : null, leaseDurationSeconds: null, acquireTime: null, renewTime: null, leaseTransitions: null };
  }

  /** Running? leading? following whom? (`ready` is what `/readyz` should require.) */
  status(): LeaderElectionStatus {
    if (this.leadership instanceof LeaderElector) return this.leadership.status();
    const { identity } = this.leadership;
    return leaderElectionStatus({ enabled: this.config.enabled, running: true, leading: this.leadership.isLeader(), identity, leader: identity, lease: null });
  }
}
