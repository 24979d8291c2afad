import { afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { controllerFixture, ControllerSetup, ScriptedReconciler } from '../testing/controller-fixture.js';
import { TestLeadership } from '../testing/test-leadership.js';
import { settle } from '../testing/settle.js';
import { Controller } from './controller.js';
import { ReconcileOutcome } from './controller.types.js';
import { defaultControllerRateLimiter } from '../queue/rate-limiter.js';
import { deferred } from '../testing/deferred.js';
import { TerminalError } from './errors.js';

describe(Controller.name, () => {
  let controller: Controller;
  let registry: SchedulerRegistry;
  let leadership: TestLeadership;
  let reconciler: ScriptedReconciler;
  let outcomes: ReconcileOutcome[];

  before(() => Logger.overrideLogger(false));
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(async () => {
    await controller.stop();
    mock.timers.reset();
  });

  function setup(options: ControllerSetup = {}): void {
    ({ controller, registry, leadership, reconciler, outcomes } = controllerFixture(options));
  }

  /** Advances fake time to `at` ms in one step, letting the reconciles it triggers run. */
  async function advanceTo(at: number): Promise<void> {
    mock.timers.tick(at - Date.now());
    await settle();
  }

  it('reconciles a key added three times while queued once', async () => {
    setup({ leading: false });
    controller.start();
    for (let i = 0; i < 3; i++) controller.enqueue('ns/a');
    leadership.setLeading(true);
    await settle();
    assert.deepEqual(reconciler.times('ns/a'), [0]);
    assert.deepEqual(outcomes, ['success']);
  });

  it('never reconciles one key concurrently; a change during processing runs exactly once more', async () => {
    const gate = deferred();
    setup({ behaviour: async (_request, attempt) => (attempt === 1 ? gate.promise.then(() => ({})) : {}) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    for (let i = 0; i < 3; i++) controller.enqueue('ns/a');
    await settle();
    assert.equal(reconciler.calls.length, 1, 'still processing: not handed to another worker');
    assert.deepEqual(controller.snapshot().items.map((item) => item.state), ['processing']);
    gate.resolve();
    await settle();
    assert.equal(reconciler.calls.length, 2);
    assert.equal(reconciler.maxRunning, 1);
    await advanceTo(60_000);
    assert.equal(reconciler.calls.length, 2);
  });

  it('runs at most maxConcurrentReconciles keys at once', async () => {
    const gate = deferred();
    setup({ workers: 2, behaviour: async () => gate.promise.then(() => ({})) });
    controller.start();
    for (const key of ['a', 'b', 'c', 'd', 'e']) controller.enqueue(`ns/${key}`);
    await settle();
    assert.equal(reconciler.running, 2);
    assert.equal(controller.snapshot().depth, 3);
    gate.resolve();
    await settle();
    assert.equal(reconciler.calls.length, 5);
    assert.equal(reconciler.maxRunning, 2);
  });

  it('retries failures after 1, 2, 4, 8, 16 s, then calls onRetriesExhausted once and stops retrying', async () => {
    const failure = new Error('image pull failed');
    setup({ behaviour: async () => Promise.reject(failure) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    for (const at of [1000, 3000, 7000, 15_000, 31_000]) {
      await advanceTo(at - 1);
      assert.equal(reconciler.times('ns/a').at(-1)! < at, true, `not before ${at}`);
      await advanceTo(at);
    }
    assert.deepEqual(reconciler.times('ns/a'), [0, 1000, 3000, 7000, 15_000, 31_000]);
    assert.deepEqual(reconciler.exhausted, [{ key: 'ns/a', error: failure }]);
    assert.deepEqual(controller.snapshot().items, [], 'forgotten: no waiting retry');
    assert.deepEqual(registry.getTimeouts(), []);
    await advanceTo(600_000);
    assert.equal(reconciler.calls.length, 6, 'no more retries');
    controller.enqueue('ns/a');
    await settle();
    assert.deepEqual(reconciler.times('ns/a').slice(6), [600_000], 'a new change runs it again');
    assert.deepEqual(outcomes.slice(0, 6), ['error', 'error', 'error', 'error', 'error', 'error']);
  });

  it('caps the backoff: 1, 2, 4, 8, 16, 16, 16 s', async () => {
    setup({ maxRetries: 7, behaviour: async () => Promise.reject(new Error('no')) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    for (const at of [1000, 3000, 7000, 15_000, 31_000, 47_000, 63_000]) await advanceTo(at);
    const times = reconciler.times('ns/a');
    assert.deepEqual(times.slice(1).map((t, i) => t - times[i]), [1000, 2000, 4000, 8000, 16_000, 16_000, 16_000]);
  });

  it('resets the backoff on success', async () => {
    setup({ behaviour: async (_request, attempt) => (attempt === 3 ? {} : Promise.reject(new Error(`fail ${attempt}`))) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    await advanceTo(1000);
    await advanceTo(3000);
    assert.deepEqual(reconciler.times('ns/a'), [0, 1000, 3000]);
    assert.deepEqual(controller.snapshot().items, []);
    controller.enqueue('ns/a');
    await settle();
    assert.deepEqual(controller.snapshot().items.map((item) => [item.retries, item.nextAttemptTime]), [[1, new Date(4000).toISOString()]], 'the next failure waits the base delay again');
  });

  it('spreads a burst of failures of many keys with the shared token bucket', async () => {
    setup({ rateLimiter: defaultControllerRateLimiter({ backoffBaseMs: 1, backoffMaxMs: 1000, qps: 1, burst: 2 }), behaviour: async () => Promise.reject(new Error('x')) });
    controller.start();
    for (const key of ['a', 'b', 'c', 'd']) controller.enqueue(`ns/${key}`);
    await settle();
    const next = Object.fromEntries(controller.snapshot().items.map((item) => [item.key, Date.parse(item.nextAttemptTime!)]));
    assert.deepEqual(next, { 'ns/a': 1, 'ns/b': 1, 'ns/c': 1000, 'ns/d': 2000 });
  });

  it('requeueAfter schedules exactly one run and resets the backoff first', async () => {
    setup({ behaviour: async (_request, attempt) => (attempt === 1 ? Promise.reject(new Error('once')) : attempt === 2 ? { requeueAfterMs: 5000 } : {}) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    await advanceTo(1000);
    assert.deepEqual(controller.snapshot().items, [{ key: 'ns/a', state: 'waiting', retries: 0, lastError: null, nextAttemptTime: new Date(6000).toISOString() }]);
    assert.deepEqual(registry.getTimeouts(), ['reconcile:ns/a']);
    await advanceTo(5999);
    assert.equal(reconciler.calls.length, 2);
    await advanceTo(6000);
    await advanceTo(60_000);
    assert.deepEqual(reconciler.times('ns/a'), [0, 1000, 6000]);
    assert.deepEqual(outcomes, ['error', 'requeue_after', 'success']);
  });

  it('requeue: true goes through the rate limiter', async () => {
    setup({ behaviour: async (_request, attempt) => (attempt < 3 ? { requeue: true } : {}) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    for (const at of [1000, 3000, 10_000]) await advanceTo(at);
    assert.deepEqual(reconciler.times('ns/a'), [0, 1000, 3000]);
    assert.deepEqual(outcomes, ['requeue', 'requeue', 'success']);
  });

  it('does not retry a TerminalError, and gives up through onRetriesExhausted', async () => {
    const terminal = new TerminalError('spec can never work');
    setup({ behaviour: async () => Promise.reject(terminal) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    await advanceTo(120_000);
    assert.equal(reconciler.calls.length, 1);
    assert.deepEqual(reconciler.exhausted, [{ key: 'ns/a', error: terminal }]);
    assert.deepEqual(outcomes, ['terminal']);
  });

  it('snapshots leadership, depth and each item with its state, retries, last error and next attempt', async () => {
    const gate = deferred();
    setup({ workers: 1, behaviour: async ({ name }) => (name === 'busy' ? gate.promise.then(() => ({})) : Promise.reject(new Error(`${name} failed`))) });
    controller.start();
    controller.enqueue('ns/failing');
    await settle();
    controller.enqueue('ns/busy');
    await settle();
    controller.enqueue('ns/later');
    assert.deepEqual(controller.snapshot(), {
      leader: true,
      depth: 1,
      items: [
        { key: 'ns/busy', state: 'processing', retries: 0, lastError: null, nextAttemptTime: null },
        { key: 'ns/later', state: 'queued', retries: 0, lastError: null, nextAttemptTime: null },
        { key: 'ns/failing', state: 'waiting', retries: 1, lastError: 'failing failed', nextAttemptTime: '1970-01-01T00:00:01.000Z' },
      ],
    });
    gate.resolve();
  });

  it('stop() lets the current reconcile finish and clears scheduled retries', async () => {
    const gate = deferred();
    let finished = false;
    setup({ behaviour: async ({ name }) => (name === 'slow' ? gate.promise.then(() => ((finished = true), {})) : Promise.reject(new Error('x'))) });
    controller.start();
    controller.enqueue('ns/failing');
    controller.enqueue('ns/slow');
    await settle();
    assert.deepEqual(registry.getTimeouts(), ['reconcile:ns/failing']);
    const stopped = controller.stop();
    assert.deepEqual(registry.getTimeouts(), []);
    gate.resolve();
    await stopped;
    assert.equal(finished, true);
  });
});
