import { describe, it, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Subject, throwError } from 'rxjs';
import { ExpiredError } from '@app/api-machinery';
import { ResourceWatchEvent } from '@app/resources';
import { SessionEndReason } from '../stream/client-session.js';
import { application } from '../testing/fake-change-feed.js';
import { StreamClient } from '../testing/http-harness.js';
import { metricValue } from '../testing/test-metrics.js';
import { watchFixture } from '../testing/watch-fixture.js';
import { WatchModuleOptions } from '../watch-module-options.interface.js';
import { KubeWatchOptions } from './kube-watch.options.js';
import { KubeWatchResponder } from './kube-watch-responder.js';

const KIND = { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1' };
const added = (name: string, resourceVersion: string): ResourceWatchEvent => {
  const object = application('default', name);
  return { type: 'ADDED', object: { ...object, metadata: { ...object.metadata, resourceVersion } } };
};
const lines = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as ResourceWatchEvent);

/** A fixture whose server answers every request with `events$` framed as a watch. */
async function kubeFixture(events$: Subject<ResourceWatchEvent> | ReturnType<typeof throwError>, options: Partial<KubeWatchOptions> = {}, moduleOptions: WatchModuleOptions = {}) {
  const fixture = await watchFixture(moduleOptions);
  const responder = new KubeWatchResponder(fixture.hub, moduleOptions, fixture.metrics.sent, fixture.metrics.dropped);
  let served!: (session: { done: Promise<SessionEndReason> }) => void;
  const session = new Promise<{ done: Promise<SessionEndReason> }>((resolve) => (served = resolve));
  fixture.handle((_req, res) => served({ done: responder.serve(res, events$ as Subject<ResourceWatchEvent>, { ...KIND, keepaliveIntervalMs: 0, ...options }) }));
  return { ...fixture, done: () => session.then(({ done }) => done) };
}

