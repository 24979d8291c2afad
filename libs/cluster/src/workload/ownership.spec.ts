import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertAdoptable, owningApplication, WorkloadOwnershipError } from './ownership.js';

const reference = (kind: string, name: string, uid: string, controller = true) => ({ apiVersion: kind === 'Application' ? 'cloudnative.elide.dev/v1' : 'apps/v1', kind, name, uid, controller });
const object = (...ownerReferences: ReturnType<typeof reference>[]) => ({ kind: 'Deployment', metadata: { namespace: 'shop', name: 'web', ownerReferences } });

describe(owningApplication.name, () => {
  it('is the controlling Application, in the object\'s namespace', () => {
    assert.deepEqual(owningApplication(object(reference('ReplicaSet', 'x', '1', false), reference('Application', 'web', 'u'))), { namespace: 'shop', name: 'web' });
    assert.equal(owningApplication(object(reference('Application', 'web', 'u', false))), undefined);
    assert.equal(owningApplication(object(reference('ReplicaSet', 'web', 'u'))), undefined);
    assert.equal(owningApplication({ metadata: { name: 'x' } }), undefined);
  });
});

describe(assertAdoptable.name, () => {
  it('accepts an object controlled by this Application or by nobody, refuses any other controller', () => {
    assert.doesNotThrow(() => assertAdoptable(object(reference('Application', 'web', 'u')), 'u'));
    assert.doesNotThrow(() => assertAdoptable(object(), 'u'));
    assert.throws(() => assertAdoptable(object(reference('Application', 'web', 'old')), 'u'), (error: Error) => error instanceof WorkloadOwnershipError && error.message === 'Deployment shop/web is controlled by Application web (uid old)');
    assert.throws(() => assertAdoptable(object(reference('ReplicaSet', 'x', 'r')), 'u'), WorkloadOwnershipError);
  });
});
