import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Observable, Subscription } from 'rxjs';
import { ExpiredError, KubeObject } from '@app/api-machinery';
import { ResourceDefinition } from '@app/crd';
import { ResourceWatchEvent, WatchQuery } from '../client/resource-client.js';
import { app, openResourceHarness, ResourceHarness } from '../testing/resource-harness.js';
import { RequestScope } from './request-scope.js';
import { ResourceWatcher } from './resource-watcher.js';

/** Collects a watch's events; `take(n)` resolves once n have arrived. */
class Events {
  readonly values: ResourceWatchEvent[] = [];
  error?: unknown;
  private wake?: () => void;
  private readonly subscription: Subscription;

  constructor(source: Observable<ResourceWatchEvent>) {
    this.subscription = source.subscribe({
      next: (event) => {
        this.values.push(event);
        this.wake?.();
      },
      error: (error: unknown) => {
        this.error = error;
        this.wake?.();
      },
    });
  }

  async take(count: number): Promise<ResourceWatchEvent[]> {
    while (this.values.length < count && this.error === undefined) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.values.length < count) throw this.error;
    return this.values.slice(0, count);
  }

  async failure(): Promise<unknown> {
    while (this.error === undefined) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.error;
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

const summary = (events: ResourceWatchEvent[]) => events.map((e) => `${e.type} ${(e.object as KubeObject).metadata?.name} ${(e.object as KubeObject).metadata?.resourceVersion}`);

describe(ResourceWatcher.name, () => {
  let h: ResourceHarness;
  let conversions: Array<{ input: KubeObject; version: string }>;
  /** The Application definition with a convert that records its calls (one definition object for every scope). */
  let counted: ResourceDefinition;
  const scope = (version: 'v1' | 'v1beta1', namespace = 'watch'): RequestScope => {
    const base = h.resources.scope({ group: 'cloudnative.elide.dev', version, resource: 'applications' }, namespace);
    return { ...base, definition: counted };
  };
  const watch = (s: RequestScope, query: WatchQuery) => new Events(h.resources.watch(s, query));

  before(async () => {
    h = await openResourceHarness();
    const definition = h.apps('watch').definition;
    conversions = [];
    counted = { ...definition, convert: (input, version) => (conversions.push({ input, version }), definition.convert(input, version)) };
  });
  after(() => h.close());

  it('decodes a change once and converts it once per requested version, however many watch it', async () => {
    const resourceVersion = String(await h.store.currentRevision());
    const v1 = [0, 1, 2].map(() => watch(scope('v1'), { resourceVersion }));
    const beta = [0, 1].map(() => watch(scope('v1beta1'), { resourceVersion }));
    conversions.length = 0;
    const created = (await h.resources.create(h.apps('watch'), app('shared'))).object;
    await h.resources.delete(h.apps('watch'), 'shared');
    const [first, ...others] = await Promise.all(v1.map((events) => events.take(2)));
    const [betaFirst, betaSecond] = await Promise.all(beta.map((events) => events.take(2)));
    assert.deepEqual(conversions.map((c) => c.version), ['v1', 'v1beta1', 'v1', 'v1beta1']);
    assert.equal(conversions[0].input, conversions[1].input, 'both versions convert the one decoded object');
    for (const events of others) events.forEach((event, i) => assert.equal(event, first[i]));
    betaSecond.forEach((event, i) => assert.equal(event, betaFirst[i]));
    assert.deepEqual(summary(first), [`ADDED shared ${created.metadata?.resourceVersion}`, `DELETED shared ${Number(created.metadata?.resourceVersion) + 1}`]);
    assert.deepEqual(first[0].object, created);
    const converted = betaFirst[0].object as KubeObject;
    assert.equal(converted.apiVersion, 'cloudnative.elide.dev/v1beta1');
    const { replicas, ...rest } = created.spec as Record<string, unknown>;
    assert.deepEqual(converted.spec, { ...rest, replicaCount: replicas });
    [...v1, ...beta].forEach((events) => events.stop());
  });

  it('hands out deeply frozen events and objects: a consumer changing one throws instead of corrupting the others', async () => {
    const events = watch(scope('v1'), { resourceVersion: String(await h.store.currentRevision()) });
    await h.resources.create(h.apps('watch'), app('frozen', { labels: { tier: 'web' } }));
    const [event] = await events.take(1);
    const object = event.object as KubeObject;
    for (const part of [event, object, object.metadata, object.metadata?.labels, object.spec]) assert.ok(Object.isFrozen(part));
    assert.throws(() => ((object.metadata as Record<string, unknown>).name = 'other'), TypeError);
    assert.throws(() => ((object.spec as Record<string, unknown>).replicas = 5), TypeError);
    events.stop();
  });

  it('keeps selector semantics per watch: objects entering or leaving the selection are ADDED or DELETED', async () => {
    const resourceVersion = String(await h.store.currentRevision());
    const all = watch(scope('v1', 'select'), { resourceVersion });
    const web = watch(scope('v1', 'select'), { resourceVersion, labelSelector: 'tier=web' });
    const named = watch(scope('v1beta1', 'select'), { resourceVersion, fieldSelector: 'metadata.name=b' });
    await h.resources.create(h.apps('select'), app('a', { labels: { tier: 'db' } }));
    await h.resources.create(h.apps('select'), app('b', { labels: { tier: 'db' } }));
    await h.resources.patch(h.apps('select'), 'a', 'merge', { metadata: { labels: { tier: 'web' } } });
    await h.resources.patch(h.apps('select'), 'a', 'merge', { spec: { replicas: 2 } });
    await h.resources.patch(h.apps('select'), 'a', 'merge', { metadata: { labels: { tier: 'db' } } });
    await h.resources.delete(h.apps('select'), 'b');
    const types = (events: ResourceWatchEvent[]) => events.map((e) => `${e.type} ${(e.object as KubeObject).metadata?.name}`);
    assert.deepEqual(types(await all.take(6)), ['ADDED a', 'ADDED b', 'MODIFIED a', 'MODIFIED a', 'MODIFIED a', 'DELETED b']);
    assert.deepEqual(types(await web.take(3)), ['ADDED a', 'MODIFIED a', 'DELETED a']);
    assert.deepEqual(types(await named.take(2)), ['ADDED b', 'DELETED b']);
    assert.equal(web.values[2].object, all.values[4].object, 'a watch leaving the selection sees the shared object');
    [all, web, named].forEach((events) => events.stop());
  });

  it('replays from a resourceVersion then follows live changes, and answers 410 below the compacted revision', async () => {
    const from = await h.store.currentRevision();
    const rv = (result: { object: KubeObject }) => result.object.metadata?.resourceVersion;
    const r1 = rv(await h.resources.create(h.apps('replay'), app('r1')));
    const r2 = rv(await h.resources.create(h.apps('replay'), app('r2')));
    const events = watch(scope('v1', 'replay'), { resourceVersion: String(from) });
    const r3 = rv(await h.resources.create(h.apps('replay'), app('r3')));
    assert.deepEqual(summary(await events.take(3)), [`ADDED r1 ${r1}`, `ADDED r2 ${r2}`, `ADDED r3 ${r3}`]);
    assert.equal(events.values.length, 3);
    events.stop();
    await h.store.compact(Number(r2));
    const expired = watch(scope('v1', 'replay'), { resourceVersion: String(from) });
    assert.ok((await expired.failure()) instanceof ExpiredError);
  });
});
