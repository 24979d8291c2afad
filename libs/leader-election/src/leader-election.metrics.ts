import { Injectable } from '@nestjs/common';
import { Gauge, InjectMetric, METRIC } from '@app/metrics';

/** What an elector reports to metrics (implemented by LeaderElectionMetrics; tests may pass their own). */
export interface LeadershipMetrics {
  setLeading(leaseName: string, leading: boolean): void;
}

/**
 * `leader_election_status` (the seed's 0/1 gauge) and client-go's
 * `leader_election_master_status{name}` (name = lease name). Idempotent setters.
 */
@Injectable()
export class LeaderElectionMetrics implements LeadershipMetrics {
  constructor(
    @InjectMetric(METRIC.leaderElectionStatus) private readonly status: Gauge<string>,
    @InjectMetric(METRIC.leaderElectionMasterStatus) private readonly masterStatus: Gauge<string>,
  ) {}

  setLeading(leaseName: string, leading: boolean): void {
    const value = leading ? 1 : 0;
    this.status.set(value);
    this.masterStatus.set({ name: leaseName }, value);
  }

  /** Election disabled: this process is the one controller, with no lease to report. */
  setAlwaysLeader(): void {
    this.status.set(1);
  }
}
