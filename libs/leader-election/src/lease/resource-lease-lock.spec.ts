import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AlreadyExistsError, ConflictError } from '@app/api-machinery';
import { InMemoryLeaseStore } from '../testing/in-memory-leases.js';
import { LeaderElectionRecord } from './lease-lock.js';
import { formatMicroTime } from './micro-time.js';
import { ResourceLeaseLock } from './resource-lease-lock.js';

const record = (holderIdentity: string, leaseTransitions = 0): LeaderElectionRecord => ({
  holderIdentity,
  leaseDurationSeconds: 15,
  acquireTime: '2024-05-01T10:00:00.000000Z',
  renewTime: '2024-05-01T10:00:02.500000Z',
  leaseTransitions,
});

describe(ResourceLeaseLock.name, () => {
  it('reads nothing before the Lease exists, then creates a coordination.k8s.io/v1 Lease', async () => {
    const store = new InMemoryLeaseStore();
    const lock = new ResourceLeaseLock(store.client('a'), 'default', 'application-operator');
    assert.equal(await lock.get(), undefined);
    await lock.create(record('a'));
    const lease = store.read('default', 'application-operator');
    assert.equal(lease?.apiVersion, 'coordination.k8s.io/v1');
    assert.equal(lease?.kind, 'Lease');
    assert.deepEqual(lease?.metadata?.name, 'application-operator');
    assert.deepEqual(lease?.spec, record('a'));
    assert.deepEqual(await lock.get(), record('a'));
    assert.equal(lock.describe(), 'default/application-operator');
  });

  it('updates with the resourceVersion last seen: a competing write in between is a Conflict', async () => {
    const store = new InMemoryLeaseStore();
    const a = new ResourceLeaseLock(store.client('a'), 'default', 'l');
    const b = new ResourceLeaseLock(store.client('b'), 'default', 'l');
    await a.create(record('a'));
    assert.deepEqual(await b.get(), record('a'));
    await a.update(record('a', 0));
    await assert.rejects(b.update(record('b', 1)), ConflictError);
    assert.equal(store.read('default', 'l')?.spec?.holderIdentity, 'a');
    await b.get();
    await b.update(record('b', 1));
    assert.equal(store.read('default', 'l')?.spec?.holderIdentity, 'b');
    assert.deepEqual(
      store.writes.map((w) => [w.client, w.op, w.outcome]),
      [['a', 'create', 'ok'], ['a', 'update', 'ok'], ['b', 'update', 'Conflict'], ['b', 'update', 'ok']],
    );
  });

  it('reports a lost create race as AlreadyExists and refuses to update what it never read', async () => {
    const store = new InMemoryLeaseStore();
    const a = new ResourceLeaseLock(store.client('a'), 'ns', 'l');
    const b = new ResourceLeaseLock(store.client('b'), 'ns', 'l');
    await a.create(record('a'));
    await assert.rejects(b.create(record('b')), AlreadyExistsError);
    await assert.rejects(b.update(record('b')), /not initialized/);
  });

  it('references the Lease (with uid and resourceVersion once known) as the event subject', async () => {
    const store = new InMemoryLeaseStore();
    const lock = new ResourceLeaseLock(store.client('a'), 'ns', 'l');
    assert.deepEqual(lock.reference(), { kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', namespace: 'ns', name: 'l' });
    await lock.create(record('a'));
    assert.deepEqual(lock.reference(), { kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', namespace: 'ns', name: 'l', uid: 'uid-l', resourceVersion: '1' });
  });
});

describe(formatMicroTime.name, () => {
  it('writes RFC 3339 UTC with microseconds, as metav1.MicroTime', () => {
    assert.equal(formatMicroTime(new Date(Date.UTC(2024, 4, 1, 10, 0, 0, 123))), '2024-05-01T10:00:00.123000Z');
  });
});
