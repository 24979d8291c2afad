import { KubeObject } from '@app/api-machinery';
import { ObjectReference } from '@app/events';

/**
 * client-go's LeaderElectionRecord: what a lock stores. Only changes of the record matter to
 * candidates; its times are the writer's wall clock and are never trusted for expiry.
 */
export interface LeaderElectionRecord {
  /** Empty when nobody holds the lease (released). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** RFC 3339 MicroTime written by the holder. */
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions: number;
}

/** coordination.k8s.io/v1 LeaseSpec (the fields leader election uses). */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

/**
 * The lock object an elector competes for (client-go's resourcelock.Interface). Writes are
 * compare-and-swap: `update` succeeds only if nobody wrote the lock since this lock last read
 * or wrote it. Not retried; not safe for concurrent use by several electors (one lock per elector).
 */
export abstract class LeaseLock {
  /** `namespace/name`, for logs. */
  abstract describe(): string;
  /** The current record, or undefined when the lock object does not exist. Remembers the version read. */
  abstract get(): Promise<LeaderElectionRecord | undefined>;
  /** Creates the lock object; throws AlreadyExistsError when another candidate created it first. */
  abstract create(record: LeaderElectionRecord): Promise<void>;
  /** Replaces the record; throws ConflictError when the lock changed since it was last read or written. */
  abstract update(record: LeaderElectionRecord): Promise<void>;
  /** The lock object as the subject of leadership events. */
  abstract reference(): ObjectReference;
}

/** A stable text form of a record: equal records, equal keys (client-go compares raw records). */
export function recordKey(record: LeaderElectionRecord): string {
  const { holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions } = record;
  return JSON.stringify([holderIdentity, leaseDurationSeconds, acquireTime ?? null, renewTime ?? null, leaseTransitions]);
}
