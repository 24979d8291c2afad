import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Subject } from 'rxjs';
import { CompactedError, WatchEvent } from '../store.js';
import { SqliteStore } from './sqlite-store.js';
import { Recorder } from './testing/recorder.js';
import { openTempStore } from './testing/temp-store.js';

const revisions = (events: WatchEvent[]): number[] => events.map((e) => e.kv.modRevision);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

for (const memory of [false, true]) {
  describe(`${SqliteStore.name} watch (${memory ? 'memory' : 'file'})`, () => {
    let store: SqliteStore;
    let dispose: () => Promise<void>;
    before(async () => ({ store, dispose } = await openTempStore({ memory })));
    after(() => dispose());

    it('replays the history after a revision, in order, with types and prevKv, then follows live writes', async () => {
      const a1 = await store.create('/w/a', 'a1');
      const a2 = await store.update('/w/a', 'a2');
      const b1 = await store.create('/w/b', 'b1');
      await store.create('/wx', 'outside');
      const aDeleted = await store.delete('/w/a');
      const recorder = new Recorder(store.watch('/w/', a1.modRevision));
      assert.deepEqual(await recorder.take(3), [
        { type: 'MODIFIED', kv: a2, prevKv: a1 },
        { type: 'ADDED', kv: b1 },
        { type: 'DELETED', kv: aDeleted, prevKv: a2 },
      ]);
      const b2 = await store.update('/w/b', 'b2');
      await store.create('/x/c', 'outside');
      const c = await store.create('/w/c', 'c1');
      assert.deepEqual((await recorder.take(5)).slice(3), [{ type: 'MODIFIED', kv: b2, prevKv: b1 }, { type: 'ADDED', kv: c }]);
      recorder.unsubscribe();
    });

    it('reports a re-created key as ADDED with a new createRevision', async () => {
      const from = await store.currentRevision();
      await store.create('/re/k', 'v1');
      await store.delete('/re/k');
      const again = await store.create('/re/k', 'v2');
      const events = await new Recorder(store.watch('/re/', from)).take(3);
      assert.deepEqual(events.map((e) => e.type), ['ADDED', 'DELETED', 'ADDED']);
      assert.deepEqual(events[2], { type: 'ADDED', kv: again });
    });

    it('from a future revision delivers only later events', async () => {
      const current = await store.currentRevision();
      const recorder = new Recorder(store.watch('/f/', current + 2));
      await store.create('/f/1', 'x');
      await store.create('/f/2', 'x');
      const third = await store.create('/f/3', 'x');
      assert.deepEqual(revisions(await recorder.take(1)), [third.modRevision]);
      recorder.unsubscribe();
    });

    it('neither duplicates nor skips when a subscriber writes during replay', async () => {
      const from = await store.currentRevision();
      for (let i = 0; i < 3; i++) await store.create(`/r/${i}`, 'v');
      let writes = 0;
      const recorder = new Recorder(store.watch('/r/', from), () => {
        if (writes++ < 3) void store.create(`/r/live-${writes}`, 'v'); // commits synchronously, mid-replay
      });
      const events = await recorder.take(6);
      assert.deepEqual(revisions(events), range(from + 1, from + 6));
      recorder.unsubscribe();
    });

    it('gives every watch exactly the revisions after its start while writers race subscriptions', async () => {
      const start = await store.currentRevision();
      const recorders: Array<[number, Recorder<WatchEvent>]> = [];
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < 10; i++) {
          await store.create(`/race/${w}-${i}`, 'v');
          if (i % 3 !== 0) continue;
          const from = await store.currentRevision();
          recorders.push([from, new Recorder(store.watch('/race/', from))]);
        }
      });
      await Promise.all(writers);
      const end = start + 40;
      assert.equal(await store.currentRevision(), end);
      for (const [from, recorder] of recorders) {
        assert.deepEqual(revisions(await recorder.take(end - from)), range(from + 1, end));
        assert.equal(recorder.values.length, end - from);
        recorder.unsubscribe();
      }
    });

    it('hands every live watch of a change the same frozen event, kv and prevKv', async () => {
      const from = await store.currentRevision();
      const watches = [new Recorder(store.watch('/s/', from)), new Recorder(store.watch('/s/', from)), new Recorder(store.watch('/', from))];
      const v1 = await store.create('/s/k', 'v1');
      const v2 = await store.update('/s/k', 'v2');
      const [[added, modified], ...others] = await Promise.all(watches.map((recorder) => recorder.take(2)));
      for (const events of others) {
        assert.equal(events[0], added);
        assert.equal(events[1], modified);
      }
      assert.deepEqual([added, modified], [{ type: 'ADDED', kv: v1 }, { type: 'MODIFIED', kv: v2, prevKv: v1 }]);
      for (const frozen of [added, added.kv, modified, modified.kv, modified.prevKv]) assert.ok(Object.isFrozen(frozen));
      assert.throws(() => ((modified.kv as { value: string }).value = 'changed'), TypeError);
      watches.forEach((recorder) => recorder.unsubscribe());
    });

    it('releases its live subscription on unsubscribe', async () => {
      const rows = (store as unknown as { state: { poller: { rows: Subject<unknown> } } }).state.poller.rows;
      const before = rows.observers.length;
      const recorder = new Recorder(store.watch('/u/', 0));
      assert.equal(rows.observers.length, before + 1);
      recorder.unsubscribe();
      assert.equal(rows.observers.length, before);
    });
  });
}

