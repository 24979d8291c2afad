import { EventRecorder } from '@app/events';
import { LEADER_ELECTION_EVENT_REASON } from '../leader-election.constants.js';
import { LeadershipMetrics } from '../leader-election.metrics.js';
import { messages } from '../leader-election.messages.js';
import { LeaseLock } from '../lease/lease-lock.js';
import { ElectionLogger } from './election-logger.js';

/**
 * Makes leadership transitions visible: logs, a Kubernetes event about the Lease (reason
 * `LeaderElection`, client-go's messages) and the leader gauges. Never throws.
 */
export class LeadershipReporter {
  constructor(
    private readonly lock: LeaseLock,
    private readonly leaseName: string,
    private readonly identity: string,
    private readonly logger: ElectionLogger,
    private readonly metrics?: LeadershipMetrics,
    private readonly events?: EventRecorder,
  ) {
    metrics?.setLeading(leaseName, false);
  }

  becameLeader(): void {
    this.metrics?.setLeading(this.leaseName, true);
    this.logger.log(messages.becameLeader(this.lock.describe(), this.identity));
    this.record(messages.eventBecameLeader(this.identity));
  }

  /** `expected`: a shutdown (logged as info), not a failure (logged as a warning). */
  stoppedLeading(why: string, expected: boolean): void {
    this.metrics?.setLeading(this.leaseName, false);
    const message = messages.lostLeadership(this.lock.describe(), this.identity, why);
    if (expected) this.logger.log(message);
    else this.logger.warn(message);
    this.record(messages.eventStoppedLeading(this.identity));
  }

  newLeader(holder: string): void {
    this.logger.log(messages.newLeader(holder));
  }

  private record(message: string): void {
    this.events?.record({ regarding: this.lock.reference(), type: 'Normal', reason: LEADER_ELECTION_EVENT_REASON, message });
  }
}