describe(KubeWatchResponder.name, () => {
  afterEach(() => mock.timers.reset());

  it('flushes 200 and the watch headers before any event, then writes one JSON line per event', async () => {
    const events$ = new Subject<ResourceWatchEvent>();
    const fixture = await kubeFixture(events$);
    const client = await StreamClient.open(fixture.url);
    assert.equal(client.response.statusCode, 200);
    assert.equal(client.response.headers['content-type'], 'application/json');
    assert.equal(client.response.headers['transfer-encoding'], 'chunked');
    assert.equal(client.response.headers['cache-control'], 'no-cache, private');
    assert.equal(client.text, '');
    events$.next(added('a', '5'));
    events$.next({ type: 'DELETED', object: added('a', '6').object });
    const text = await client.until((t) => t.split('\n').length > 2);
    assert.match(text, /^\{"type":"ADDED","object":\{.*\}\}\n\{"type":"DELETED","object":\{.*\}\}\n$/);
    assert.deepEqual(lines(text).map((e) => [e.type, e.object.metadata?.resourceVersion]), [['ADDED', '5'], ['DELETED', '6']]);
    assert.equal(await metricValue(fixture.metrics.sent, 'k8s'), 2);
    assert.equal(fixture.hub.clientCount('k8s'), 1);
    client.destroy();
    assert.equal(await fixture.done(), 'closed');
    assert.equal(events$.observed, false);
    assert.equal(fixture.hub.clientCount('k8s'), 0);
    await fixture.close();
  });

  it('applies transform to object events only', async () => {
    const events$ = new Subject<ResourceWatchEvent>();
    const transform = (event: ResourceWatchEvent): ResourceWatchEvent => ({ type: event.type, object: { kind: 'Table', apiVersion: 'meta.k8s.io/v1', rows: [{ cells: [event.object.metadata?.resourceVersion] }] } });
    const fixture = await kubeFixture(events$, { transform, allowWatchBookmarks: true });
    const client = await StreamClient.open(fixture.url);
    events$.next(added('a', '7'));
    events$.next({ type: 'BOOKMARK', object: { ...KIND, metadata: { resourceVersion: '8' } } });
    const events = lines(await client.until((t) => t.split('\n').length > 2));
    assert.deepEqual(events[0], { type: 'ADDED', object: { kind: 'Table', apiVersion: 'meta.k8s.io/v1', rows: [{ cells: ['7'] }] } });
    assert.deepEqual(events[1], { type: 'BOOKMARK', object: { ...KIND, metadata: { resourceVersion: '8' } } });
    client.destroy();
    assert.equal(await fixture.done(), 'closed');
    await fixture.close();
  });

  it('sends BOOKMARKs only when allowWatchBookmarks: periodic ones carry currentResourceVersion, and never go backwards', async () => {
    mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
    const without = new Subject<ResourceWatchEvent>();
    const plain = await kubeFixture(without, { bookmarkIntervalMs: 1_000, timeoutSeconds: 5 });
    const plainClient = await StreamClient.open(plain.url);
    without.next(added('a', '3'));
    without.next({ type: 'BOOKMARK', object: { ...KIND, metadata: { resourceVersion: '4' } } });
    await plainClient.until((t) => t.includes('"ADDED"'));
    mock.timers.tick(5_000);
    assert.equal(await plain.done(), 'timeout');
    const plainText = await plainClient.closed();
    assert.deepEqual(lines(plainText).map((e) => e.type), ['ADDED']);
    await plain.close();

    let current = '10';
    const withBookmarks = new Subject<ResourceWatchEvent>();
    const fixture = await kubeFixture(withBookmarks, { bookmarkIntervalMs: 1_000, allowWatchBookmarks: true, currentResourceVersion: () => current });
    const client = await StreamClient.open(fixture.url);
    mock.timers.tick(1_000);
    withBookmarks.next(added('b', '12'));
    current = '11';
    mock.timers.tick(1_000);
    const events = lines(await client.until((t) => t.split('\n').length > 3));
    assert.deepEqual(events.map((e) => [e.type, e.object.metadata?.resourceVersion]), [['BOOKMARK', '10'], ['ADDED', '12'], ['BOOKMARK', '12']]);
    assert.deepEqual(events[0].object, { ...KIND, metadata: { resourceVersion: '10' } });
    client.destroy();
    await fixture.done();
    await fixture.close();
  });

  it('ends the response cleanly after timeoutSeconds, with a last bookmark when allowed', async () => {
    mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
    const events$ = new Subject<ResourceWatchEvent>();
    const fixture = await kubeFixture(events$, { timeoutSeconds: 30, allowWatchBookmarks: true });
    const client = await StreamClient.open(fixture.url);
    events$.next(added('a', '21'));
    await client.until((t) => t.includes('"ADDED"'));
    mock.timers.tick(29_999);
    assert.equal(client.ended, false);
    mock.timers.tick(1);
    assert.equal(await fixture.done(), 'timeout');
    const text = await client.closed();
    assert.equal(client.response.complete, true);
    assert.deepEqual(lines(text).map((e) => [e.type, e.object.metadata?.resourceVersion]), [['ADDED', '21'], ['BOOKMARK', '21']]);
    assert.equal(events$.observed, false);
    assert.equal(fixture.hub.clientCount('k8s'), 0);
    await fixture.close();
  });

  it('writes a 410 Expired from the source as an ERROR line carrying the Status, then ends', async () => {
    const failing = throwError(() => new ExpiredError('too old resource version: 1 (5)'));
    const fixture = await kubeFixture(failing);
    const client = await StreamClient.open(fixture.url);
    const text = await client.closed();
    assert.equal(await fixture.done(), 'error');
    assert.equal(client.response.complete, true);
    assert.deepEqual(lines(text), [{
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (5)', reason: 'Expired', code: 410 },
    }]);
    await fixture.close();
  });

  it('sends blank-line keepalives between events', async () => {
    mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
    const events$ = new Subject<ResourceWatchEvent>();
    const fixture = await kubeFixture(events$, { keepaliveIntervalMs: 30_000 });
    const client = await StreamClient.open(fixture.url);
    mock.timers.tick(60_000);
    events$.next(added('a', '2'));
    const text = await client.until((t) => t.includes('ADDED'));
    assert.match(text, /^\n\n\{"type":"ADDED"/);
    client.destroy();
    assert.equal(await fixture.done(), 'closed');
    await fixture.close();
  });

  it('never subscribes when the client disconnected before the watch was served', async () => {
    const fixture = await watchFixture();
    const responder = new KubeWatchResponder(fixture.hub, {}, fixture.metrics.sent, fixture.metrics.dropped);
    const events$ = new Subject<ResourceWatchEvent>();
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    const served = new Promise<SessionEndReason>((resolve) =>
      fixture.handle((_req, res) => {
        res.once('close', () => resolve(responder.serve(res, events$, { ...KIND })));
        arrived();
      }),
    );
    const request = http.get(fixture.url, { agent: false });
    request.on('error', () => undefined);
    await requestArrived;
    request.destroy();
    assert.equal(await served, 'closed');
    assert.equal(events$.observed, false);
    assert.equal(fixture.hub.clientCount('k8s'), 0);
    await fixture.close();
  });

  it('drops a client that stops reading: socket destroyed, subscription released, counted', async () => {
    const events$ = new Subject<ResourceWatchEvent>();
    const fixture = await kubeFixture(events$, { maxBufferedBytes: 256 * 1024 });
    const client = await StreamClient.open(fixture.url);
    client.pause();
    const big = { ...added('big', '1'), object: { ...added('big', '1').object, data: 'x'.repeat(64 * 1024) } };
    let outcome: SessionEndReason | undefined;
    void fixture.done().then((reason) => (outcome = reason));
    for (let i = 0; i < 1_000 && outcome === undefined; i++) {
      events$.next(big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(outcome, 'dropped');
    assert.equal(events$.observed, false);
    assert.equal(fixture.hub.clientCount('k8s'), 0);
    assert.equal(await metricValue(fixture.metrics.dropped, 'k8s'), 1);
    client.response.resume();
    await client.closed();
    assert.equal(client.response.complete, false);
    await fixture.close();
  });
});
