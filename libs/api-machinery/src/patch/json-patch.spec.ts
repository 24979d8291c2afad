import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, RequestEntityTooLargeError } from '../errors/status-error.js';
import { applyJsonPatch } from './json-patch.js';
import { JsonPatchApplyError } from './patch-errors.js';

/** RFC 6902 appendix A, one entry per example that has an outcome. */
const RFC_6902_EXAMPLES: [name: string, document: unknown, patch: unknown[], expected: unknown][] = [
  ['A.1 adding an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
  ['A.2 adding an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
  ['A.3 removing an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  ['A.4 removing an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
  ['A.5 replacing a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
  [
    'A.6 moving a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  ['A.7 moving an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
  [
    'A.8 testing a value: success',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  ['A.10 adding a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
  ['A.11 ignoring unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
  ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
  ['A.16 adding an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
];

const RFC_6902_FAILURES: [name: string, document: unknown, patch: unknown[]][] = [
  ['A.9 testing a value: error', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]],
  ['A.12 adding to a nonexistent target', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]],
  ['A.15 comparing strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]],
];

describe(applyJsonPatch.name, () => {
  for (const [name, document, patch, expected] of RFC_6902_EXAMPLES) {
    it(`RFC 6902 ${name}`, () => assert.deepEqual(applyJsonPatch(document, patch), expected));
  }
  for (const [name, document, patch] of RFC_6902_FAILURES) {
    it(`RFC 6902 ${name} is a 422`, () => assertNotApplicable(() => applyJsonPatch(document, patch)));
  }

  const applied: [name: string, document: unknown, patch: unknown[], expected: unknown][] = [
    ['replaces the whole document at ""', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], [1]],
    ['adds the whole document at ""', { a: 1 }, [{ op: 'add', path: '', value: { b: 2 } }], { b: 2 }],
    ['tests the whole document at ""', { a: 1 }, [{ op: 'test', path: '', value: { a: 1 } }], { a: 1 }],
    ['adds null values', { a: 1 }, [{ op: 'add', path: '/b', value: null }], { a: 1, b: null }],
    ['appends at the array length', { a: [1] }, [{ op: 'add', path: '/a/1', value: 2 }], { a: [1, 2] }],
    ['copies a value', { a: { b: [1] } }, [{ op: 'copy', from: '/a/b', path: '/c' }], { a: { b: [1] }, c: [1] }],
    ['moves a value onto itself', { a: 1 }, [{ op: 'move', from: '/a', path: '/a' }], { a: 1 }],
    ['replaces an array element', { a: [1, 2] }, [{ op: 'replace', path: '/a/0', value: 9 }], { a: [9, 2] }],
    ['handles / and ~ in keys', { 'a/b': { 'c~d': 1 } }, [{ op: 'replace', path: '/a~1b/c~0d', value: 2 }], { 'a/b': { 'c~d': 2 } }],
    ['applies operations in order', { a: 1 }, [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/a' }, { op: 'test', path: '/b', value: 2 }], { b: 2 }],
    ['treats an empty patch as a no-op', { a: 1 }, [], { a: 1 }],
  ];
  for (const [name, document, patch, expected] of applied) {
    it(name, () => assert.deepEqual(applyJsonPatch(document, patch), expected));
  }

  const notApplicable: [name: string, document: unknown, patch: unknown[], detail: RegExp][] = [
    ['removing a missing key', { a: 1 }, [{ op: 'remove', path: '/b' }], /Unable to remove nonexistent key: b/],
    ['replacing a missing key', { a: 1 }, [{ op: 'replace', path: '/b', value: 2 }], /doc is missing key: \/b/],
    ['adding past the array end', { a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }], /invalid index: 5/],
    ['removing past the array end', { a: [1] }, [{ op: 'remove', path: '/a/1' }], /invalid index: 1/],
    ['removing "-"', { a: [1] }, [{ op: 'remove', path: '/a/-' }], /invalid index: -/],
    ['an index with a leading zero', { a: [1, 2] }, [{ op: 'replace', path: '/a/01', value: 3 }], /invalid index: 01/],
    ['a negative index', { a: [1, 2] }, [{ op: 'remove', path: '/a/-1' }], /invalid index: -1/],
    ['moving into its own child', { a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }], /ancestor/],
    ['testing a missing path', { a: 1 }, [{ op: 'test', path: '/b', value: 1 }], /missing path/],
    ['copying a missing path', { a: 1 }, [{ op: 'copy', from: '/b', path: '/c' }], /missing path/],
    ['removing the root', { a: 1 }, [{ op: 'remove', path: '' }], /missing path/],
    ['walking through a scalar', { a: 1 }, [{ op: 'add', path: '/a/b', value: 1 }], /missing path/],
  ];
  for (const [name, document, patch, detail] of notApplicable) {
    it(`answers 422 for ${name}`, () => {
      assertNotApplicable(() => applyJsonPatch(document, patch), detail);
    });
  }

  const malformed: [name: string, patch: unknown, message: string][] = [
    ['an object', { op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['null', null, 'json: cannot unmarshal null into Go value of type jsonpatch.Patch'],
    ['a non-object operation', ['add'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
    ['an unknown op', [{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
    ['a missing op', [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['a missing path', [{ op: 'remove' }], 'remove operation, missing path field'],
    ['a missing value', [{ op: 'add', path: '/a' }], 'add operation, missing value field'],
    ['a missing from', [{ op: 'move', path: '/a' }], 'move operation, missing from field'],
    ['a pointer without a leading slash', [{ op: 'remove', path: 'a' }], 'remove operation, invalid JSON pointer in path: "a"'],
    ['a bad ~ escape', [{ op: 'remove', path: '/a~2' }], 'remove operation, invalid JSON pointer in path: "/a~2"'],
  ];
  for (const [name, patch, message] of malformed) {
    it(`answers 400 for ${name}`, () => {
      assert.throws(() => applyJsonPatch({ a: 1 }, patch), (error: unknown) => error instanceof BadRequestError && error.message === message);
    });
  }

  it('answers 413 above 10000 operations, as kube-apiserver', () => {
    const patch = Array.from({ length: 10001 }, () => ({ op: 'test', path: '', value: {} }));
    assert.throws(
      () => applyJsonPatch({}, patch),
      (error: unknown) =>
        error instanceof RequestEntityTooLargeError && error.message === 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    );
  });

  it('never mutates the document or the patch, even when a later operation fails', () => {
    const document = deepFreeze({ a: { b: [1, 2] }, c: 'd' });
    const patch = deepFreeze([
      { op: 'add', path: '/a/b/-', value: { e: 1 } },
      { op: 'remove', path: '/c' },
    ]);
    const result = applyJsonPatch(document, patch) as { a: { b: unknown[] } };
    assert.deepEqual(result, { a: { b: [1, 2, { e: 1 }] } });
    (result.a.b[2] as { e: number }).e = 5;
    assert.deepEqual(patch[0].value, { e: 1 });
    assertNotApplicable(() => applyJsonPatch(document, [{ op: 'remove', path: '/c' }, { op: 'remove', path: '/nope' }]));
    assert.deepEqual(document, { a: { b: [1, 2] }, c: 'd' });
  });

  it('stores "__proto__" as a plain member', () => {
    const result = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.equal(JSON.stringify(result), '{"__proto__":{"polluted":true}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

function assertNotApplicable(fn: () => unknown, detail?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof JsonPatchApplyError, String(error));
    assert.equal(error.code, 422);
    assert.equal(error.reason, 'Invalid');
    assert.equal(error.message, 'the server rejected our request due to an error in our request');
    if (detail) assert.match(error.detail, detail);
    return true;
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
