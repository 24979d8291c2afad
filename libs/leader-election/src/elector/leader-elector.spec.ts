import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { advance, advanceUntil, LEASE_NAME, LEASE_NAMESPACE, replica, Replica } from '../testing/election-harness.js';
import { InMemoryLeaseStore } from '../testing/in-memory-leases.js';
import { ResourceLeaseLock } from '../lease/resource-lease-lock.js';
import { LeaderElector } from './leader-elector.js';

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

describe(LeaderElector.name, () => {
  let store: InMemoryLeaseStore;
  let replicas: Replica[];
  const start = (id: string, options = {}) => {
    const r = replica(store, id, options);
    replicas.push(r);
    r.elector.start();
    return r;
  };
  const lease = () => store.read(LEASE_NAMESPACE, LEASE_NAME);

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
    store = new InMemoryLeaseStore();
    replicas = [];
  });
  afterEach(() => {
    for (const r of replicas) r.elector.dispose();
    mock.timers.reset();
  });

  it('a single candidate creates the Lease, leads at once and renews every retry period', async () => {
    const a = start('a');
    await advance(10);
    assert.equal(a.elector.isLeader(), true);
    assert.deepEqual(a.transitions.map(([leading]) => leading), [false, true]);
    const created = lease();
    assert.equal(created?.spec?.holderIdentity, 'a');
    assert.equal(created?.spec?.leaseDurationSeconds, 15);
    assert.equal(created?.spec?.leaseTransitions, 0);
    assert.match(created?.spec?.acquireTime ?? '', MICRO_TIME);
    assert.equal(created?.spec?.renewTime, created?.spec?.acquireTime);

    await advance(10_000);
    const renewed = lease();
    assert.equal(renewed?.spec?.acquireTime, created?.spec?.acquireTime);
    assert.equal(renewed?.spec?.renewTime, '2024-05-01T10:00:10.010000Z');
    assert.deepEqual(store.writes.map((w) => `${w.op}:${w.outcome}`), ['create:ok', ...Array(5).fill('update:ok')]);

    assert.deepEqual(a.events.records, [
      { regarding: { kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', namespace: 'default', name: 'application-operator', uid: 'uid-application-operator', resourceVersion: '1' }, type: 'Normal', reason: 'LeaderElection', message: 'a became leader' },
    ]);
    assert.ok(a.logger.lines.includes('log: became leader (lease default/application-operator, identity a)'));
    assert.equal(a.metrics.values.get('application-operator'), 1);
    assert.deepEqual(a.elector.status(), {
      enabled: true, running: true, leading: true, identity: 'a', leader: 'a', lease: 'default/application-operator', ready: true, message: 'leading (lease default/application-operator)',
    });
    assert.deepEqual(a.elector.info(), {
      identity: 'a', isLeader: true, holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: created?.spec?.acquireTime, renewTime: renewed?.spec?.renewTime, leaseTransitions: 0,
    });
  });

  it('two candidates on one store: exactly one leads, the other follows it and never writes', async () => {
    const a = start('a');
    const b = start('b');
    await advance(60_000, () => assert.ok(!(a.elector.isLeader() && b.elector.isLeader()), 'both lead'));
    const [leader, follower] = a.elector.isLeader() ? [a, b] : [b, a];
    assert.equal(leader.elector.isLeader(), true);
    assert.equal(follower.elector.isLeader(), false);
    assert.deepEqual(leader.transitions.map(([leading]) => leading), [false, true]);
    assert.deepEqual(follower.transitions.map(([leading]) => leading), [false]);
    assert.equal(lease()?.spec?.holderIdentity, leader.id);
    assert.equal(lease()?.spec?.leaseTransitions, 0);
    assert.deepEqual(store.writes.filter((w) => w.client === follower.id).map((w) => `${w.op}:${w.outcome}`), ['create:AlreadyExists']);
    assert.equal(follower.elector.status().leader, leader.id);
    assert.equal(follower.elector.status().message, `following leader ${leader.id}`);
    assert.ok(follower.logger.lines.includes(`log: new leader elected: ${leader.id}`));
    assert.equal(follower.metrics.values.get('application-operator'), 0);
  });

  it('two candidates racing for an expired lease: one compare-and-swap wins, the other gets a Conflict', async () => {
    const ghost = new ResourceLeaseLock(store.client('ghost'), LEASE_NAMESPACE, LEASE_NAME);
    await ghost.create({ holderIdentity: 'ghost', leaseDurationSeconds: 15, acquireTime: '2024-05-01T09:00:00.000000Z', renewTime: '2024-05-01T09:00:00.000000Z', leaseTransitions: 3 });
    const a = start('a');
    const b = start('b');
    await advance(14_900);
    assert.equal(a.elector.isLeader() || b.elector.isLeader(), false, 'nobody takes an unexpired lease');
    assert.equal(a.elector.status().leader, 'ghost');
    await advance(5_000, () => assert.ok(!(a.elector.isLeader() && b.elector.isLeader()), 'both lead'));
    const takeovers = store.writes.filter((w) => w.op === 'update' && w.resourceVersion === '1');
    assert.deepEqual(takeovers.map((w) => w.outcome).sort(), ['Conflict', 'ok']);
    const winner = takeovers.find((w) => w.outcome === 'ok')?.client;
    assert.equal(lease()?.spec?.holderIdentity, winner);
    assert.equal(lease()?.spec?.leaseTransitions, 4);
    assert.equal([a, b].filter((r) => r.elector.isLeader()).length, 1);
    const loser = winner === 'a' ? b : a;
    assert.equal(loser.elector.status().leader, winner);
  });

  it('leaseTransitions counts holder changes (a → b → a), acquireTime marks each acquisition', async () => {
    const a = start('a');
    await advance(10);
    const b = start('b');
    await advance(5_000);
    const first = lease()?.spec;
    await a.elector.stop();
    await advanceUntil(() => b.elector.isLeader(), 5_000);
    const second = lease()?.spec;
    assert.equal(second?.holderIdentity, 'b');
    assert.equal(second?.leaseTransitions, 1);
    assert.notEqual(second?.acquireTime, first?.acquireTime);
    a.elector.start();
    await advance(5_000);
    assert.equal(lease()?.spec?.acquireTime, second?.acquireTime, 'renewals keep acquireTime');
    await b.elector.stop();
    await advanceUntil(() => a.elector.isLeader(), 5_000);
    assert.equal(lease()?.spec?.holderIdentity, 'a');
    assert.equal(lease()?.spec?.leaseTransitions, 2);
  });

  it('stop() then start() while a round is in flight keeps a single renew loop', async () => {
    const a = start('a');
    await advance(10);
    mock.timers.tick(2_000); // the renew round starts and awaits the store
    const stopping = a.elector.stop();
    a.elector.start();
    await stopping;
    const before = store.writes.length;
    await advance(10_000);
    assert.equal(a.elector.isLeader(), true);
    assert.equal(store.writes.length - before, 5, 'one renew per retry period, not two loops');
  });

  it('rejects invalid timing at construction, naming the values', () => {
    const lock = new ResourceLeaseLock(store.client('a'), LEASE_NAMESPACE, LEASE_NAME);
    assert.throws(
      () => new LeaderElector({ identity: 'a', leaseDurationSeconds: 10, renewDeadlineSeconds: 12, retryPeriodSeconds: 2 }, lock),
      { message: 'invalid leader election configuration: leaseDurationSeconds (10) must be greater than renewDeadlineSeconds (12)' },
    );
    assert.throws(
      () => new LeaderElector({ identity: 'a', leaseDurationSeconds: 15, renewDeadlineSeconds: 3, retryPeriodSeconds: 3 }, lock),
      /renewDeadlineSeconds \(3\) must be greater than 1.2 × retryPeriodSeconds \(3\) = 3.6/,
    );
    assert.throws(() => new LeaderElector({ identity: '', leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 2 }, lock), /identity/);
  });
});
