import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inRange, prefixRange } from './key-range.js';

describe(prefixRange.name, () => {
  it('ends at the prefix with its last character incremented (etcd)', () => {
    assert.deepEqual(prefixRange('/registry/apps/'), { start: '/registry/apps/', end: '/registry/apps0' });
    assert.deepEqual(prefixRange('a\uffff'), { start: 'a\uffff', end: 'b' });
  });

  it('covers exactly the keys that start with the prefix', () => {
    const range = prefixRange('/a/');
    assert.deepEqual(['/a/', '/a/x', '/a/\u007f', '/a', '/a0', '/b/'].map((k) => inRange(range, k)), [true, true, true, false, false, false]);
    assert.ok(['', '/', 'z', '~~~'].every((k) => inRange(prefixRange(''), k)));
  });
});
