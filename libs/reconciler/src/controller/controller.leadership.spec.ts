import { afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { controllerFixture, ControllerSetup, ScriptedReconciler } from '../testing/controller-fixture.js';
import { TestLeadership } from '../testing/test-leadership.js';
import { settle } from '../testing/settle.js';
import { Controller } from './controller.js';
import { NotLeaderError } from './errors.js';

describe(`${Controller.name} and leadership`, () => {
  let controller: Controller;
  let leadership: TestLeadership;
  let reconciler: ScriptedReconciler;

  before(() => Logger.overrideLogger(false));
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(async () => {
    await controller.stop();
    mock.timers.reset();
  });

  function setup(options: ControllerSetup = {}): void {
    ({ controller, leadership, reconciler } = controllerFixture(options));
  }

  /** Advances fake time to `at` ms in one step, letting the reconciles it triggers run. */
  async function advanceTo(at: number): Promise<void> {
    mock.timers.tick(at - Date.now());
    await settle();
  }

  it('processes nothing while not leader, and starts when leadership arrives', async () => {
    setup({ leading: false });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    assert.equal(reconciler.calls.length, 0);
    assert.equal(controller.snapshot().leader, false);
    assert.equal(controller.snapshot().depth, 1, 'followers keep the key for a takeover');
    leadership.setLeading(true);
    await settle();
    assert.equal(reconciler.calls.length, 1);
    leadership.setLeading(false);
    await settle();
    controller.enqueue('ns/b');
    await settle();
    assert.equal(reconciler.calls.length, 1, 'stopped on losing leadership');
  });

  it('checks isLeader() right before reconciling (fencing) and keeps the key', async () => {
    setup();
    controller.start();
    await settle();
    leadership.leader = false; // renew deadline passed; leading$ has not said so yet
    controller.enqueue('ns/a');
    await settle();
    assert.equal(reconciler.calls.length, 0);
    assert.equal(controller.isRunning(), false);
    assert.deepEqual(controller.snapshot().items.map((item) => item.state), ['queued']);
    leadership.leader = true;
    await advanceTo(1000);
    assert.equal(reconciler.calls.length, 1, 'resumes once isLeader() agrees again');
  });

  it('re-queues without backoff when the reconciler reports lost leadership', async () => {
    setup({ behaviour: async (_request, attempt) => (attempt === 1 ? Promise.reject(new NotLeaderError()) : {}) });
    controller.start();
    controller.enqueue('ns/a');
    await settle();
    assert.equal(controller.isRunning(), false);
    assert.deepEqual(controller.snapshot().items.map((item) => [item.state, item.retries]), [['queued', 0]]);
    await advanceTo(1000);
    assert.equal(reconciler.calls.length, 2);
  });

});
