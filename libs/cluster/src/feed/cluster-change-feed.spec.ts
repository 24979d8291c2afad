import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { firstValueFrom, take, toArray } from 'rxjs';
import { FakeClientFactory } from '../testing/fake-clients.js';
import { ClusterChangeFeed } from './cluster-change-feed.js';

describe(ClusterChangeFeed.name, () => {
  it('merges the watches of Applications and Events from the current revision, revision = resourceVersion', async () => {
    const clients = new FakeClientFactory();
    const feed = new ClusterChangeFeed(clients);
    const [applications, events] = ClusterChangeFeed.RESOURCES.map((ref) => clients.client(ref));
    assert.equal(await feed.currentRevision(), 100);
    const changes = firstValueFrom(feed.changes().pipe(take(2), toArray()));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(applications.calls.filter((c) => c.verb === 'watch').map((c) => c.options), [{ resourceVersion: '100', allowWatchBookmarks: true }]);
    applications.emit({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '101' } } });
    applications.put({ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { namespace: 'shop', name: 'web' } });
    events.put({ apiVersion: 'v1', kind: 'Event', metadata: { namespace: 'shop', name: 'web.1' } });
    const [first, second] = await changes;
    assert.deepEqual([first.type, first.resource.resource, first.revision, first.object.metadata?.name], ['ADDED', 'applications', 101, 'web']);
    assert.deepEqual([second.resource.resource, second.revision], ['events', 101]);
  });

  it('resumes after a given revision and reopens a watch the server ends from the last resourceVersion seen', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clients = new FakeClientFactory();
    const feed = new ClusterChangeFeed(clients);
    const applications = clients.client(ClusterChangeFeed.RESOURCES[0]);
    const subscription = feed.changes(42).subscribe();
    await new Promise((resolve) => setImmediate(resolve));
    applications.emit({ type: 'MODIFIED', object: { metadata: { name: 'web', resourceVersion: '57' } } });
    applications.endWatches();
    t.mock.timers.tick(1000);
    const watches = applications.calls.filter((c) => c.verb === 'watch').map((c) => (c.options as { resourceVersion: string }).resourceVersion);
    assert.deepEqual(watches, ['42', '57']);
    subscription.unsubscribe();
  });
});
