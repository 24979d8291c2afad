import { LeaderElectionRecord, recordKey } from '../lease/lease-lock.js';
import { ElectionClock } from './election-clock.js';

/**
 * The record a candidate last saw and WHEN, by its own monotonic clock: a lease expires
 * `leaseDurationSeconds` after this candidate last saw it change, never by the writer's timestamps.
 */
export class ObservedLease {
  private current?: LeaderElectionRecord;
  private key?: string;
  private observedAt = 0;

  constructor(private readonly clock: ElectionClock) {}

  get record(): LeaderElectionRecord | undefined {
    return this.current;
  }

  /** Records a record this candidate wrote (always restarts the clock). */
  set(record: LeaderElectionRecord): void {
    this.current = { ...record };
    this.key = recordKey(record);
    this.observedAt = this.clock.monotonic();
  }

  /** Records a record read from the lock; the clock restarts only when it changed. */
  observe(record: LeaderElectionRecord): void {
    if (recordKey(record) !== this.key) this.set(record);
  }

  /** Drops what was seen, so the next round reads the lock before writing. */
  forget(): void {
    this.current = undefined;
    this.key = undefined;
  }

  holder(): string {
    return this.current?.holderIdentity ?? '';
  }

  /** Monotonic ms at which the observed lease expires, if a record is known. */
  expiresAt(): number | undefined {
    return this.current ? this.observedAt + this.current.leaseDurationSeconds * 1000 : undefined;
  }

  isValid(): boolean {
    const expiresAt = this.expiresAt();
    return expiresAt !== undefined && expiresAt > this.clock.monotonic();
  }

  /** The holder whose lease has not expired by this candidate's observation, or ''. */
  validHolder(): string {
    return this.isValid() ? this.holder() : '';
  }
}
