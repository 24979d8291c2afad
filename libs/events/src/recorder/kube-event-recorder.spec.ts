import { after, before, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { InternalError } from '@app/api-machinery';
import { application, counterValue, eventsFixture } from '../testing/events-fixture.js';
import { SEVERITY_ANNOTATION } from './core-event.js';
import { KubeEventRecorder } from './kube-event-recorder.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));
const totalCount = (events: Array<{ count: number }>) => events.reduce((sum, e) => sum + e.count, 0);

describe(KubeEventRecorder.name, () => {
  before(() => Logger.overrideLogger(false));
  after(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('writes a core/v1 Event with every field, in the object namespace', async () => {
    const f = eventsFixture({ component: 'application-operator' });
    f.recorder.record({ regarding: application('web', 'shop'), type: 'Warning', reason: 'ReconcileError', message: 'image pull failed', severity: 'Critical' });
    await f.recorder.flush();
    const [event] = f.stored();
    assert.match(event.metadata.name, /^web\.[0-9a-f]+$/);
    assert.equal(event.metadata.namespace, 'shop');
    assert.equal(event.metadata.resourceVersion, '1');
    assert.equal(event.metadata.annotations?.[SEVERITY_ANNOTATION], 'Critical');
    assert.deepEqual(event.involvedObject, { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'web', namespace: 'shop', uid: 'uid-shop-web', resourceVersion: '42' });
    const { reason, message, type, count, firstTimestamp, lastTimestamp, eventTime, reportingComponent, reportingInstance } = event;
    assert.deepEqual(
      { reason, message, type, count, firstTimestamp, lastTimestamp, eventTime, reportingComponent, reportingInstance },
      { reason: 'ReconcileError', message: 'image pull failed', type: 'Warning', count: 1, firstTimestamp: '2026-01-01T12:00:00Z', lastTimestamp: '2026-01-01T12:00:00Z', eventTime: null, reportingComponent: 'application-operator', reportingInstance: 'operator-0' },
    );
    assert.equal(event.source.component, 'application-operator');
    assert.equal(typeof event.source.host, 'string');
    assert.equal(await counterValue(f.metrics.eventTotal, { type: 'Warning', severity: 'Critical' }), 1);
  });

  it('defaults severity from type', async () => {
    const f = eventsFixture();
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'Created', message: 'a' });
    f.recorder.record({ regarding: application(), type: 'Warning', reason: 'Failed', message: 'b' });
    await f.recorder.flush();
    assert.deepEqual(f.stored().map((e) => e.metadata.annotations?.[SEVERITY_ANNOTATION]).sort(), ['Info', 'Warning']);
    assert.equal(await counterValue(f.metrics.eventTotal, { type: 'Normal', severity: 'Info' }), 1);
  });

  it('deduplicates repeats onto one stored Event, with count and lastTimestamp bumped', async () => {
    const f = eventsFixture();
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'Scaled', message: 'to 3' });
    await f.recorder.flush();
    for (let i = 0; i < 4; i++) {
      f.clock.advance(30_000);
      f.recorder.record({ regarding: application(), type: 'Normal', reason: 'Scaled', message: 'to 3' });
      await f.recorder.flush();
    }
    const events = f.stored();
    assert.equal(events.length, 1);
    assert.equal(events[0].count, 5);
    assert.equal(events[0].firstTimestamp, '2026-01-01T12:00:00Z');
    assert.equal(events[0].lastTimestamp, '2026-01-01T12:02:00Z');
    assert.deepEqual(f.client.writes.map((w) => w.verb), ['create', 'update', 'update', 'update', 'update']);
    assert.equal(await counterValue(f.metrics.aggregated, { reason: 'dedup' }), 4);
  });

  it('coalesces a burst on one Event into few writes with the final count', async () => {
    const f = eventsFixture();
    for (let i = 0; i < 20; i++) f.recorder.record({ regarding: application(), type: 'Normal', reason: 'Synced', message: 'ok' });
    await f.recorder.flush();
    assert.equal(f.stored()[0].count, 20);
    assert.ok(f.client.writes.length <= 2, `expected at most 2 writes, got ${f.client.writes.length}`);
  });

  it('combines more than 10 similar events within 10 minutes into one event', async () => {
    const f = eventsFixture();
    for (let i = 1; i <= 15; i++) {
      f.recorder.record({ regarding: application(), type: 'Warning', reason: 'BackOff', message: `attempt ${i}` });
      f.clock.advance(10_000);
    }
    await f.recorder.flush();
    const combined = f.stored().filter((e) => e.message.startsWith('(combined from similar events): '));
    assert.equal(combined.length, 1);
    assert.equal(combined[0].message, '(combined from similar events): attempt 15');
    assert.equal(combined[0].count, 6);
    assert.equal(f.stored().length, 10);
    assert.equal(totalCount(f.stored()), 15);
    assert.equal(await counterValue(f.metrics.aggregated, { reason: 'aggregate' }), 6);
  });

  it('folds rate-limited events instead of dropping them, counts them, writes them on flush', async () => {
    const f = eventsFixture();
    for (let i = 0; i < 40; i++) f.recorder.record({ regarding: application(), type: 'Normal', reason: `Step${i}`, message: `step ${i}` });
    assert.equal(f.recorder.pending > 0, true);
    await f.recorder.flush();
    assert.equal(await counterValue(f.metrics.aggregated, { reason: 'rate_limited' }), 15);
    assert.equal(totalCount(f.stored()), 40);
    assert.equal(f.stored().filter((e) => e.message.startsWith('(combined from similar events): ')).length, 15);
    assert.equal(await counterValue(f.metrics.eventTotal), 40);
  });

  it('writes rate-limited folds on the periodic drain, not at once', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const f = eventsFixture({ correlator: { spamBurst: 1 }, sweepIntervalMs: 60_000 });
    f.recorder.onModuleInit();
    const record = () => f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    record();
    await f.recorder.flush();
    record();
    record();
    await settle();
    assert.equal(f.stored()[0].count, 1, 'deferred: not written before a drain');
    assert.equal(f.recorder.pending, 1);
    mock.timers.tick(60_000);
    await settle();
    assert.equal(f.stored()[0].count, 3);
    await f.recorder.beforeApplicationShutdown();
    assert.equal(f.scheduler.getIntervals().length, 0);
    mock.timers.reset();
  });

  it('bounds its caches: an evicted event starts a new Event object', async () => {
    const f = eventsFixture({ correlator: { cacheSize: 2 } });
    const record = (name: string) => f.recorder.record({ regarding: application(name), type: 'Normal', reason: 'Synced', message: 'ok' });
    record('a');
    record('b');
    record('c');
    record('a');
    await f.recorder.flush();
    const byObject = f.stored().map((e) => `${e.involvedObject.name}:${e.count}`).sort();
    assert.deepEqual(byObject, ['a:1', 'a:1', 'b:1', 'c:1']);
  });

  it('never throws and never loses count when the client rejects writes', async () => {
    const f = eventsFixture({ writeAttempts: 2 });
    f.client.beforeWrite = () => {
      throw new InternalError('etcdserver: request timed out');
    };
    assert.doesNotThrow(() => f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' }));
    assert.doesNotThrow(() => f.recorder.record({ regarding: {} as never, type: 'Normal', reason: 'A', message: 'a' }));
    assert.doesNotThrow(() => f.recorder.record({ regarding: application(), type: 'Error' as never, reason: 'A', message: 'a' }));
    await f.recorder.flush();
    assert.equal(f.stored().length, 0);
    assert.equal(await counterValue(f.metrics.writeFailures), 3);
    f.client.beforeWrite = undefined;
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    await f.recorder.flush();
    assert.equal(f.stored()[0].count, 2);
  });

  it('retries a failed write and succeeds', async () => {
    const f = eventsFixture({ writeAttempts: 3 });
    let failures = 2;
    f.client.beforeWrite = () => {
      if (failures-- > 0) throw new InternalError('transient');
    };
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    await f.recorder.flush();
    assert.equal(f.stored().length, 1);
    assert.equal(await counterValue(f.metrics.writeFailures), 0);
  });

  it('on Conflict refetches the resourceVersion and writes its count', async () => {
    const f = eventsFixture();
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    await f.recorder.flush();
    const [stored] = f.stored();
    await f.client.update('default', { ...stored, message: 'edited by someone' });
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    await f.recorder.flush();
    assert.deepEqual([f.stored()[0].count, f.stored()[0].message, f.stored()[0].metadata.resourceVersion], [2, 'a', '3']);
  });

  it('recreates an Event deleted behind its back, keeping name and count', async () => {
    const f = eventsFixture();
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    await f.recorder.flush();
    const name = f.stored()[0].metadata.name;
    await f.client.delete('default', name);
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'a' });
    await f.recorder.flush();
    assert.deepEqual(f.stored().map((e) => [e.metadata.name, e.count]), [[name, 2]]);
  });

  it('renames when another writer took the name', async () => {
    const f = eventsFixture();
    let taken = true;
    f.client.beforeWrite = (verb, object) => {
      if (verb === 'create' && taken) {
        taken = false;
        void f.client.create('default', { ...object, message: 'theirs' } as never);
      }
    };
    f.recorder.record({ regarding: application(), type: 'Normal', reason: 'A', message: 'ours' });
    await f.recorder.flush();
    assert.deepEqual(f.stored().map((e) => e.message).sort(), ['ours', 'theirs']);
  });
});
