import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MaxInFlightLimiter } from './max-in-flight.js';

describe(MaxInFlightLimiter.name, () => {
  it('caps read-only and mutating requests in separate pools, with no queue', () => {
    const limiter = new MaxInFlightLimiter(2, 1);
    const reads = [limiter.tryAcquire(false), limiter.tryAcquire(false)];
    assert.ok(reads.every(Boolean));
    assert.equal(limiter.tryAcquire(false), undefined);
    const write = limiter.tryAcquire(true);
    assert.ok(write);
    assert.equal(limiter.tryAcquire(true), undefined);
    assert.deepEqual(limiter.inFlight, { readOnly: 2, mutating: 1 });
    reads[0]!();
    reads[0]!();
    assert.deepEqual(limiter.inFlight, { readOnly: 1, mutating: 1 }, 'release is idempotent');
    assert.ok(limiter.tryAcquire(false));
  });

  it('treats 0 as no cap', () => {
    const limiter = new MaxInFlightLimiter(0, 0);
    for (let i = 0; i < 1000; i++) assert.ok(limiter.tryAcquire(i % 2 === 0));
  });
});
