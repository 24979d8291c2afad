import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvent, EventNamer } from '../recorder/event-builder.js';
import { EventSeverity, EventType } from '../recorder/event-recorder.js';
import { DEFAULT_CORRELATOR_OPTIONS, EventCorrelator } from './event-correlator.js';
import { LruCache } from './lru-cache.js';
import { TokenBucket } from './token-bucket.js';

const identity = { component: 'application-operator', instance: 'operator-0', host: 'h' };
const namer = new EventNamer();
const T0 = Date.UTC(2026, 0, 1);
const regarding = (name = 'web') => ({ kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name, namespace: 'default', uid: `u-${name}` });
const candidate = (message: string, at = T0, o: { name?: string; reason?: string; type?: EventType; severity?: EventSeverity } = {}) =>
  buildEvent({ regarding: regarding(o.name), type: o.type ?? 'Normal', reason: o.reason ?? 'Scaled', message }, o.severity ?? 'Info', identity, namer.next(o.name ?? 'web', at), at);

describe(EventCorrelator.name, () => {
  it('deduplicates exact repeats onto one record, bumping count and lastTimestamp', () => {
    const c = new EventCorrelator();
    const first = c.correlate(candidate('same', T0), T0);
    const second = c.correlate(candidate('same', T0 + 5_000), T0 + 5_000);
    assert.equal(first.folded, undefined);
    assert.equal(second.folded, 'dedup');
    assert.equal(second.record, first.record);
    assert.equal(first.record.event.count, 2);
    assert.equal(first.record.event.firstTimestamp, '2026-01-01T00:00:00Z');
    assert.equal(first.record.event.lastTimestamp, '2026-01-01T00:00:05Z');
  });

  it('keeps different severities, types and reasons apart', () => {
    const c = new EventCorrelator();
    const records = new Set([
      c.correlate(candidate('m'), T0).record,
      c.correlate(candidate('m', T0, { severity: 'Critical' }), T0).record,
      c.correlate(candidate('m', T0, { type: 'Warning' }), T0).record,
      c.correlate(candidate('m', T0, { reason: 'Other' }), T0).record,
    ]);
    assert.equal(records.size, 4);
  });

  it('combines the 10th distinct message of similar events and everything after (client-go threshold)', () => {
    const c = new EventCorrelator();
    const results = Array.from({ length: 12 }, (_, i) => c.correlate(candidate(`m${i}`, T0 + i * 1000), T0 + i * 1000));
    assert.deepEqual(results.slice(0, 9).map((r) => r.folded), Array(9).fill(undefined));
    assert.deepEqual(results.slice(9).map((r) => r.folded), ['aggregate', 'aggregate', 'aggregate']);
    const combined = results[11].record;
    assert.equal(results[9].record, combined);
    assert.equal(combined.event.message, '(combined from similar events): m11');
    assert.equal(combined.event.count, 3);
  });

  it('starts a fresh group after 10 minutes without a similar event', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 9; i++) c.correlate(candidate(`m${i}`), T0);
    const later = T0 + 600_001;
    assert.equal(c.correlate(candidate('m9', later), later).folded, undefined);
  });

  it('folds rate-limited events into their exact event when it exists, else the combined event', () => {
    const c = new EventCorrelator({ ...DEFAULT_CORRELATOR_OPTIONS, spamBurst: 2 });
    const a = c.correlate(candidate('a'), T0);
    c.correlate(candidate('b', T0, { reason: 'Other' }), T0);
    const limitedRepeat = c.correlate(candidate('a'), T0);
    const limitedNew = c.correlate(candidate('c'), T0);
    assert.deepEqual([limitedRepeat.folded, limitedRepeat.deferred], ['rate_limited', true]);
    assert.equal(limitedRepeat.record, a.record);
    assert.equal(a.record.event.count, 2);
    assert.equal(limitedNew.folded, 'rate_limited');
    assert.equal(limitedNew.record.event.message, '(combined from similar events): c');
    assert.equal(c.correlate(candidate('d'), T0).record, limitedNew.record);
    assert.equal(limitedNew.record.event.count, 2);
  });

  it('refills one token per five minutes per object', () => {
    const c = new EventCorrelator({ ...DEFAULT_CORRELATOR_OPTIONS, spamBurst: 1 });
    c.correlate(candidate('a'), T0);
    assert.equal(c.correlate(candidate('a'), T0 + 299_000).folded, 'rate_limited');
    assert.equal(c.correlate(candidate('a'), T0 + 300_000).folded, 'dedup');
    assert.equal(c.correlate(candidate('a'), T0 + 300_000).folded, 'rate_limited');
    assert.equal(c.correlate(candidate('x', T0, { name: 'other' }), T0).folded, undefined);
  });
});

describe(LruCache.name, () => {
  it('evicts the least recently used entry beyond its bound', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    assert.deepEqual([lru.has('a'), lru.has('b'), lru.has('c'), lru.size], [true, false, true, 2]);
  });
});

describe(TokenBucket.name, () => {
  it('allows a burst then refills at qps', () => {
    const bucket = new TokenBucket(2, 1, 0);
    assert.deepEqual([bucket.tryAccept(0), bucket.tryAccept(0), bucket.tryAccept(0)], [true, true, false]);
    assert.equal(bucket.tryAccept(999), false);
    assert.equal(bucket.tryAccept(1000), true);
  });
});
