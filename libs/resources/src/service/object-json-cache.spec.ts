import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceDefinition } from '@app/crd';
import { KeyValue } from '@app/storage';
import { ObjectJsonCache } from './object-json-cache.js';

const definition = { kind: 'Application' } as ResourceDefinition;
const kv = (key: string, modRevision: number, value = `{"v":${modRevision}}`): KeyValue => ({ key, value, createRevision: 1, modRevision });

describe(ObjectJsonCache.name, () => {
  it('serves the JSON of exactly one stored version of a key, per requested version', () => {
    const cache = new ObjectJsonCache();
    assert.equal(cache.get(definition, 'v1', kv('/a', 2)), undefined);
    cache.set(definition, 'v1', kv('/a', 2), 'json-2');
    assert.equal(cache.get(definition, 'v1', kv('/a', 2)), 'json-2');
    assert.equal(cache.get(definition, 'v1beta1', kv('/a', 2)), undefined, 'another version');
    assert.equal(cache.get(definition, 'v1', kv('/b', 2)), undefined, 'another key');
  });

  it('misses once the key is updated, re-created or its resource re-registered', () => {
    const cache = new ObjectJsonCache();
    cache.set(definition, 'v1', kv('/a', 2), 'json-2');
    assert.equal(cache.get(definition, 'v1', kv('/a', 3)), undefined, 'a newer revision');
    assert.equal(cache.get(definition, 'v1', kv('/a', 2, '{"other":true}')), undefined, 'other stored text at the same revision');
    assert.equal(cache.get({ ...definition }, 'v1', kv('/a', 2)), undefined, 'a re-registered definition');
    cache.set(definition, 'v1', kv('/a', 3), 'json-3');
    assert.equal(cache.get(definition, 'v1', kv('/a', 2)), undefined, 'the replaced version is gone');
    assert.equal(cache.get(definition, 'v1', kv('/a', 3)), 'json-3');
    assert.equal(cache.size, 1);
    assert.equal(cache.heldChars, '{"v":3}'.length + 'json-3'.length);
  });

  it('keeps the text it holds within its budget, evicting the oldest entries not read since', () => {
    const entryChars = '{"v":1}'.length + 'json'.length;
    const cache = new ObjectJsonCache(entryChars * 3);
    for (const key of ['/a', '/b', '/c']) cache.set(definition, 'v1', kv(key, 1), 'json');
    assert.equal(cache.get(definition, 'v1', kv('/a', 1)), 'json', 'read: gets a second chance');
    cache.set(definition, 'v1', kv('/d', 1), 'json');
    assert.equal(cache.size, 3);
    assert.ok(cache.heldChars <= entryChars * 3);
    assert.equal(cache.get(definition, 'v1', kv('/b', 1)), undefined, 'the oldest unread entry went');
    for (const key of ['/a', '/c', '/d']) assert.equal(cache.get(definition, 'v1', kv(key, 1)), 'json', key);
  });

  it('does not hold an object larger than its whole budget', () => {
    const cache = new ObjectJsonCache(10);
    cache.set(definition, 'v1', kv('/big', 1), 'x'.repeat(20));
    assert.equal(cache.get(definition, 'v1', kv('/big', 1)), undefined);
    assert.equal(cache.heldChars, 0);
  });
});
