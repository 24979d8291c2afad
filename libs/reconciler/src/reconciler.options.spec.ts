import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RECONCILER_OPTIONS, resolveReconcilerOptions } from './reconciler.options.js';

describe('resolveReconcilerOptions', () => {
  it('uses the seed and client-go defaults', () => {
    assert.deepEqual(resolveReconcilerOptions(), {
      maxConcurrentReconciles: 4,
      backoffBaseMs: 1000,
      backoffMaxMs: 16_000,
      maxRetries: 5,
      queueQps: 10,
      queueBurst: 100,
      resyncPeriodSeconds: 600,
      progressRequeueMs: 10_000,
      simulation: { podStartupMs: 300, failingTags: ['broken', 'doesnotexist'] },
    });
  });

  it('keeps given values (0 included), defaults undefined ones, and drops unknown fields', () => {
    const options = resolveReconcilerOptions({ maxRetries: 0, queueQps: undefined, simulation: { podStartupMs: 0 }, imports: [] } as never);
    assert.equal(options.maxRetries, 0);
    assert.equal(options.queueQps, DEFAULT_RECONCILER_OPTIONS.queueQps);
    assert.deepEqual(options.simulation, { podStartupMs: 0, failingTags: ['broken', 'doesnotexist'] });
    assert.equal('imports' in options, false);
  });
});
