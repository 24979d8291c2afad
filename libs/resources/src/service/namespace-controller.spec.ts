import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, NotFoundError } from '@app/api-machinery';
import { app, openResourceHarness, ResourceHarness } from '../testing/resource-harness.js';
import { NamespaceController } from './namespace-controller.js';

describe(NamespaceController.name, () => {
  let h: ResourceHarness;
  let controller: NamespaceController;
  before(async () => {
    h = await openResourceHarness();
    controller = new NamespaceController(h.resources, h.registry);
  });
  after(async () => {
    controller.onModuleDestroy();
    await h.close();
  });

  it('terminates a namespace: refuses creates, deletes its content, waits for finalizers, then removes it', async () => {
    const created = await h.resources.create(h.namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    assert.deepEqual(created.object.spec, { finalizers: ['kubernetes'] });
    assert.equal((created.object.status as { phase: string }).phase, 'Active');
    await h.resources.create(h.apps('doomed'), app('plain'));
    await h.resources.create(h.apps('doomed'), app('held', { finalizers: ['example.com/hold'] }));
    await h.resources.create(h.apps('other'), app('bystander'));

    const deleted = await h.resources.delete(h.namespaces(), 'doomed');
    assert.equal((deleted.object.status as { phase: string }).phase, 'Terminating');
    assert.ok(deleted.object.metadata?.deletionTimestamp);
    assert.ok(await h.resources.get(h.namespaces(), 'doomed'), 'the namespace stays while it has content');
    await assert.rejects(h.resources.delete(h.namespaces(), 'doomed'), (error: unknown) => error instanceof ConflictError && /The system is ensuring all content is removed from this namespace/.test(error.message));

    await assert.rejects(h.resources.create(h.apps('doomed'), app('late')), (error: unknown) => {
      assert.ok(error instanceof ForbiddenError);
      assert.equal(error.message, 'applications.cloudnative.elide.dev "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');
      assert.deepEqual(error.details?.causes, [{ reason: 'NamespaceTerminating', message: 'namespace doomed is being terminated', field: 'metadata.namespace' }]);
      return true;
    });

    assert.equal(await controller.sync(), 1, 'waits for the object with a finalizer');
    await assert.rejects(h.resources.get(h.apps('doomed'), 'plain'), NotFoundError);
    assert.ok((await h.resources.get(h.apps('doomed'), 'held')).metadata?.deletionTimestamp);
    assert.ok(await h.resources.get(h.namespaces(), 'doomed'));

    await h.resources.patch(h.apps('doomed'), 'held', 'merge', { metadata: { finalizers: null } });
    assert.equal(await controller.sync(), 0);
    await assert.rejects(h.resources.get(h.namespaces(), 'doomed'), NotFoundError);
    assert.ok(await h.resources.get(h.apps('other'), 'bystander'), 'other namespaces untouched');

    await h.resources.create(h.apps('doomed'), app('again'));
    assert.equal(((await h.resources.get(h.namespaces(), 'doomed')).status as { phase: string }).phase, 'Active', 'used again: provisioned afresh');
  });
});
