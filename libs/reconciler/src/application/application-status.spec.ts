import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkloadStatus } from '../workload/workload-driver.js';
import { computeStatus, statusEquals } from './application-status.js';
import { Application } from './application.types.js';
import { findCondition, rfc3339, setCondition } from './conditions.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const T1 = Date.parse('2025-01-01T00:05:00.750Z');

function app(replicas: number, generation = 1, status?: Application['status']): Application {
  return { metadata: { namespace: 'ns', name: 'web', generation }, spec: { image: 'nginx:1', replicas }, ...(status ? { status } : {}) };
}

const ready = (n: number): WorkloadStatus => ({ replicas: n, readyReplicas: n, updatedReplicas: n, availableReplicas: n, progressing: false });
const starting = (n: number): WorkloadStatus => ({ replicas: n, readyReplicas: 0, updatedReplicas: n, availableReplicas: 0, progressing: true });
const pullFailure = { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:broken"' };

describe('computeStatus', () => {
  it('is Pending while pods start, Running once all are ready and updated', () => {
    const pending = computeStatus({ app: app(3), workload: starting(3), now: T0 });
    assert.equal(pending.phase, 'Pending');
    assert.deepEqual(findCondition(pending.conditions, 'Progressing'), { type: 'Progressing', status: 'True', reason: 'RollingOut', message: '0/3 replicas ready, 3/3 updated', observedGeneration: 1, lastTransitionTime: '2025-01-01T00:00:00Z' });
    const running = computeStatus({ app: app(3, 1, pending), workload: ready(3), now: T1 });
    assert.equal(running.phase, 'Running');
    assert.deepEqual(findCondition(running.conditions, 'Ready'), { type: 'Ready', status: 'True', reason: 'ReplicasReady', message: '3/3 replicas ready, 3/3 updated', observedGeneration: 1, lastTransitionTime: '2025-01-01T00:05:00Z' });
    assert.equal(findCondition(running.conditions, 'Degraded')?.lastTransitionTime, '2025-01-01T00:00:00Z', 'Degraded stayed False');
  });

  it('is Pending (not Running) while old replicas remain after a spec change', () => {
    const rolling: WorkloadStatus = { replicas: 4, readyReplicas: 3, updatedReplicas: 1, availableReplicas: 3, progressing: true };
    assert.equal(computeStatus({ app: app(3, 2), workload: rolling, now: T0 }).phase, 'Pending');
  });

  it('is Succeeded when scaled to 0 and every pod has stopped', () => {
    const status = computeStatus({ app: app(0), workload: ready(0), now: T0 });
    assert.equal(status.phase, 'Succeeded');
    assert.equal(findCondition(status.conditions, 'Ready')?.reason, 'ScaledToZero');
    assert.equal(computeStatus({ app: app(0), workload: { ...starting(1), readyReplicas: 1 }, now: T0 }).phase, 'Pending', 'pods still stopping');
  });

  it('reports Degraded while a failure is retried, and Failed once retries are exhausted', () => {
    const failing = { ...starting(2), failure: pullFailure };
    const retrying = computeStatus({ app: app(2), workload: failing, now: T0 });
    assert.equal(retrying.phase, 'Pending');
    assert.deepEqual(findCondition(retrying.conditions, 'Degraded'), { type: 'Degraded', status: 'True', reason: 'ImagePullBackOff', message: pullFailure.message, observedGeneration: 1, lastTransitionTime: '2025-01-01T00:00:00Z' });
    const failed = computeStatus({ app: app(2, 1, retrying), workload: failing, now: T1, exhausted: true });
    assert.equal(failed.phase, 'Failed');
    assert.equal(failed.message, `ImagePullBackOff: ${pullFailure.message}`);
    assert.deepEqual([findCondition(failed.conditions, 'Progressing')?.status, findCondition(failed.conditions, 'Progressing')?.reason], ['False', 'RolloutFailed']);
    assert.equal(findCondition(failed.conditions, 'Degraded')?.lastTransitionTime, '2025-01-01T00:00:00Z');
  });

  it('stays Failed on a resync of the same failing generation, and leaves Failed on a new generation or recovery', () => {
    const failing = { ...starting(2), failure: pullFailure };
    const failed = computeStatus({ app: app(2), workload: failing, now: T0, exhausted: true });
    assert.equal(computeStatus({ app: app(2, 1, failed), workload: failing, now: T1 }).phase, 'Failed');
    assert.equal(computeStatus({ app: app(2, 2, failed), workload: failing, now: T1 }).phase, 'Pending');
    assert.equal(computeStatus({ app: app(2, 1, failed), workload: ready(2), now: T1 }).phase, 'Running');
  });

  it('uses the fallback failure when retries ran out for a reason the workload does not report', () => {
    const status = computeStatus({ app: app(1), workload: starting(1), now: T0, exhausted: true, fallbackFailure: { reason: 'ReconcileError', message: 'store unavailable' } });
    assert.equal(status.phase, 'Failed');
    assert.equal(findCondition(status.conditions, 'Degraded')?.reason, 'ReconcileError');
  });

  it('is equal to itself recomputed at a later time when nothing changed (no write needed)', () => {
    const first = computeStatus({ app: app(3), workload: ready(3), now: T0 });
    const again = computeStatus({ app: app(3, 1, first), workload: ready(3), now: T1 });
    assert.equal(statusEquals(first, again), true);
    assert.equal(statusEquals({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }), true);
  });
});

describe('setCondition', () => {
  it('changes lastTransitionTime only when status flips', () => {
    const base = setCondition([], { type: 'Ready', status: 'False', reason: 'A', message: 'a' }, 't0');
    const same = setCondition(base, { type: 'Ready', status: 'False', reason: 'B', message: 'b', observedGeneration: 2 }, 't1');
    assert.deepEqual(same, [{ type: 'Ready', status: 'False', reason: 'B', message: 'b', observedGeneration: 2, lastTransitionTime: 't0' }]);
    const flipped = setCondition(same, { type: 'Ready', status: 'True', reason: 'C', message: 'c' }, 't2');
    assert.equal(flipped[0].lastTransitionTime, 't2');
  });

  it('writes RFC 3339 with second precision, as Kubernetes does', () => {
    assert.equal(rfc3339(T1), '2025-01-01T00:05:00Z');
  });
});