describe(`${SqliteStore.name} watch across connections`, () => {
  it('skips rows it replayed before its poller saw them, then delivers the next by polling', async (t) => {
    const { store, path, dispose } = await openTempStore({ pollIntervalMs: 20 });
    const other = new SqliteStore({ path, compaction: { intervalMs: 0 } });
    await other.open();
    t.after(async () => {
      await other.close();
      await dispose();
    });
    const from = await store.currentRevision();
    for (let i = 0; i < 3; i++) await other.create(`/o/${i}`, 'v');
    const recorder = new Recorder(store.watch('/o/', from));
    assert.deepEqual(revisions(recorder.values), range(from + 1, from + 3)); // replayed synchronously
    const fourth = await other.create('/o/3', 'v');
    assert.deepEqual(revisions(await recorder.take(4)), range(from + 1, fourth.modRevision));
    assert.equal(recorder.values.length, 4);
    recorder.unsubscribe();
  });
});

describe(`${SqliteStore.name} watch behind another connection's compaction`, () => {
  it('errors live watches with CompactedError, as etcd does, and serves new ones', async (t) => {
    const { store, path, dispose } = await openTempStore({ pollIntervalMs: 20 });
    const other = new SqliteStore({ path, compaction: { intervalMs: 0 } });
    await other.open();
    t.after(async () => {
      await other.close();
      await dispose();
    });
    const from = await store.currentRevision();
    const recorder = new Recorder(store.watch('/gone/', from));
    await other.create('/gone/k', 'v'); // created and deleted before `store` polls:
    const deleted = await other.delete('/gone/k');
    await other.compact(deleted.modRevision); // the DELETED event is lost to `store`
    const error = await recorder.failure();
    assert.ok(error instanceof CompactedError);
    assert.equal(error.compacted, deleted.modRevision);
    const fresh = new Recorder(store.watch('/gone/', deleted.modRevision));
    const created = await other.create('/gone/k', 'again');
    assert.deepEqual(await fresh.take(1), [{ type: 'ADDED', kv: created }]);
    fresh.unsubscribe();
  });
});

describe(`${SqliteStore.name} watch lifecycle`, () => {
  it('completes watches on close and errors new ones', async (t) => {
    const { store, dispose } = await openTempStore();
    t.after(dispose);
    const recorder = new Recorder(store.watch('/', 0));
    await store.close();
    assert.equal(recorder.completed, true);
    const late = new Recorder(store.watch('/', 0));
    assert.equal((await late.failure() as Error).name, 'StoreClosedError');
  });
});
