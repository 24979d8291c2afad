import { afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { METRIC } from '@app/metrics';
import { application, createHarness, Harness } from '../testing/harness.js';
import { settle } from '../testing/settle.js';
import { metricValue } from '../testing/test-metrics.js';
import { TestLeadership } from '../testing/test-leadership.js';
import { ApplicationReconciler } from './application-reconciler.js';
import { Application, APPLICATION_FINALIZER } from './application.types.js';
import { findCondition } from './conditions.js';

describe(ApplicationReconciler.name, () => {
  let h: Harness;

  before(() => Logger.overrideLogger(false));
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.parse('2025-01-01T00:00:00Z') }));
  afterEach(async () => {
    await h.stop();
    mock.timers.reset();
  });

  async function start(options = {}, leadership?: TestLeadership): Promise<void> {
    h = createHarness({ simulation: { podStartupMs: 100 }, ...options }, leadership);
    h.service.start();
    await h.cache.waitForSync();
    await settle();
  }

  /** Advances fake time in 100 ms steps, letting reconciles triggered on the way run. */
  async function advance(ms: number): Promise<void> {
    for (let elapsed = 0; elapsed < ms; elapsed += 100) {
      mock.timers.tick(100);
      await settle();
    }
  }

  const stored = (name: string) => h.client.stored('default', name)!;
  const condition = (app: Application, type: string) => findCondition(app.status?.conditions, type);

  it('adds its finalizer on first sight, with compare-and-swap on resourceVersion', async () => {
    await start();
    const { object } = await h.client.create('default', application('web'));
    await settle();
    const first = h.client.writes.find((write) => write.verb === 'update')!;
    assert.deepEqual(first.object.metadata?.finalizers, [APPLICATION_FINALIZER]);
    assert.equal(Number(first.object.metadata?.resourceVersion), Number(object.metadata?.resourceVersion) + 1);
    assert.deepEqual(stored('web').metadata?.finalizers, [APPLICATION_FINALIZER]);
  });

  it('converges to Running with readyReplicas == replicas and the right conditions', async () => {
    await start();
    await h.client.create('default', application('web', { replicas: 3 }));
    await settle();
    assert.equal(stored('web').status?.phase, 'Pending');
    assert.equal(stored('web').status?.readyReplicas, 0);
    await advance(100);
    const { status } = stored('web');
    assert.deepEqual(
      { ...status, conditions: undefined },
      { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, phase: 'Running', observedGeneration: 1, selector: 'app.kubernetes.io/instance=web', message: '3/3 replicas ready, 3/3 updated', conditions: undefined },
    );
    assert.deepEqual(status?.conditions?.map(({ type, status, reason, observedGeneration }) => [type, status, reason, observedGeneration]), [
      ['Ready', 'True', 'ReplicasReady', 1],
      ['Progressing', 'False', 'RolloutComplete', 1],
      ['Degraded', 'False', 'AsExpected', 1],
    ]);
    assert.equal(condition(stored('web'), 'Ready')?.lastTransitionTime, '2025-01-01T00:00:00Z');
    assert.deepEqual(h.recorder.reasons(), ['Created', 'ScalingReplicaSet', 'Reconciled']);
    assert.ok(h.recorder.events.every((event) => event.type === 'Normal'));
    assert.equal(await metricValue(h.metrics, METRIC.resourceCount, { namespace: 'default', phase: 'Running' }), 1);
    assert.ok((await metricValue(h.metrics, METRIC.runtimeReconcileTotal, { controller: 'application', result: 'success' }))! >= 1);
    assert.deepEqual(h.service.snapshot(), { leader: true, depth: 0, items: [] });
  });

  it('keeps lastTransitionTime while a condition does not flip, and writes nothing on a no-op resync', async () => {
    await start();
    await h.client.create('default', application('web', { replicas: 2 }));
    await settle();
    await advance(100);
    const running = stored('web');
    assert.equal(running.status?.phase, 'Running');
    const writes = h.client.writes.length;
    const events = h.recorder.events.length;
    await advance(60_000);
    h.cache.resync();
    await settle();
    assert.equal(h.client.writes.length, writes, 'no status write when nothing changed');
    assert.equal(h.recorder.events.length, events, 'no event for a no-op resync');
    await h.client.update('default', { ...stored('web'), spec: { ...stored('web').spec, replicas: 4 } });
    await settle();
    const scaling = stored('web');
    assert.equal(scaling.status?.phase, 'Pending');
    assert.equal(condition(scaling, 'Ready')?.status, 'False');
    assert.equal(condition(scaling, 'Ready')?.lastTransitionTime, '2025-01-01T00:01:00Z', 'Ready flipped: new time');
    assert.equal(condition(scaling, 'Degraded')?.lastTransitionTime, condition(running, 'Degraded')?.lastTransitionTime, 'Degraded did not flip');
    assert.equal(condition(scaling, 'Degraded')?.observedGeneration, 2);
    await advance(100);
    assert.equal(stored('web').status?.readyReplicas, 4);
    assert.equal(stored('web').status?.phase, 'Running');
    assert.deepEqual(h.recorder.reasons().slice(-3), ['Updated', 'ScalingReplicaSet', 'Reconciled']);
  });

  it('reports Succeeded once scaled to 0 and stopped', async () => {
    await start();
    await h.client.create('default', application('idle', { replicas: 0 }));
    await settle();
    assert.equal(stored('idle').status?.phase, 'Succeeded');
    assert.equal(condition(stored('idle'), 'Ready')?.reason, 'ScaledToZero');
  });

  it('retries a broken image with backoff, then marks it Failed and Degraded with a Warning event', async () => {
    await start();
    await h.client.create('default', application('bad', { image: 'nginx:broken', replicas: 2 }));
    await settle();
    await advance(100);
    const retrying = stored('bad');
    assert.equal(retrying.status?.phase, 'Pending');
    assert.equal(condition(retrying, 'Degraded')?.status, 'True');
    const [item] = h.service.snapshot().items;
    assert.equal(item.state, 'waiting');
    assert.equal(item.retries, 1);
    assert.match(item.lastError!, /^ErrImagePull: Failed to pull image "nginx:broken"/);
    await advance(40_000);
    const failed = stored('bad');
    assert.equal(failed.status?.phase, 'Failed');
    assert.deepEqual([condition(failed, 'Degraded')?.status, condition(failed, 'Degraded')?.reason], ['True', 'ImagePullBackOff']);
    assert.deepEqual([condition(failed, 'Progressing')?.status, condition(failed, 'Progressing')?.reason], ['False', 'RolloutFailed']);
    assert.equal(condition(failed, 'Ready')?.status, 'False');
    const warnings = h.recorder.events.filter((event) => event.type === 'Warning');
    assert.equal(warnings.filter((event) => event.reason === 'ReconcileError').length, 6, 'the first attempt and 5 retries');
    const final = warnings.find((event) => event.reason === 'ReconcileFailed')!;
    assert.equal(final.severity, 'Error');
    assert.match(final.message, /^Giving up after 5 retries: ImagePullBackOff: Back-off pulling image "nginx:broken"/);
    assert.deepEqual(h.service.snapshot().items, [], 'no retry scheduled');
    const writes = h.client.writes.length;
    await advance(120_000);
    assert.equal(h.client.writes.length, writes, 'retried only on its next change or resync');
    assert.equal(await metricValue(h.metrics, METRIC.resourceCount, { namespace: 'default', phase: 'Failed' }), 1);
  });

  it('runs cleanup and removes its finalizer when the Application is deleted', async () => {
    await start();
    await h.client.create('default', application('gone', { replicas: 1 }));
    await settle();
    await advance(100);
    assert.ok(h.driver.deploymentOf('default', 'gone'));
    await h.client.delete('default', 'gone');
    await settle();
    assert.equal(h.client.stored('default', 'gone'), undefined, 'the object disappears');
    assert.equal(h.driver.deploymentOf('default', 'gone'), undefined, 'the workload is removed');
    assert.deepEqual(h.recorder.reasons().slice(-2), ['CleanupComplete', 'Deleted']);
    assert.equal(h.cache.get('default', 'gone'), undefined);
    assert.equal(await metricValue(h.metrics, METRIC.resourceCount, { namespace: 'default', phase: 'Running' }), undefined);
  });

  it('re-queues quietly on a status conflict and converges once the cache catches up', async () => {
    await start();
    await h.client.create('default', application('web', { replicas: 2 }));
    await settle();
    await h.client.silently(() => h.client.update('default', { ...stored('web'), metadata: { ...stored('web').metadata, labels: { team: 'a' } } }));
    await advance(100);
    assert.equal(stored('web').status?.phase, 'Pending', 'the stale write was refused');
    assert.deepEqual(h.service.snapshot().items.map(({ state, lastError }) => [state, lastError]), [['waiting', null]]);
    assert.ok(!h.recorder.reasons().includes('ReconcileError'));
    h.client.emitRaw({ type: 'MODIFIED', object: stored('web') });
    await settle();
    assert.equal(stored('web').status?.phase, 'Running');
    assert.deepEqual(stored('web').metadata?.labels, { team: 'a' });
  });

  it('processes nothing while not leader, but keeps the cache warm for a takeover', async () => {
    const leadership = new TestLeadership(false);
    await start({}, leadership);
    await h.client.create('default', application('web', { replicas: 1 }));
    await settle();
    assert.equal(h.service.hasSynced(), true);
    assert.ok(h.cache.get('default', 'web'));
    assert.deepEqual(h.client.writes.map((write) => write.verb), ['create']);
    assert.deepEqual(h.service.snapshot(), { leader: false, depth: 1, items: [{ key: 'default/web', state: 'queued', retries: 0, lastError: null, nextAttemptTime: null }] });
    leadership.setLeading(true);
    await settle();
    await advance(100);
    assert.equal(stored('web').status?.phase, 'Running');
  });
});
