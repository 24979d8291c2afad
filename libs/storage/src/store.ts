import { Observable } from 'rxjs';

/** One version of one key, as etcd's mvccpb.KeyValue. `value` is opaque (JSON text by convention). */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the write that created the key (unchanged by updates). */
  createRevision: number;
  /** Revision of the last write to the key: the object's `metadata.resourceVersion`. */
  modRevision: number;
}

export interface ListOptions {
  /** At most this many items; 0 or absent means all. */
  limit?: number;
  /** Opaque token from a previous `ListResult.continue`: resume after its last key, at its revision. */
  continue?: string;
  /** Read as of this revision (0/absent: the latest). Older than the compacted revision: `CompactedError`. */
  revision?: number;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at (for a continued list, the first page's revision). */
  revision: number;
  /** Set when more items remain; pass back as `ListOptions.continue`. */
  continue?: string;
  /** How many items remain after this page, when `continue` is set. */
  remainingItemCount?: number;
}

/** A snapshot of the store's size and history, for metrics. */
export interface StoreStats {
  /** The newest revision written. */
  revision: number;
  /** The revision history was last compacted at (0 if never). */
  compactedRevision: number;
  /** Live (not deleted) keys. */
  keys: number;
  /** Size of the backing database in bytes (0 when not file-backed or unknown). */
  dbSizeBytes: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One change. For DELETED, `kv` is the last value before deletion with `modRevision` set to the
 * revision of the deletion (as kube-apiserver reports it); `prevKv` is set for MODIFIED and DELETED.
 */
export interface WatchEvent {
  type: WatchEventType;
  kv: KeyValue;
  prevKv?: KeyValue;
}

/**
 * A revisioned key/value store with etcd's semantics: one global, monotonic revision; every
 * write is atomic and gets the next revision; writes conditioned on a revision are
 * compare-and-swap. Implementations must be safe for concurrent callers and (for durable
 * implementations) for several processes sharing the same files.
 */
export abstract class Store {
  /** The newest value of a key, or undefined. */
  abstract get(key: string): Promise<KeyValue | undefined>;

  /** Live keys starting with `prefix`, in key order, as of one revision. */
  abstract list(prefix: string, options?: ListOptions): Promise<ListResult>;

  /** Creates a key. Throws `KeyExistsError` if it is live. */
  abstract create(key: string, value: string): Promise<KeyValue>;

  /**
   * Replaces a key's value. With `expectedRevision`, succeeds only if the key's current
   * `modRevision` equals it (`RevisionConflictError` otherwise). Throws `KeyNotFoundError`
   * if the key is not live.
   */
  abstract update(key: string, value: string, expectedRevision?: number): Promise<KeyValue>;

  /**
   * Deletes a key (appends a tombstone). Returns the deleted value with `modRevision` = the
   * deletion's revision. `expectedRevision` makes it compare-and-swap. Throws `KeyNotFoundError`.
   */
  abstract delete(key: string, expectedRevision?: number): Promise<KeyValue>;

  /**
   * Every change to keys under `prefix` with a revision greater than `fromRevision`, in
   * revision order: first the history still kept, then live changes, with no gap and no
   * duplicate. Errors with `CompactedError` if `fromRevision` is below the compacted revision.
   * Unsubscribing releases everything.
   */
  abstract watch(prefix: string, fromRevision: number): Observable<WatchEvent>;

  /** Drops history at or below `revision` (superseded versions and tombstones). */
  abstract compact(revision: number): Promise<void>;

  /** The newest revision written (by any process sharing the store). */
  abstract currentRevision(): Promise<number>;

  /** The revision history was last compacted at (0 if never). */
  abstract compactedRevision(): Promise<number>;

  /** Opens the store (creates schema, starts pollers). Idempotent. */
  abstract open(): Promise<void>;

  /** Stops watches (they complete) and releases files. Idempotent. */
  abstract close(): Promise<void>;

  /** True between a successful open() and close(), while the backing store answers. */
  abstract isHealthy(): boolean;

  /** Revision, compacted revision, live key count and size, read consistently. */
  abstract stats(): Promise<StoreStats>;
}

/** Base of every storage failure; callers map these onto API errors. */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class KeyExistsError extends StorageError {
  constructor(readonly key: string) {
    super(`key exists: ${key}`);
  }
}

export class KeyNotFoundError extends StorageError {
  constructor(readonly key: string) {
    super(`key not found: ${key}`);
  }
}

export class RevisionConflictError extends StorageError {
  constructor(readonly key: string, readonly expected: number, readonly actual: number) {
    super(`revision conflict on ${key}: expected ${expected}, found ${actual}`);
  }
}

/** A revision (or continue token) older than the compacted history. */
export class CompactedError extends StorageError {
  constructor(readonly requested: number, readonly compacted: number) {
    super(`too old resource version: ${requested} (${compacted})`);
  }
}

/** A continue token that cannot be decoded. */
export class InvalidContinueError extends StorageError {
  constructor(readonly token: string) {
    super('continue key is not valid');
  }
}
