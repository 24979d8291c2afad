import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scheduleFlush } from './flush-scheduler.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe(scheduleFlush.name, () => {
  it('flushes every target scheduled in one turn, once each, in order, after the turn', async () => {
    const flushed: string[] = [];
    const target = (name: string) => ({ flush: () => flushed.push(name) });
    scheduleFlush(target('a'));
    scheduleFlush(target('b'));
    assert.deepEqual(flushed, []);
    await nextTurn();
    assert.deepEqual(flushed, ['a', 'b']);
    scheduleFlush(target('c'));
    await nextTurn();
    assert.deepEqual(flushed, ['a', 'b', 'c']);
  });

  it('still flushes the targets after one that throws, on the next turn', async () => {
    const flushed: string[] = [];
    const failures: unknown[] = [];
    const onUncaught = (error: unknown) => failures.push(error);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      scheduleFlush({ flush: () => flushed.push('first') });
      scheduleFlush({ flush: () => { throw new Error('broken target'); } });
      scheduleFlush({ flush: () => flushed.push('last') });
      await nextTurn();
      await nextTurn();
    } finally {
      process.off('uncaughtException', onUncaught);
      listeners.forEach((listener) => process.on('uncaughtException', listener));
    }
    assert.deepEqual(flushed, ['first', 'last']);
    assert.deepEqual(failures.map((error) => (error as Error).message), ['broken target']);
  });
});
