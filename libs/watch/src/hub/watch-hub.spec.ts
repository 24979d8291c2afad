import { describe, it, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { ResourceChange } from '@app/resources';
import { APPLICATIONS, application, FakeChangeFeed, LEASES } from '../testing/fake-change-feed.js';
import { metricValue, watchMetrics } from '../testing/test-metrics.js';
import { WatchHub } from './watch-hub.js';

function startHub(options = {}) {
  const feed = new FakeChangeFeed();
  const metrics = watchMetrics();
  const hub = new WatchHub(feed, options, metrics.clients);
  hub.onModuleInit();
  return { feed, hub, metrics };
}

const names = (changes: ResourceChange[]) => changes.map((change) => `${change.revision}:${change.object.metadata?.name}`);

describe(WatchHub.name, () => {
  afterEach(() => mock.timers.reset());

  it('subscribes to the live change feed once and shares it among consumers', async () => {
    const { feed, hub } = startHub();
    const first = firstValueFrom(hub.changes$.pipe(take(2), toArray()));
    const second = firstValueFrom(hub.stream().pipe(take(2), toArray()));
    feed.emit('ADDED', APPLICATIONS, application('default', 'a'));
    feed.emit('MODIFIED', APPLICATIONS, application('default', 'a'));
    assert.deepEqual(names(await first), ['1:a', '2:a']);
    assert.deepEqual(names(await second), ['1:a', '2:a']);
    assert.equal(feed.liveSubscriptions, 1);
    hub.onModuleDestroy();
  });

  it('serves a resumed stream from the feed: replay after the revision, then live, filtered', async () => {
    const { feed, hub } = startHub();
    feed.emit('ADDED', APPLICATIONS, application('default', 'a'));
    feed.emit('ADDED', LEASES, { kind: 'Lease', metadata: { name: 'leader', namespace: 'default' } });
    feed.emit('ADDED', APPLICATIONS, application('default', 'b'));
    const resumed = firstValueFrom(
      hub.stream({ fromRevision: 1, filter: (change) => change.resource === APPLICATIONS }).pipe(take(2), toArray()),
    );
    feed.emit('ADDED', APPLICATIONS, application('default', 'c'));
    assert.deepEqual(names(await resumed), ['3:b', '4:c']);
    hub.onModuleDestroy();
  });

  it('counts tracked subscriptions per client kind, into the watch_clients gauge, until released', async () => {
    const { hub, metrics } = startHub();
    const seen: number[] = [];
    hub.clients$.subscribe((counts) => seen.push(counts.sse));
    const a = hub.stream().pipe(hub.track('sse')).subscribe();
    const b = hub.stream().pipe(hub.track('sse')).subscribe();
    const k = hub.stream().pipe(hub.track('k8s')).subscribe();
    assert.equal(hub.clientCount('sse'), 2);
    assert.equal(await metricValue(metrics.clients, 'sse'), 2);
    assert.equal(await metricValue(metrics.clients, 'k8s'), 1);
    a.unsubscribe();
    b.unsubscribe();
    k.unsubscribe();
    assert.equal(hub.clientCount('sse'), 0);
    assert.equal(hub.clientCount('k8s'), 0);
    assert.equal(await metricValue(metrics.clients, 'sse'), 0);
    assert.deepEqual(seen, [0, 1, 2, 2, 1, 0, 0]);
    hub.onModuleDestroy();
  });

  it('completes live consumers and resumed streams on module destroy', async () => {
    const { feed, hub } = startHub();
    feed.emit('ADDED', APPLICATIONS, application('default', 'a'));
    const live = lastValueFrom(hub.changes$.pipe(toArray()));
    const resumed = lastValueFrom(hub.stream({ fromRevision: 0 + 1 }).pipe(toArray()));
    hub.onModuleDestroy();
    assert.deepEqual(await live, []);
    assert.deepEqual(await resumed, []);
  });

  it('fails current consumers when the live feed fails, then re-subscribes for later ones', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { feed, hub } = startHub({ hubReconnectDelayMs: 500 });
    const failed = firstValueFrom(hub.changes$).then(
      () => 'next',
      (error: Error) => error.message,
    );
    feed.fail(new Error('database is closed'));
    assert.equal(await failed, 'database is closed');
    const feed2Changes = firstValueFrom(hub.changes$);
    mock.timers.tick(500);
    assert.equal(feed.liveSubscriptions, 2);
    hub.onModuleDestroy();
    await assert.rejects(feed2Changes, /no elements/);
  });
});
