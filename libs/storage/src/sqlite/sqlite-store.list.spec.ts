import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompactedError, InvalidContinueError } from '../store.js';
import { FutureRevisionError } from '../storage.errors.js';
import { SqliteStore } from './sqlite-store.js';
import { openTempStore } from './testing/temp-store.js';

const keys = (result: { items: Array<{ key: string }> }): string[] => result.items.map((kv) => kv.key);

for (const memory of [false, true]) {
  describe(`${SqliteStore.name} list (${memory ? 'memory' : 'file'})`, () => {
    let store: SqliteStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await openTempStore({ memory })));
    after(() => dispose());

    it('lists live keys under a prefix in key order at the current revision', async () => {
      for (const key of ['/l/b', '/l/a', '/l/c', '/l0', '/m/a', '/l']) await store.create(key, key);
      await store.delete('/l/c');
      const result = await store.list('/l/');
      assert.deepEqual(keys(result), ['/l/a', '/l/b']);
      assert.equal(result.items[0]?.value, '/l/a');
      assert.equal(result.revision, await store.currentRevision());
      assert.equal(result.continue, undefined);
      assert.deepEqual(keys(await store.list('/l')), ['/l', '/l/a', '/l/b', '/l0']);
      assert.equal(keys(await store.list('')).length, 5);
    });

    it('returns each item and get() exactly as the last write returned it (createRevision kept across updates)', async () => {
      const created = await store.create('/kv/a', 'v1');
      const updated = await store.update('/kv/a', 'v2', created.modRevision);
      const other = await store.create('/kv/b', 'x');
      assert.deepEqual((await store.list('/kv/')).items, [updated, other]);
      assert.deepEqual(await store.get('/kv/a'), updated);
      await store.delete('/kv/b');
      assert.equal(await store.get('/kv/b'), undefined);
      assert.deepEqual((await store.list('/kv/')).items, [updated]);
    });

    it('reads as of an older revision', async () => {
      const created = await store.create('/h/k', 'v1');
      await store.update('/h/k', 'v2');
      await store.create('/h/later', 'x');
      await store.delete('/h/k');
      const old = await store.list('/h/', { revision: created.modRevision });
      assert.deepEqual(old.items, [created]);
      assert.equal(old.revision, created.modRevision);
      assert.deepEqual(keys(await store.list('/h/')), ['/h/later']);
      const current = await store.currentRevision();
      await assert.rejects(store.list('/h/', { revision: current + 1 }), FutureRevisionError);
    });

    it('paginates at the first page revision across writes in between', async () => {
      for (let i = 0; i < 5; i++) await store.create(`/p/${i}`, `v${i}`);
      const first = await store.list('/p/', { limit: 2 });
      assert.deepEqual(keys(first), ['/p/0', '/p/1']);
      assert.equal(first.remainingItemCount, 3);
      assert.ok(first.continue);
      await store.update('/p/2', 'changed');
      await store.delete('/p/3');
      await store.create('/p/5', 'new');
      const second = await store.list('/p/', { limit: 2, continue: first.continue });
      assert.deepEqual(second.items.map((kv) => kv.value), ['v2', 'v3']);
      assert.equal(second.revision, first.revision);
      assert.equal(second.remainingItemCount, 1);
      const third = await store.list('/p/', { limit: 2, continue: second.continue });
      assert.deepEqual(keys(third), ['/p/4']);
      assert.equal(third.continue, undefined);
      assert.equal(third.remainingItemCount, undefined);
    });

    it('sets no continue token when the last page is exactly full', async () => {
      for (let i = 0; i < 2; i++) await store.create(`/e/${i}`, 'v');
      const page = await store.list('/e/', { limit: 2 });
      assert.equal(page.items.length, 2);
      assert.equal(page.continue, undefined);
    });

    it('rejects undecodable continue tokens', async () => {
      const encode = (json: string): string => Buffer.from(json).toString('base64url');
      const bad = ['not-a-token!', encode('{"v":"meta.k8s.io/v1","rv":"x","start":"a"}'), encode('{"v":"v2","rv":1,"start":"a"}')];
      for (const token of bad) {
        await assert.rejects(store.list('/p/', { continue: token }), InvalidContinueError);
      }
    });

    it('answers CompactedError for a continue token or revision older than the compaction', async () => {
      for (let i = 0; i < 3; i++) await store.create(`/c/${i}`, 'v');
      const first = await store.list('/c/', { limit: 1 });
      await store.update('/c/0', 'newer');
      await store.compact(await store.currentRevision());
      const error = await store.list('/c/', { limit: 1, continue: first.continue }).catch((e: unknown) => e);
      assert.ok(error instanceof CompactedError);
      assert.equal(error.requested, first.revision);
      await assert.rejects(store.list('/c/', { revision: first.revision }), CompactedError);
      assert.deepEqual(keys(await store.list('/c/')), ['/c/0', '/c/1', '/c/2']);
    });
  });
}
