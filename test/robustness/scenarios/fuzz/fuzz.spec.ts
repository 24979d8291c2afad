import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mutate } from './mutation.js';
import { encodeSegment } from './target.js';
import { damage } from './values.js';

describe('fuzz helpers', () => {
  it('mutate() sets and deletes nested paths on a copy, creating parents', () => {
    const base = { metadata: { name: 'a', labels: { x: '1' } }, spec: 5 };
    const result = mutate(base, [{ path: ['metadata', 'labels', 'y'], op: 'set', value: 2 }, { path: ['metadata', 'name'], op: 'delete' }, { path: ['spec', 'deep'], op: 'set', value: true }]);
    assert.deepEqual(result, { metadata: { labels: { x: '1', y: 2 } }, spec: { deep: true } });
    assert.deepEqual(base, { metadata: { name: 'a', labels: { x: '1' } }, spec: 5 });
  });

  it('mutate() writes __proto__ as an own key (it reaches the server), never the prototype', () => {
    const result = mutate({}, [{ path: ['__proto__'], op: 'set', value: { polluted: 1 } }]) as Record<string, unknown>;
    assert.equal(JSON.stringify(result), '{"__proto__":{"polluted":1}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('encodeSegment() encodes lone surrogates instead of throwing', () => {
    assert.equal(encodeSegment('a/b'), 'a%2Fb');
    assert.equal(encodeSegment('\udfff'), '%ED%BF%BF');
    assert.equal(encodeSegment('😀'), '%F0%9F%98%80');
  });

  it('damage() truncates, inserts and breaks UTF-8', () => {
    assert.equal(damage('{"a":1}', { kind: 'truncate', at: 0.5, text: '' }), '{"a');
    assert.equal(damage('{}', { kind: 'insert', at: 0.5, text: 'x' }), '{x}');
    const bytes = damage('{}', { kind: 'invalid-utf8', at: 0.5 }) as Buffer;
    assert.equal(bytes.toString('utf8').includes('\ufffd'), true);
  });
});
