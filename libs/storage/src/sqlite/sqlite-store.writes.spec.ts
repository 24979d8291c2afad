import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KeyExistsError, KeyNotFoundError, RevisionConflictError } from '../store.js';
import { StoreClosedError } from '../storage.errors.js';
import { SqliteStore } from './sqlite-store.js';
import { incrementConcurrently } from './testing/counter.js';
import { openTempStore } from './testing/temp-store.js';

for (const memory of [false, true]) {
  describe(`${SqliteStore.name} writes (${memory ? 'memory' : 'file'})`, () => {
    let store: SqliteStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await openTempStore({ memory })));
    after(() => dispose());

    it('creates a key once; a second create is KeyExistsError', async () => {
      const kv = await store.create('/a/one', 'v1');
      assert.equal(kv.createRevision, kv.modRevision);
      assert.deepEqual(await store.get('/a/one'), kv);
      await assert.rejects(store.create('/a/one', 'v2'), KeyExistsError);
      assert.equal((await store.get('/a/one'))?.value, 'v1');
    });

    it('updates with the right revision, keeps createRevision and moves modRevision', async () => {
      const created = await store.create('/a/two', 'v1');
      const updated = await store.update('/a/two', 'v2', created.modRevision);
      assert.equal(updated.createRevision, created.createRevision);
      assert.ok(updated.modRevision > created.modRevision);
      assert.deepEqual(await store.get('/a/two'), updated);
    });

    it('refuses a stale revision with RevisionConflictError and keeps the value', async () => {
      const created = await store.create('/a/three', 'v1');
      const updated = await store.update('/a/three', 'v2', created.modRevision);
      const error = await store.update('/a/three', 'v3', created.modRevision).catch((e: unknown) => e);
      assert.ok(error instanceof RevisionConflictError);
      assert.equal(error.expected, created.modRevision);
      assert.equal(error.actual, updated.modRevision);
      assert.equal((await store.get('/a/three'))?.value, 'v2');
    });

    it('updates unconditionally without an expected revision', async () => {
      await store.create('/a/four', 'v1');
      assert.equal((await store.update('/a/four', 'v2')).value, 'v2');
    });

    it('answers KeyNotFoundError for update and delete of a missing key', async () => {
      await assert.rejects(store.update('/a/missing', 'v'), KeyNotFoundError);
      await assert.rejects(store.delete('/a/missing'), KeyNotFoundError);
    });

    it('deletes with a tombstone: returns the last value at the deletion revision', async () => {
      const created = await store.create('/a/five', 'v1');
      const deleted = await store.delete('/a/five', created.modRevision);
      assert.deepEqual(deleted, { key: '/a/five', value: 'v1', createRevision: created.createRevision, modRevision: deleted.modRevision });
      assert.ok(deleted.modRevision > created.modRevision);
      assert.equal(await store.currentRevision(), deleted.modRevision);
      assert.equal(await store.get('/a/five'), undefined);
      await assert.rejects(store.update('/a/five', 'v2'), KeyNotFoundError);
      await assert.rejects(store.delete('/a/five'), KeyNotFoundError);
      const recreated = await store.create('/a/five', 'v3');
      assert.equal(recreated.createRevision, recreated.modRevision);
    });

    it('refuses a delete with a stale expected revision', async () => {
      const created = await store.create('/a/six', 'v1');
      await store.update('/a/six', 'v2');
      await assert.rejects(store.delete('/a/six', created.modRevision), RevisionConflictError);
      assert.equal((await store.get('/a/six'))?.value, 'v2');
    });

    it('gives every write a strictly greater revision, across keys', async () => {
      const revisions: number[] = [];
      for (let i = 0; i < 5; i++) {
        revisions.push((await store.create(`/b/${i}`, 'x')).modRevision);
        revisions.push((await store.update(`/b/${i}`, 'y')).modRevision);
      }
      revisions.push((await store.delete('/b/0')).modRevision);
      revisions.forEach((revision, i) => i > 0 && assert.equal(revision, revisions[i - 1]! + 1));
      assert.equal(await store.currentRevision(), revisions.at(-1));
    });

    it('loses no update under 20 concurrent compare-and-swap loops', async () => {
      const { acknowledged, conflicts } = await incrementConcurrently(store, '/counter', 20, 10);
      assert.equal(acknowledged, 200);
      assert.ok(conflicts > 0, 'the loops raced');
      assert.equal((await store.get('/counter'))?.value, '200');
    });

    it('reports stats: revision, compacted revision, live keys, size', async () => {
      const stats = await store.stats();
      assert.equal(stats.revision, await store.currentRevision());
      assert.equal(stats.compactedRevision, 0);
      assert.equal(stats.keys, (await store.list('/')).items.length);
      assert.ok(stats.dbSizeBytes > 0);
      assert.ok(store.isHealthy());
    });
  });
}

describe(`${SqliteStore.name} lifecycle`, () => {
  it('is idempotent to open and close, unhealthy and refusing calls when closed', async (t) => {
    const { store, dispose } = await openTempStore();
    t.after(dispose);
    await store.open();
    await store.create('/k', 'v');
    await store.close();
    await store.close();
    assert.equal(store.isHealthy(), false);
    await assert.rejects(store.get('/k'), StoreClosedError);
    await store.open();
    assert.equal((await store.get('/k'))?.value, 'v');
  });
});
