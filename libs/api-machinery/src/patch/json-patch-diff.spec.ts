import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deepClone } from '../util/deep-clone.js';
import { deepEqual } from '../util/deep-equal.js';
import { applyJsonPatch } from './json-patch.js';
import { createJsonPatch } from './json-patch-diff.js';

describe(createJsonPatch.name, () => {
  const cases: [name: string, before: unknown, after: unknown, patch: unknown[]][] = [
    ['nothing for equal values', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
    ['a replace for a changed scalar', { a: 1 }, { a: 2 }, [{ op: 'replace', path: '/a', value: 2 }]],
    [
      'escaped paths for added and removed keys',
      { 'a/b': 1, same: true },
      { same: true, 'm~n': 2 },
      [
        { op: 'remove', path: '/a~1b' },
        { op: 'add', path: '/m~0n', value: 2 },
      ],
    ],
    [
      'element diffs and tail removals for a shorter array',
      { a: [1, 2, 3] },
      { a: [1, 5] },
      [
        { op: 'replace', path: '/a/1', value: 5 },
        { op: 'remove', path: '/a/2' },
      ],
    ],
    [
      'appends for a longer array',
      [1],
      [1, 2, 3],
      [
        { op: 'add', path: '/1', value: 2 },
        { op: 'add', path: '/2', value: 3 },
      ],
    ],
    ['a root replace when the type changes', { a: 1 }, [1], [{ op: 'replace', path: '', value: [1] }]],
    ['nested member diffs', { spec: { replicas: 1, image: 'a' } }, { spec: { replicas: 3, image: 'a' } }, [{ op: 'replace', path: '/spec/replicas', value: 3 }]],
  ];
  for (const [name, before, after, patch] of cases) {
    it(`produces ${name}`, () => {
      assert.deepEqual(createJsonPatch(before, after), patch);
      assert.deepEqual(applyJsonPatch(before, patch), after);
    });
  }

  it('produces a patch that turns before into exactly after (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (before, after) => {
        const original = deepClone(before);
        const patch = createJsonPatch(before, after);
        assert.ok(deepEqual(applyJsonPatch(before, patch), after));
        assert.ok(deepEqual(before, original));
      }),
      { numRuns: 500 },
    );
  });

  it('diffs related documents with small patches (property)', () => {
    const edit = fc.record({ key: fc.string({ maxLength: 4 }), value: fc.jsonValue({ maxDepth: 2 }) });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), edit, (before, { key, value }) => {
        const after = { ...deepClone(before) };
        Object.defineProperty(after, key, { value, enumerable: true, writable: true, configurable: true });
        const patch = createJsonPatch(before, after);
        assert.ok(patch.every((operation) => operation.path.startsWith(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)));
        assert.ok(deepEqual(applyJsonPatch(before, patch), after));
      }),
      { numRuns: 300 },
    );
  });

  it('is empty exactly when the documents are equal (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        assert.equal(createJsonPatch(a, b).length === 0, deepEqual(a, b));
        assert.deepEqual(createJsonPatch(a, deepClone(a)), []);
      }),
      { numRuns: 300 },
    );
  });
});
