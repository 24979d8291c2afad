import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from './work-queue.js';

describe(WorkQueue.name, () => {
  it('folds a key added three times while queued into one hand-out', async () => {
    const queue = new WorkQueue();
    queue.add('ns/a');
    queue.add('ns/a');
    queue.add('ns/a');
    assert.equal(queue.len(), 1);
    assert.equal(await queue.get(), 'ns/a');
    assert.equal(queue.len(), 0);
    queue.done('ns/a');
    assert.equal(queue.len(), 0);
  });

  it('hands keys out in FIFO order', async () => {
    const queue = new WorkQueue();
    for (const key of ['a', 'b', 'c', 'b']) queue.add(key);
    assert.deepEqual([await queue.get(), await queue.get(), await queue.get()], ['a', 'b', 'c']);
  });

  it('never hands a processing key to a second worker, and re-queues it once after done()', async () => {
    const queue = new WorkQueue();
    queue.add('k');
    const first = await queue.get();
    queue.add('k');
    queue.add('k');
    assert.equal(queue.len(), 0, 'a processing key is not queued again');
    assert.equal(queue.stateOf('k'), 'processing');
    let second: string | undefined;
    void queue.get().then((key) => (second = key));
    await Promise.resolve();
    assert.equal(second, undefined, 'the second worker waits');
    queue.done(first!);
    await Promise.resolve();
    assert.equal(second, 'k', 'runs exactly once more');
    queue.done('k');
    assert.equal(queue.len(), 0);
    assert.equal(queue.stateOf('k'), undefined);
  });

  it('wakes a waiting get() when a key arrives', async () => {
    const queue = new WorkQueue();
    const pending = queue.get();
    queue.add('x');
    assert.equal(await pending, 'x');
    assert.equal(queue.stateOf('x'), 'processing');
  });

  it('releases waiters with undefined on shutDown and refuses new keys', async () => {
    const queue = new WorkQueue();
    const pending = queue.get();
    queue.shutDown();
    assert.equal(await pending, undefined);
    queue.add('late');
    assert.equal(queue.len(), 0);
    assert.equal(await queue.get(), undefined);
  });

  it('releases a waiter whose signal aborts, without losing the next key', async () => {
    const queue = new WorkQueue();
    const abort = new AbortController();
    const aborted = queue.get(abort.signal);
    abort.abort();
    assert.equal(await aborted, undefined);
    queue.add('kept');
    assert.equal(queue.len(), 1, 'the key waits for a live worker');
    assert.equal(await queue.get(), 'kept');
  });

  it('shutDownWithDrain waits for keys being processed', async () => {
    const queue = new WorkQueue();
    queue.add('busy');
    await queue.get();
    let drained = false;
    const drain = queue.shutDownWithDrain().then(() => (drained = true));
    await Promise.resolve();
    assert.equal(drained, false);
    queue.done('busy');
    await drain;
    assert.equal(drained, true);
  });

  it('reports adds, depth, queue time and work time to its observer', async () => {
    const seen = { added: 0, depth: [] as number[], started: 0, finished: 0 };
    const queue = new WorkQueue({
      added: () => seen.added++,
      depth: (depth) => seen.depth.push(depth),
      started: () => seen.started++,
      finished: () => seen.finished++,
    });
    queue.add('a');
    queue.add('a');
    queue.add('b');
    const key = await queue.get();
    queue.done(key!);
    assert.deepEqual(seen, { added: 2, depth: [1, 2, 1], started: 1, finished: 1 });
  });
});
