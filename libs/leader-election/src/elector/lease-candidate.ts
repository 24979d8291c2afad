import { StatusError } from '@app/api-machinery';
import { messages } from '../leader-election.messages.js';
import { LeaderElectionRecord, LeaseLock } from '../lease/lease-lock.js';
import { formatMicroTime } from '../lease/micro-time.js';
import { ElectionClock } from './election-clock.js';
import { ElectionLogger } from './election-logger.js';
import { ObservedLease } from './observed-lease.js';

/**
 * One candidate's rounds against a LeaseLock, with client-go's tryAcquireOrRenew and release
 * semantics. Each round is a single compare-and-swap: when two candidates race, exactly one
 * wins and the other gets a Conflict (or AlreadyExists) and reports false. Never throws.
 */
export class LeaseCandidate {
  readonly observed: ObservedLease;

  constructor(
    private readonly lock: LeaseLock,
    private readonly identity: string,
    private readonly leaseDurationSeconds: number,
    private readonly clock: ElectionClock,
    private readonly logger: ElectionLogger,
  ) {
    this.observed = new ObservedLease(clock);
  }

  /** True when this candidate holds the lease after the round (acquired or renewed). */
  async tryAcquireOrRenew(): Promise<boolean> {
    const now = formatMicroTime(this.clock.now());
    const desired: LeaderElectionRecord = {
      holderIdentity: this.identity,
      leaseDurationSeconds: this.leaseDurationSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions: 0,
    };
    const seen = this.observed.record;
    if (seen && seen.holderIdentity === this.identity && this.observed.isValid()) {
      // Fast path: renew against the version we last wrote, without reading first.
      const renewed = { ...desired, acquireTime: seen.acquireTime, leaseTransitions: seen.leaseTransitions };
      if (await this.write(() => this.lock.update(renewed), renewed, true)) return true;
    }
    return this.acquireOrRenewFromLock(desired);
  }

  /**
   * Gives the lease up if this candidate holds it, as client-go's release(): empty holder,
   * leaseDurationSeconds 1, transitions kept. True when nothing is held any more by us.
   */
  async release(): Promise<boolean> {
    const seen = this.observed.record;
    if (!seen || seen.holderIdentity !== this.identity) return true;
    const now = formatMicroTime(this.clock.now());
    const released = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: seen.leaseTransitions };
    try {
      await this.lock.update(released);
    } catch (error) {
      this.logger.error(messages.releaseFailed(this.lock.describe(), error));
      return false;
    }
    this.observed.set(released);
    this.logger.log(messages.released(this.lock.describe()));
    return true;
  }

  private async acquireOrRenewFromLock(desired: LeaderElectionRecord): Promise<boolean> {
    let current: LeaderElectionRecord | undefined;
    try {
      current = await this.lock.get();
    } catch (error) {
      this.logger.error(messages.readFailed(this.lock.describe(), error));
      return false;
    }
    if (!current) return this.write(() => this.lock.create(desired), desired);
    this.observed.observe(current);
    const holder = current.holderIdentity;
    if (holder !== '' && holder !== this.identity && this.observed.isValid()) return false;
    const next: LeaderElectionRecord =
      holder === this.identity
        ? { ...desired, acquireTime: current.acquireTime, leaseTransitions: current.leaseTransitions }
        : { ...desired, leaseTransitions: current.leaseTransitions + 1 };
    return this.write(() => this.lock.update(next), next);
  }

  private async write(operation: () => Promise<void>, record: LeaderElectionRecord, optimistic = false): Promise<boolean> {
    try {
      await operation();
    } catch (error) {
      this.logWriteFailure(error, optimistic);
      return false;
    }
    this.observed.set(record);
    return true;
  }

  private logWriteFailure(error: unknown, optimistic: boolean): void {
    if (optimistic) this.logger.debug(messages.optimisticRenewFailed(error));
    // 409: another candidate wrote first (lost the race); anything else is worth a warning.
    else if (error instanceof StatusError && error.code === 409) this.logger.debug(messages.writeFailed(this.lock.describe(), error));
    else this.logger.warn(messages.writeFailed(this.lock.describe(), error));
  }
}
