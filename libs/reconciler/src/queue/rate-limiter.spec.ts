import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, MaxOfRateLimiter } from './rate-limiter.js';

describe(ItemExponentialFailureRateLimiter.name, () => {
  it('doubles from the base per failure and caps at the maximum: 1, 2, 4, 8, 16, 16 s', () => {
    const limiter = new ItemExponentialFailureRateLimiter(1000, 16_000);
    const delays = Array.from({ length: 6 }, () => limiter.when('k'));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16_000, 16_000]);
    assert.equal(limiter.numRequeues('k'), 6);
  });

  it('keeps keys independent and resets a key on forget', () => {
    const limiter = new ItemExponentialFailureRateLimiter(1000, 16_000);
    limiter.when('a');
    limiter.when('a');
    assert.equal(limiter.when('b'), 1000);
    limiter.forget('a');
    assert.equal(limiter.numRequeues('a'), 0);
    assert.equal(limiter.when('a'), 1000);
  });

  it('stays at the cap for very many failures', () => {
    const limiter = new ItemExponentialFailureRateLimiter(5, 1_000_000);
    for (let i = 0; i < 2000; i++) limiter.when('k');
    assert.equal(limiter.when('k'), 1_000_000);
  });
});

describe(BucketRateLimiter.name, () => {
  it('lets a burst through, then spaces reservations at 1/qps, then refills with time', () => {
    let now = 0;
    const bucket = new BucketRateLimiter(10, 3, () => now);
    assert.deepEqual([bucket.when(), bucket.when(), bucket.when()], [0, 0, 0]);
    assert.deepEqual([bucket.when(), bucket.when()], [100, 200], 'each extra reservation waits one more token');
    now = 1000; // 10 tokens accrue, minus the 2 borrowed, capped at the burst of 3
    assert.deepEqual([bucket.when(), bucket.when(), bucket.when(), bucket.when()], [0, 0, 0, 100]);
    assert.equal(bucket.numRequeues(), 0);
  });
});

describe(MaxOfRateLimiter.name, () => {
  it('returns the longest delay, the largest requeue count, and forgets in all', () => {
    let now = 0;
    const limiter = new MaxOfRateLimiter(new ItemExponentialFailureRateLimiter(1, 1000), new BucketRateLimiter(1, 1, () => now));
    assert.equal(limiter.when('k'), 1, 'the bucket has a token; backoff says 1 ms');
    assert.equal(limiter.when('k'), 1000, 'the bucket is empty: 1 s');
    assert.equal(limiter.numRequeues('k'), 2);
    limiter.forget('k');
    assert.equal(limiter.numRequeues('k'), 0);
  });
});
