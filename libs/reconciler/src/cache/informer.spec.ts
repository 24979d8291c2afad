import { afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InternalError, KubeObject } from '@app/api-machinery';
import { APPLICATION_RESOURCE } from '../application/application.types.js';
import { FakeResourceClient } from '../testing/fake-resource-client.js';
import { settle } from '../testing/settle.js';
import { CacheEvent } from './cache.types.js';
import { Informer } from './informer.js';

const obj = (name: string, spec: Record<string, unknown> = { image: 'nginx:1' }): KubeObject => ({ metadata: { namespace: 'ns', name }, spec });

describe(Informer.name, () => {
  let client: FakeResourceClient;
  let registry: SchedulerRegistry;
  let informer: Informer<KubeObject>;
  let keys: string[];
  let events: CacheEvent[];

  before(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    client = new FakeResourceClient(APPLICATION_RESOURCE);
    registry = new SchedulerRegistry();
    await client.create('ns', obj('a'));
    await client.create('ns', obj('b'));
    informer = new Informer(client, registry, { resyncPeriodMs: 600_000, resyncName: 'resync:test' });
    keys = [];
    events = [];
    informer.keys$.subscribe((key) => keys.push(key));
    informer.events$.subscribe((event) => events.push(event));
  });
  afterEach(async () => {
    await informer.stop();
    mock.timers.reset();
  });

  async function started(): Promise<void> {
    informer.start();
    await informer.waitForSync();
    await settle();
    keys.length = 0;
  }

  it('lists every object, enqueues each, then follows the watch from the list resourceVersion', async () => {
    assert.equal(informer.hasSynced(), false);
    informer.start();
    await informer.waitForSync();
    assert.equal(informer.hasSynced(), true);
    assert.deepEqual(keys.sort(), ['ns/a', 'ns/b']);
    await client.create('ns', obj('c'));
    await client.delete('ns', 'a');
    await settle();
    assert.deepEqual(keys.slice(2), ['ns/c', 'ns/a']);
    assert.deepEqual(informer.list().map((o) => o.metadata?.name).sort(), ['b', 'c']);
    assert.equal(informer.get('ns', 'a'), undefined);
    assert.equal(informer.get('ns', 'c')?.metadata?.resourceVersion, '3');
    assert.equal(client.watchCount, 1);
  });

  it('re-watches from the last resourceVersion when a watch ends, missing nothing', async () => {
    await started();
    await client.update('ns', { ...informer.get('ns', 'a')!, spec: { image: 'nginx:2' } });
    await settle();
    client.endWatches();
    await client.silently(() => client.update('ns', { ...client.stored('ns', 'b')!, spec: { image: 'nginx:3' } }));
    mock.timers.tick(1000);
    await settle();
    assert.equal(client.watchCount, 2);
    assert.deepEqual(keys, ['ns/a', 'ns/b']);
    assert.deepEqual(informer.get('ns', 'b')?.spec, { image: 'nginx:3' });
  });

  it('relists on 410 Expired and enqueues exactly what changed or vanished', async () => {
    await started();
    client.endWatches();
    await client.silently(async () => {
      await client.delete('ns', 'a');
      await client.update('ns', { ...client.stored('ns', 'b')!, spec: { image: 'nginx:2' } });
      await client.create('ns', obj('c'));
    });
    const unchanged = await client.create('ns', obj('d'));
    await client.silently(async () => client.compact());
    mock.timers.tick(1000);
    await settle();
    assert.deepEqual(keys.filter((key) => key !== 'ns/d').sort(), ['ns/a', 'ns/b', 'ns/c']);
    assert.deepEqual(informer.keys().sort(), ['ns/b', 'ns/c', 'ns/d']);
    assert.equal(informer.get('ns', 'd')?.metadata?.resourceVersion, unchanged.object.metadata?.resourceVersion);
    assert.deepEqual(events.filter((event) => event.key === 'ns/a').map((event) => event.type), ['ADDED', 'DELETED']);
  });

  it('relists when the watch delivers an ERROR event with code 410', async () => {
    await started();
    await client.silently(() => client.create('ns', obj('missed')));
    client.emitRaw({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version: 1 (5)' } });
    await settle();
    assert.deepEqual(keys, ['ns/missed']);
    assert.ok(informer.get('ns', 'missed'));
  });

  it('retries other failures with capped exponential backoff and never stops', async () => {
    const errors: string[] = [];
    Logger.overrideLogger({ log() {}, error() {}, warn: (message: string) => errors.push(message), debug() {}, verbose() {} });
    informer = new Informer(client, registry, { resyncPeriodMs: 0, resyncName: 'resync:test', retryBaseMs: 100, retryMaxMs: 400 });
    informer.keys$.subscribe((key) => keys.push(key));
    await started();
    const originalWatch = client.watch.bind(client);
    let opened = 0;
    client.watch = (ns, query) => {
      opened++;
      if (opened <= 4) throw new InternalError('store unavailable');
      return originalWatch(ns, query);
    };
    client.endWatches(new InternalError('connection reset'));
    await settle();
    for (const delay of [100, 200, 400, 400]) {
      assert.equal(opened, errors.length - 1, 'one attempt per failure so far');
      mock.timers.tick(delay);
      await settle();
    }
    assert.equal(errors.length, 5, 'each failure is logged');
    assert.match(errors[1], /watch failed \(attempt 2\), retrying in 200ms: Internal error occurred: store unavailable/);
    assert.match(errors[4], /retrying in 400ms/);
    mock.timers.tick(400);
    await settle();
    assert.equal(opened, 5);
    await client.create('ns', obj('after'));
    await settle();
    assert.deepEqual(keys, ['ns/after'], 'the informer is watching again');
    Logger.overrideLogger(false);
  });

  it('resyncs every cached key on its SchedulerRegistry interval, which stop() removes', async () => {
    mock.timers.reset();
    mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 0 });
    await started();
    assert.deepEqual(registry.getIntervals(), ['resync:test']);
    mock.timers.tick(599_999);
    assert.deepEqual(keys, []);
    mock.timers.tick(1);
    assert.deepEqual(keys.sort(), ['ns/a', 'ns/b']);
    await informer.stop();
    assert.deepEqual(registry.getIntervals(), []);
    mock.timers.tick(600_000);
    assert.equal(keys.length, 2);
  });

  it('resync() enqueues every cached key', async () => {
    await started();
    informer.resync();
    assert.deepEqual(keys.sort(), ['ns/a', 'ns/b']);
  });

  it('assume() keeps the controller’s newer write, and the watch copy of it enqueues nothing', async () => {
    await started();
    await client.silently(() => client.updateStatus('ns', { ...informer.get('ns', 'a')!, status: { phase: 'Running' } }));
    const written = client.stored('ns', 'a')!;
    informer.assume(written);
    assert.deepEqual(informer.get('ns', 'a')?.status, { phase: 'Running' });
    assert.deepEqual(events.at(-1)?.type, 'MODIFIED', 'views (metrics) see it');
    client.emitRaw({ type: 'MODIFIED', object: written });
    await settle();
    assert.deepEqual(keys, [], 'the watch copy carries nothing new');
    informer.assume({ ...obj('a', { image: 'older' }), metadata: { namespace: 'ns', name: 'a', resourceVersion: '1' } });
    assert.deepEqual(informer.get('ns', 'a')?.status, { phase: 'Running' }, 'an older resourceVersion does not replace it');
    await client.delete('ns', 'b');
    await settle();
    informer.assume({ ...obj('b'), metadata: { namespace: 'ns', name: 'b', resourceVersion: '99' } });
    assert.equal(informer.get('ns', 'b'), undefined, 'a deleted object is not resurrected');
    assert.deepEqual(keys, ['ns/b']);
  });
});
