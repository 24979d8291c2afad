import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { SqliteStore } from './sqlite-store.js';
import { IncrementTally, incrementConcurrently } from './testing/counter.js';
import { forkWorker, Worker } from './testing/fork-worker.js';
import { Recorder } from './testing/recorder.js';
import { tempDir } from './testing/temp-store.js';

/** Rejects if `promise` takes longer than `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  const abort = new AbortController();
  const timeout = delay(ms, undefined, { signal: abort.signal }).then(() => {
    throw new Error(`${what} took longer than ${ms} ms`);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    abort.abort();
    timeout.catch(() => undefined);
  }
}

function killed(worker: Worker): Promise<number | null> {
  worker.child.kill('SIGKILL');
  return worker.exited;
}

describe(`${SqliteStore.name} shared by processes`, () => {
  it('loses no update when child processes and the parent increment one key at once', async (t) => {
    const temp = tempDir();
    const path = join(temp.dir, 'new', 'shared.db');
    const workers = [0, 1].map(() => forkWorker(['increment', path, '/counter', '2', '25']));
    const store = new SqliteStore({ path, pollIntervalMs: 20, compaction: { intervalMs: 0 } });
    t.after(async () => {
      await Promise.all(workers.map(killed));
      await store.close();
      temp.remove();
    });
    await store.open();
    assert.deepEqual(await Promise.all(workers.map((w) => w.next())), ['ready', 'ready']);
    workers.forEach((w) => w.child.send('go'));
    const [mine, ...theirs] = await Promise.all([
      incrementConcurrently(store, '/counter', 4, 10),
      ...workers.map((w) => w.next<IncrementTally>()),
    ]);
    const acknowledged = [mine!, ...theirs].reduce((sum, tally) => sum + tally.acknowledged, 0);
    assert.equal(acknowledged, 140);
    assert.equal((await store.get('/counter'))?.value, '140');
    assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0]);
  });

  it("delivers another process's write to a watch by polling", async (t) => {
    const temp = tempDir();
    const path = join(temp.dir, 'watched.db');
    const store = new SqliteStore({ path, pollIntervalMs: 20, compaction: { intervalMs: 0 } });
    await store.open();
    const worker = forkWorker(['write', path, '/w/key', 'from-child']);
    t.after(async () => {
      await killed(worker);
      await store.close();
      temp.remove();
    });
    const recorder = new Recorder(store.watch('/w/', await store.currentRevision()));
    assert.equal(await worker.next(), 'ready');
    worker.child.send('go');
    const { revision } = await worker.next<{ revision: number }>();
    const [event] = await within(2000, recorder.take(1), 'the watch event');
    assert.deepEqual(event, { type: 'ADDED', kv: { key: '/w/key', value: 'from-child', createRevision: revision, modRevision: revision } });
    recorder.unsubscribe();
  });

  it('keeps a write acknowledged by a process killed with SIGKILL right after', async (t) => {
    const temp = tempDir();
    const path = join(temp.dir, 'durable.db');
    t.after(() => temp.remove());
    const worker = forkWorker(['write', path, '/d/key', 'acknowledged']);
    assert.equal(await worker.next(), 'ready');
    worker.child.send('go');
    const { revision } = await worker.next<{ revision: number }>();
    await killed(worker);
    assert.equal(worker.child.signalCode, 'SIGKILL');
    const store = new SqliteStore({ path, compaction: { intervalMs: 0 } });
    await store.open();
    t.after(() => store.close());
    assert.deepEqual(await store.get('/d/key'), { key: '/d/key', value: 'acknowledged', createRevision: revision, modRevision: revision });
    assert.equal(await store.currentRevision(), revision);
  });
});
