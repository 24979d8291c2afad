import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { ResourceDefinition } from '@app/crd';
import { KeyValue } from '@app/storage';
import { openResourceHarness, ResourceHarness } from '../testing/resource-harness.js';
import { deepFreeze, WatchObjects } from './watch-objects.js';

const stored = (value: object, modRevision: number): KeyValue => ({ key: '/registry/cloudnative.elide.dev/applications/ns/a', value: JSON.stringify(value), createRevision: 1, modRevision });
const body = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'a', namespace: 'ns', uid: 'u1' }, spec: { image: 'nginx', replicas: 2 } };

describe(WatchObjects.name, () => {
  let h: ResourceHarness;
  let definition: ResourceDefinition;
  before(async () => {
    h = await openResourceHarness();
    definition = h.apps('ns').definition;
  });
  after(() => h.close());

  it('shares one frozen view per frozen KeyValue and version, with one event object per type', () => {
    const objects = new WatchObjects();
    const kv = Object.freeze(stored(body, 7));
    const view = objects.view(kv, definition, 'v1');
    assert.equal(objects.view(kv, definition, 'v1'), view);
    assert.deepEqual(view.object, { ...body, metadata: { ...body.metadata, resourceVersion: '7' } });
    assert.ok(Object.isFrozen(view.object) && Object.isFrozen(view.object.metadata) && Object.isFrozen(view.object.spec));
    assert.equal(view.event('MODIFIED'), view.event('MODIFIED'));
    assert.deepEqual(view.event('DELETED'), { type: 'DELETED', object: view.object });
    const beta = objects.view(kv, definition, 'v1beta1');
    assert.notEqual(beta, view);
    assert.deepEqual(beta.object.spec, { image: 'nginx', replicaCount: 2 });
    assert.ok(Object.isFrozen(beta.object.spec));
  });

  it('keys on the KeyValue object: an equal but distinct KeyValue, or another definition, is decoded again', () => {
    const objects = new WatchObjects();
    const view = objects.view(Object.freeze(stored(body, 7)), definition, 'v1');
    assert.notEqual(objects.view(Object.freeze(stored(body, 7)), definition, 'v1'), view);
    const kv = Object.freeze(stored(body, 8));
    const other: ResourceDefinition = { ...definition };
    assert.notEqual(objects.view(kv, other, 'v1'), objects.view(kv, definition, 'v1'));
  });

  it('decodes a KeyValue that is not frozen for each call, unshared and unfrozen, as a plain decode', () => {
    const objects = new WatchObjects();
    const kv = stored(body, 9);
    const [a, b] = [objects.view(kv, definition, 'v1'), objects.view(kv, definition, 'v1')];
    assert.notEqual(a.object, b.object);
    assert.ok(!Object.isFrozen(a.object));
    assert.notEqual(a.event('ADDED'), a.event('ADDED'));
    (a.object.metadata as Record<string, unknown>).name = 'changed';
    assert.equal(b.object.metadata?.name, 'a');
  });

  it('throws what decoding throws, and caches nothing for it', () => {
    const objects = new WatchObjects();
    const kv = Object.freeze({ ...stored(body, 10), value: '{not json' });
    assert.throws(() => objects.view(kv, definition, 'v1'), SyntaxError);
    assert.throws(() => objects.view(kv, definition, 'v1'), SyntaxError);
  });
});

describe(deepFreeze.name, () => {
  it('freezes nested objects and arrays and leaves primitives alone', () => {
    const value = deepFreeze({ a: { b: [1, { c: 'x' }] }, d: null, e: 2 } as KubeObject);
    const nested = (value as unknown as { a: { b: [number, { c: string }] } }).a;
    assert.ok(Object.isFrozen(value) && Object.isFrozen(nested) && Object.isFrozen(nested.b) && Object.isFrozen(nested.b[1]));
    assert.equal(deepFreeze(3), 3);
    assert.equal(deepFreeze(null), null);
  });
});
