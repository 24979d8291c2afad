import { CoreEvent } from '../recorder/core-event.js';
import { rfc3339Seconds } from '../recorder/event-clock.js';
import { aggregateKey, combinedMessage, eventKey, spamKey } from './event-keys.js';
import { LruCache } from './lru-cache.js';
import { TokenBucket } from './token-bucket.js';

/** How an event was folded into an existing (or combined) Event object: the metric's `reason`. */
export type FoldReason = 'dedup' | 'aggregate' | 'rate_limited';

/** One Event object this process owns: its desired state and the server's last resourceVersion. */
export interface EventRecord {
  /** Desired state; `metadata.resourceVersion` is never set here. */
  event: CoreEvent;
  /** The resourceVersion our last successful write returned; undefined until created. */
  resourceVersion?: string;
}

export interface Correlation {
  record: EventRecord;
  folded?: FoldReason;
  /** Rate-limited: the write waits for the next drain instead of happening now. */
  deferred: boolean;
}

/** client-go's defaults (tools/record/events_cache.go). */
export interface CorrelatorOptions {
  cacheSize: number;
  /** Distinct messages of similar events within the window at which they are combined (10). */
  maxSimilar: number;
  /** Sliding window: a group resets after this long without a similar event (10 minutes). */
  windowMs: number;
  spamBurst: number;
  /** Token refill per second per object (1/300: one every five minutes). */
  spamQps: number;
}

export const DEFAULT_CORRELATOR_OPTIONS: CorrelatorOptions = { cacheSize: 4096, maxSimilar: 10, windowMs: 600_000, spamBurst: 25, spamQps: 1 / 300 };

interface SimilarGroup {
  messages: Set<string>;
  lastMs: number;
}

/**
 * client-go's EventCorrelator, minus silent loss. Each event is (1) aggregated: once similar
 * events (same object/type/reason/severity/source) reach `maxSimilar` distinct messages within
 * the window, it becomes `(combined from similar events): <message>` on one combined Event;
 * (2) deduplicated: an exact repeat bumps `count`/`lastTimestamp` of its Event; (3) rate limited
 * per object (burst 25, one token per 5 minutes). Where client-go drops a rate-limited event,
 * this folds it into its exact Event if one exists, else into the combined Event of its group,
 * and marks the write deferred. All caches are LRU-bounded. Synchronous; not re-entrant-safe
 * across threads (Node has none).
 */
export class EventCorrelator {
  private readonly similar: LruCache<string, SimilarGroup>;
  private readonly records: LruCache<string, EventRecord>;
  private readonly buckets: LruCache<string, TokenBucket>;

  constructor(private readonly options: CorrelatorOptions = DEFAULT_CORRELATOR_OPTIONS) {
    this.similar = new LruCache(options.cacheSize);
    this.records = new LruCache(options.cacheSize);
    this.buckets = new LruCache(options.cacheSize);
  }

  /** Decides which Event object `candidate` (a fresh, count-1 event) lands on, and updates it. */
  correlate(candidate: CoreEvent, nowMs: number): Correlation {
    const aggregated = this.aggregate(candidate, nowMs);
    const key = aggregated ? aggregateKey(candidate) : eventKey(candidate);
    const message = aggregated ? combinedMessage(candidate.message) : candidate.message;
    const existing = this.records.get(key);
    if (!this.accept(candidate, nowMs)) {
      const target = existing ? { key, message } : { key: aggregateKey(candidate), message: combinedMessage(candidate.message) };
      return { record: this.land(target.key, candidate, target.message, nowMs), folded: 'rate_limited', deferred: true };
    }
    const record = this.land(key, candidate, message, nowMs);
    const folded: FoldReason | undefined = aggregated ? 'aggregate' : existing ? 'dedup' : undefined;
    return { record, folded, deferred: false };
  }

  /** Bumps the record under `key`, or remembers a new one built from `candidate`. */
  private land(key: string, candidate: CoreEvent, message: string, nowMs: number): EventRecord {
    const record = this.records.get(key);
    if (record) {
      record.event.count += 1;
      record.event.lastTimestamp = rfc3339Seconds(nowMs);
      record.event.message = message;
      return record;
    }
    const fresh: EventRecord = { event: { ...structuredClone(candidate), message } };
    this.records.set(key, fresh);
    return fresh;
  }

  private aggregate(candidate: CoreEvent, nowMs: number): boolean {
    const key = aggregateKey(candidate);
    let group = this.similar.get(key);
    if (!group || nowMs - group.lastMs > this.options.windowMs) group = { messages: new Set(), lastMs: nowMs };
    group.messages.add(candidate.message);
    group.lastMs = nowMs;
    this.similar.set(key, group);
    if (group.messages.size < this.options.maxSimilar) return false;
    // Keep the group below the threshold (client-go pops one), so it stays "combining".
    group.messages.delete(group.messages.values().next().value as string);
    return true;
  }

  private accept(candidate: CoreEvent, nowMs: number): boolean {
    const key = spamKey(candidate);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.options.spamBurst, this.options.spamQps, nowMs);
      this.buckets.set(key, bucket);
    }
    return bucket.tryAccept(nowMs);
  }
}
