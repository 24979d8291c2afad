import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceWatchEvent } from '@app/resources';
import { encodeWatchEvent, watchEventKey } from '../kube/watch-event-encoding.js';
import { changeMessage } from '../sse/sse-session.js';
import { sseMessage } from '../sse/sse-format.js';
import { APPLICATIONS, application } from '../testing/fake-change-feed.js';
import { EncodingCache } from './encoding-cache.js';

describe(EncodingCache.name, () => {
  it('encodes once per key and returns the same text to every later caller', () => {
    const cache = new EncodingCache();
    let encodings = 0;
    const encode = () => `text ${++encodings}`;
    assert.equal(cache.get('a', encode), 'text 1');
    assert.equal(cache.get('a', encode), 'text 1');
    assert.equal(cache.get('b', encode), 'text 2');
    assert.equal(encodings, 2);
  });

  it('evicts the oldest entries past maxChars (keys count) and never caches a text larger than the budget', () => {
    const cache = new EncodingCache(30);
    cache.get('k1', () => 'x'.repeat(10));
    cache.get('k2', () => 'y'.repeat(10));
    assert.equal(cache.heldChars, 24);
    cache.get('k3', () => 'z'.repeat(10));
    assert.equal(cache.size, 2);
    assert.equal(cache.heldChars, 24);
    assert.equal(cache.get('k1', () => 'again'), 'again');
    assert.equal(cache.get('big', () => 'w'.repeat(31)), 'w'.repeat(31));
    assert.equal(cache.get('big', () => 'fresh'), 'fresh');
  });
});

describe('shared change encodings', () => {
  const object = { ...application('default', 'a'), metadata: { ...application('default', 'a').metadata, resourceVersion: '7' } };

  it('changeMessage is byte for byte the SSE message of the change, encoded once for every session', () => {
    const cache = new EncodingCache();
    const change = { type: 'MODIFIED' as const, resource: APPLICATIONS, revision: 7, object };
    const expected = sseMessage({ id: 7, event: 'MODIFIED', data: { type: 'MODIFIED', kind: 'Application', object } });
    assert.equal(changeMessage(cache, change), expected);
    assert.equal(changeMessage(cache, { ...change, object: structuredClone(object) }), expected);
    assert.equal(cache.size, 1);
    assert.notEqual(changeMessage(cache, { ...change, type: 'DELETED' }), expected);
  });

  it('watchEventKey names an object event by type, apiVersion, uid and resourceVersion; bookmarks, errors and objects without uid have none', () => {
    const event: ResourceWatchEvent = { type: 'ADDED', object };
    const key = watchEventKey(event);
    assert.ok(key);
    assert.equal(watchEventKey({ type: 'ADDED', object: structuredClone(object) }), key);
    assert.notEqual(watchEventKey({ type: 'MODIFIED', object }), key);
    assert.notEqual(watchEventKey({ type: 'ADDED', object: { ...object, apiVersion: 'cloudnative.elide.dev/v1beta1' } }), key);
    assert.notEqual(watchEventKey({ type: 'ADDED', object: { ...object, metadata: { ...object.metadata, resourceVersion: '8' } } }), key);
    assert.equal(watchEventKey({ type: 'BOOKMARK', object }), undefined);
    assert.equal(watchEventKey({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {} } }), undefined);
    assert.equal(watchEventKey({ type: 'ADDED', object: { ...object, metadata: { name: 'a', resourceVersion: '7' } } }), undefined);
    assert.equal(new EncodingCache().get(key, () => encodeWatchEvent(event)), `${JSON.stringify({ type: 'ADDED', object })}\n`);
  });
});
