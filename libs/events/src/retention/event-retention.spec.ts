import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { application, eventsFixture } from '../testing/events-fixture.js';
import { rfc3339Seconds } from '../recorder/event-clock.js';
import { EventRetention } from './event-retention.js';

const MINUTE = 60_000;
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Stores one Event per name directly (not through the recorder), a minute apart, oldest first. */
async function seed(f: ReturnType<typeof eventsFixture>, names: string[]) {
  for (const name of names) {
    const at = rfc3339Seconds(f.clock.now());
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.1`, namespace: 'default' }, involvedObject: { kind: 'Application', name }, count: 1, firstTimestamp: at, lastTimestamp: at };
    await f.client.create('default', event as never);
    f.clock.advance(MINUTE);
  }
}
const names = (f: ReturnType<typeof eventsFixture>) => f.stored().map((e) => e.involvedObject.name).sort();

describe(EventRetention.name, () => {
  before(() => Logger.overrideLogger(false));
  after(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('deletes events whose lastTimestamp is older than the TTL', async () => {
    const f = eventsFixture({ ttlSeconds: 600, maxEvents: 0 });
    await seed(f, ['a', 'b', 'c', 'd']);
    f.clock.advance(7 * MINUTE); // a at -11m, b -10m, c -9m, d -8m
    const result = await f.retention.sweep();
    assert.deepEqual(result, { leader: true, expired: 1, evicted: 0, remaining: 3 });
    assert.deepEqual(names(f), ['b', 'c', 'd']);
  });

  it('keeps an old event that was bumped recently', async () => {
    const f = eventsFixture({ ttlSeconds: 600, maxEvents: 0 });
    f.recorder.record({ regarding: application('a'), type: 'Normal', reason: 'Synced', message: 'a' });
    f.clock.advance(20 * MINUTE);
    f.recorder.record({ regarding: application('a'), type: 'Normal', reason: 'Synced', message: 'a' });
    await f.recorder.flush();
    assert.equal((await f.retention.sweep()).expired, 0);
    assert.equal(f.stored()[0].count, 2);
  });

  it('deletes the oldest beyond maxEvents', async () => {
    const f = eventsFixture({ ttlSeconds: 0, maxEvents: 3 });
    await seed(f, ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(await f.retention.sweep(), { leader: true, expired: 0, evicted: 2, remaining: 3 });
    assert.deepEqual(names(f), ['c', 'd', 'e']);
  });

  it('breaks timestamp ties by resourceVersion', async () => {
    const f = eventsFixture({ ttlSeconds: 0, maxEvents: 2 });
    for (const name of ['a', 'b', 'c']) {
      const event = { metadata: { name, namespace: 'default' }, involvedObject: { name }, lastTimestamp: '2026-01-01T00:00:00Z' };
      await f.client.create('default', event as never);
    }
    await f.retention.sweep();
    assert.deepEqual(names(f), ['b', 'c']);
  });

  it('does nothing on a follower', async () => {
    const f = eventsFixture({ ttlSeconds: 1, maxEvents: 1 });
    await seed(f, ['a', 'b']);
    f.leadership.leader = false;
    assert.deepEqual(await f.retention.sweep(), { leader: false, expired: 0, evicted: 0, remaining: 0 });
    assert.equal(f.stored().length, 2);
  });

  it('never deletes an event changed since the list (delete is preconditioned)', async () => {
    const f = eventsFixture({ ttlSeconds: 60, maxEvents: 0 });
    await seed(f, ['a']);
    f.clock.advance(10 * MINUTE);
    f.client.beforeWrite = (verb, object) => {
      if (verb === 'delete') f.client.objects.set(`default/${object.metadata?.name}`, { ...object, metadata: { ...object.metadata, resourceVersion: '99' } } as never);
    };
    assert.equal((await f.retention.sweep()).expired, 0);
    assert.equal(f.stored().length, 1);
  });

  it('sweeps when this process has created more than maxEvents', async () => {
    const f = eventsFixture({ ttlSeconds: 0, maxEvents: 3 });
    for (const name of ['a', 'b', 'c', 'd']) f.recorder.record({ regarding: application(name), type: 'Normal', reason: 'Synced', message: name });
    await f.recorder.flush();
    await settle();
    await f.retention.sweep(); // joins the triggered sweep if still running
    assert.deepEqual(names(f), ['b', 'c', 'd']);
  });

  it('holds the cap through a burst far above it, without a sweep per write', async () => {
    const f = eventsFixture({ ttlSeconds: 0, maxEvents: 100 });
    let peak = 0;
    let lists = 0;
    const list = f.client.list.bind(f.client);
    f.client.list = (namespace) => {
      lists += 1;
      return list(namespace);
    };
    f.client.beforeWrite = (verb) => {
      if (verb === 'create') peak = Math.max(peak, f.stored().length + 1);
    };
    for (let i = 0; i < 1000; i++) f.recorder.record({ regarding: application(`burst-${i}`), type: 'Normal', reason: 'Synced', message: `n${i}` });
    await f.recorder.flush();
    await f.retention.sweep();
    assert.ok(peak <= 100, `at most maxEvents stored at any time, saw ${peak}`);
    assert.ok(f.stored().length <= 100 && f.stored().length >= 90, `${f.stored().length} left`);
    assert.ok(lists <= 1000 / 5, `${lists} sweeps for 1000 writes`);
    assert.ok(names(f).includes('burst-999'), 'the newest are kept');
  });

  it('runs every sweepIntervalMs once registered, and stops at shutdown', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const f = eventsFixture({ ttlSeconds: 60, maxEvents: 0, sweepIntervalMs: MINUTE });
    f.retention.onModuleInit();
    await seed(f, ['a']);
    f.clock.advance(2 * MINUTE);
    mock.timers.tick(MINUTE);
    for (let i = 0; i < 5 && f.stored().length > 0; i++) await settle();
    assert.equal(f.stored().length, 0);
    f.retention.beforeApplicationShutdown();
    assert.deepEqual(f.scheduler.getIntervals(), []);
    mock.timers.reset();
  });
});
