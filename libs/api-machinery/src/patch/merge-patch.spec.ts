import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deepEqual } from '../util/deep-equal.js';
import { applyMergePatch } from './merge-patch.js';

/** RFC 7386 appendix A. */
const RFC_7386_EXAMPLES: [original: unknown, patch: unknown, result: unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe(applyMergePatch.name, () => {
  RFC_7386_EXAMPLES.forEach(([original, patch, result], i) => {
    it(`RFC 7386 example ${i + 1}: ${JSON.stringify(original)} + ${JSON.stringify(patch)}`, () => {
      assert.deepEqual(applyMergePatch(original, patch), result);
    });
  });

  it('does not mutate or alias its inputs', () => {
    const target = { spec: { replicas: 1, tags: ['a'] }, metadata: { labels: { x: 'y' } } };
    const patch = { spec: { replicas: 2, image: { name: 'n' } }, metadata: { labels: null } };
    const before = structuredClone({ target, patch });
    const result = applyMergePatch<typeof target & { spec: { image: { name: string } } }>(target, patch);
    assert.deepEqual(result, { spec: { replicas: 2, tags: ['a'], image: { name: 'n' } }, metadata: {} });
    result.spec.tags.push('b');
    result.spec.image.name = 'changed';
    assert.deepEqual({ target, patch }, before);
  });

  it('is idempotent: applying a patch twice equals applying it once', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (target, patch) => {
        const once = applyMergePatch(target, patch);
        assert.ok(deepEqual(applyMergePatch(once, patch), once));
      }),
      { numRuns: 300 },
    );
  });
});
