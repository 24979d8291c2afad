import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ItemExponentialFailureRateLimiter } from './rate-limiter.js';
import { RateLimitingQueue } from './rate-limiting-queue.js';

describe(RateLimitingQueue.name, () => {
  let registry: SchedulerRegistry;
  let queue: RateLimitingQueue;

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    registry = new SchedulerRegistry();
    queue = new RateLimitingQueue({ rateLimiter: new ItemExponentialFailureRateLimiter(1000, 16_000), scheduler: registry });
  });

  afterEach(() => {
    queue.shutDown();
    mock.timers.reset();
  });

  it('holds a delayed add as a named timeout that is removed when it fires', () => {
    queue.addAfter('ns/a', 5000);
    assert.deepEqual(registry.getTimeouts(), ['reconcile:ns/a']);
    assert.deepEqual(queue.items(), [{ key: 'ns/a', state: 'waiting', retries: 0, lastError: null, nextAttemptTime: '1970-01-01T00:00:05.000Z' }]);
    mock.timers.tick(4999);
    assert.equal(queue.len(), 0);
    mock.timers.tick(1);
    assert.equal(queue.len(), 1);
    assert.deepEqual(registry.getTimeouts(), []);
    assert.equal(queue.items()[0].state, 'queued');
  });

  it('keeps one timer per key and the earlier run wins', () => {
    queue.addAfter('k', 5000);
    queue.addAfter('k', 2000);
    queue.addAfter('k', 9000);
    assert.deepEqual(registry.getTimeouts(), ['reconcile:k']);
    mock.timers.tick(2000);
    assert.equal(queue.len(), 1, 'ran at 2 s');
    mock.timers.tick(10_000);
    assert.equal(queue.len(), 1, 'and only once');
    assert.deepEqual(registry.getTimeouts(), []);
  });

  it('cancels a scheduled run when the key is added now, and ignores addAfter for a queued key', () => {
    queue.addAfter('k', 5000);
    queue.add('k');
    assert.deepEqual(registry.getTimeouts(), []);
    queue.addAfter('k', 1000);
    assert.deepEqual(registry.getTimeouts(), [], 'already due sooner');
    assert.equal(queue.len(), 1);
  });

  it('addRateLimited backs off exponentially and records the last error', () => {
    queue.addRateLimited('k', new Error('boom'));
    assert.equal(queue.numRequeues('k'), 1);
    assert.deepEqual(queue.items(), [{ key: 'k', state: 'waiting', retries: 1, lastError: 'boom', nextAttemptTime: '1970-01-01T00:00:01.000Z' }]);
    mock.timers.tick(1000);
    assert.equal(queue.len(), 1);
  });

  it('forget resets backoff, last error and deletes the scheduled timer', () => {
    queue.addRateLimited('k', new Error('boom'));
    queue.addRateLimited('k', new Error('again'));
    queue.forget('k');
    assert.equal(queue.numRequeues('k'), 0);
    assert.deepEqual(registry.getTimeouts(), []);
    assert.deepEqual(queue.items(), []);
    mock.timers.tick(60_000);
    assert.equal(queue.len(), 0);
  });

  it('shows processing keys, and a processing key re-added during processing runs once more', async () => {
    queue.add('k');
    const key = await queue.get();
    queue.add('k');
    assert.deepEqual(queue.items().map((item) => [item.key, item.state]), [['k', 'processing']]);
    queue.done(key!);
    assert.deepEqual(queue.items().map((item) => [item.key, item.state]), [['k', 'queued']]);
  });

  it('clears every timer on shutDown', () => {
    queue.addAfter('a', 1000);
    queue.addAfter('b', 2000);
    queue.shutDown();
    assert.deepEqual(registry.getTimeouts(), []);
    mock.timers.tick(5000);
    assert.equal(queue.len(), 0);
    queue.addAfter('c', 10);
    assert.deepEqual(registry.getTimeouts(), []);
  });
});
