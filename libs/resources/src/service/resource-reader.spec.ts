import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, KubeObject, NotFoundError } from '@app/api-machinery';
import { ListQuery } from '../client/resource-client.js';
import { app, openResourceHarness, ResourceHarness } from '../testing/resource-harness.js';
import { RequestScope } from './request-scope.js';
import { ResourceReader } from './resource-reader.js';

describe(ResourceReader.name, () => {
  let h: ResourceHarness;
  let v1beta1: (namespace?: string) => RequestScope;
  before(async () => {
    h = await openResourceHarness();
    v1beta1 = (namespace) => h.resources.scope({ group: 'cloudnative.elide.dev', version: 'v1beta1', resource: 'applications' }, namespace);
    for (const [name, tier] of [['a', 'web'], ['b', 'db'], ['c', 'web'], ['d', 'db']]) {
      await h.resources.create(h.apps('read'), app(name, { labels: { tier } }));
    }
    await h.resources.create(h.apps('other'), app('e'));
  });
  after(() => h.close());

  /** getJson answers exactly what serialising get's object answers, served twice (the second from the cache). */
  async function assertSameGet(scope: RequestScope, name: string): Promise<string> {
    for (let i = 0; i < 2; i++) assert.equal(await h.resources.getJson(scope, name), JSON.stringify(await h.resources.get(scope, name)));
    return h.resources.getJson(scope, name);
  }

  async function assertSameList(scope: RequestScope, query?: ListQuery): Promise<string> {
    for (let i = 0; i < 2; i++) assert.equal(await h.resources.listJson(scope, query), JSON.stringify(await h.resources.list(scope, query)));
    return h.resources.listJson(scope, query);
  }

  it('getJson is byte for byte the JSON of get, in the requested version', async () => {
    const json = await assertSameGet(h.apps('read'), 'a');
    assert.equal((JSON.parse(json) as KubeObject).apiVersion, 'cloudnative.elide.dev/v1');
    const converted = JSON.parse(await assertSameGet(v1beta1('read'), 'a')) as { apiVersion: string; spec: Record<string, unknown> };
    assert.equal(converted.apiVersion, 'cloudnative.elide.dev/v1beta1');
    assert.deepEqual(Object.keys(converted.spec).sort(), Object.keys((await h.resources.get(v1beta1('read'), 'a')).spec as object).sort());
    await assert.rejects(h.resources.getJson(h.apps('read'), 'missing'), NotFoundError);
  });

  it('listJson is byte for byte the JSON of list, with selectors, pages, revisions and all namespaces', async () => {
    const all = JSON.parse(await assertSameList(h.apps('read'))) as { items: KubeObject[] };
    assert.deepEqual(all.items.map((item) => item.metadata?.name), ['a', 'b', 'c', 'd']);
    const web = JSON.parse(await assertSameList(h.apps('read'), { labelSelector: 'tier=web' })) as { items: KubeObject[] };
    assert.deepEqual(web.items.map((item) => item.metadata?.name), ['a', 'c']);
    await assertSameList(h.apps('read'), { fieldSelector: 'metadata.name=b' });
    await assertSameList(v1beta1('read'), { labelSelector: 'tier=db' });
    const page = JSON.parse(await assertSameList(h.apps('read'), { limit: 1, labelSelector: 'tier=db' })) as { metadata: { continue: string } };
    await assertSameList(h.apps('read'), { limit: 1, labelSelector: 'tier=db', continue: page.metadata.continue });
    const first = JSON.parse(await assertSameList(h.apps('read'), { limit: 3 })) as { metadata: { continue: string; remainingItemCount: number } };
    assert.equal(first.metadata.remainingItemCount, 1);
    await assertSameList(h.apps('read'), { limit: 3, continue: first.metadata.continue });
    await assertSameList(h.apps(undefined as unknown as string));
    await assertSameList(h.apps('empty'));
    await assert.rejects(h.resources.listJson(h.apps('read'), { limit: -1 }), BadRequestError);
  });

  it('serves each stored version of an object: an update, a delete and a re-create show at once', async () => {
    await h.resources.create(h.apps('life'), app('x'));
    const created = JSON.parse(await assertSameGet(h.apps('life'), 'x')) as KubeObject;
    const listed = await assertSameList(h.apps('life'));
    await h.resources.patch(h.apps('life'), 'x', 'merge', { spec: { replicas: 4 } });
    const updated = JSON.parse(await assertSameGet(h.apps('life'), 'x')) as { metadata: { resourceVersion: string }; spec: { replicas: number } };
    assert.equal(updated.spec.replicas, 4);
    assert.notEqual(updated.metadata.resourceVersion, created.metadata?.resourceVersion);
    assert.notEqual(await assertSameList(h.apps('life')), listed);
    const old = JSON.parse(await assertSameList(h.apps('life'), { resourceVersion: created.metadata!.resourceVersion! })) as { items: Array<{ spec: { replicas: number } }> };
    assert.equal(old.items[0]?.spec.replicas, 1, 'a list at an older revision has the older version');
    await h.resources.delete(h.apps('life'), 'x');
    await assert.rejects(h.resources.getJson(h.apps('life'), 'x'), NotFoundError);
    assert.deepEqual((JSON.parse(await assertSameList(h.apps('life'))) as { items: unknown[] }).items, []);
    await h.resources.create(h.apps('life'), app('x'));
    const recreated = JSON.parse(await assertSameGet(h.apps('life'), 'x')) as KubeObject;
    assert.notEqual(recreated.metadata?.uid, created.metadata?.uid);
  });

  it('shares no mutable state: changing what get or list returned changes nothing for the next reader', async () => {
    const json = await assertSameGet(h.apps('read'), 'b');
    const listJson = await assertSameList(h.apps('read'));
    const object = await h.resources.get(h.apps('read'), 'b');
    object.metadata!.labels!.tier = 'changed';
    (object.spec as { replicas: number }).replicas = 99;
    const list = await h.resources.list(h.apps('read'));
    list.items.forEach((item) => (item.metadata!.name = 'changed'));
    list.items.length = 0;
    (JSON.parse(json) as KubeObject).metadata!.name = 'changed';
    assert.equal(await h.resources.getJson(h.apps('read'), 'b'), json);
    assert.equal(await h.resources.listJson(h.apps('read')), listJson);
    assert.equal(JSON.stringify(await h.resources.get(h.apps('read'), 'b')), json);
    assert.equal(JSON.stringify(await h.resources.list(h.apps('read'))), listJson);
  });
});
