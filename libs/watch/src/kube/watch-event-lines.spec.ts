import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { ResourceWatchEvent } from '@app/resources';
import { EncodingCache } from '../stream/encoding-cache.js';
import { application } from '../testing/fake-change-feed.js';
import { encodeWatchEvent } from './watch-event-encoding.js';
import { WatchEventLines } from './watch-event-lines.js';

/** An EncodingCache that counts the encodings it runs. */
function countingCache(): { cache: EncodingCache; encodings: () => number } {
  const cache = new EncodingCache();
  let count = 0;
  const get = cache.get.bind(cache);
  cache.get = (key, encode) => get(key, () => (count++, encode()));
  return { cache, encodings: () => count };
}

const stored = (): KubeObject => ({ ...application('default', 'a'), metadata: { ...application('default', 'a').metadata, resourceVersion: '7' } });
const frozen = (object: KubeObject): KubeObject => Object.freeze({ ...object, metadata: Object.freeze({ ...object.metadata }) });

describe(WatchEventLines.name, () => {
  it('answers a frozen event by identity, with the line its key names, encoded once', () => {
    const { cache, encodings } = countingCache();
    const lines = new WatchEventLines(cache);
    const event: ResourceWatchEvent = Object.freeze({ type: 'ADDED', object: frozen(stored()) });
    const line = lines.line(event);
    assert.equal(line, encodeWatchEvent(event));
    assert.equal(lines.line(event), line);
    assert.equal(lines.line({ type: 'ADDED', object: stored() }), line, 'an equal unfrozen event shares the keyed line');
    assert.equal(encodings(), 1);
    assert.equal(cache.size, 1);
  });

  it('looks an unfrozen event up by its key each time (it may be changed between calls)', () => {
    const { cache, encodings } = countingCache();
    const lines = new WatchEventLines(cache);
    const event: ResourceWatchEvent = { type: 'MODIFIED', object: stored() };
    const first = lines.line(event);
    (event.object as KubeObject).metadata!.resourceVersion = '8';
    const second = lines.line(event);
    assert.notEqual(second, first);
    assert.equal(second, encodeWatchEvent(event));
    assert.equal(encodings(), 2);
  });

  it('encodes events without a key (no uid) per call, frozen or not', () => {
    const { cache, encodings } = countingCache();
    const lines = new WatchEventLines(cache);
    const object = frozen({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', resourceVersion: '3' } });
    const event: ResourceWatchEvent = Object.freeze({ type: 'ADDED', object });
    assert.equal(lines.line(event), encodeWatchEvent(event));
    assert.equal(lines.line(event), encodeWatchEvent(event));
    assert.equal(encodings(), 0);
  });
});
