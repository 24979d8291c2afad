import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deepClone } from './deep-clone.js';
import { deepEqual } from './deep-equal.js';

describe(deepEqual.name, () => {
  const cases: [a: unknown, b: unknown, equal: boolean][] = [
    [1, 1, true],
    [1, '1', false],
    [null, null, true],
    [null, {}, false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [{ a: undefined }, {}, true],
    [{ a: [{ b: null }] }, { a: [{ b: null }] }, true],
    [{ toString: 1 }, {}, false],
    [{}, { toString: 1 }, false],
  ];
  for (const [a, b, equal] of cases) {
    it(`${JSON.stringify(a)} ${equal ? '==' : '!='} ${JSON.stringify(b)}`, () => {
      assert.equal(deepEqual(a, b), equal);
      assert.equal(deepEqual(b, a), equal);
    });
  }
});

describe(deepClone.name, () => {
  it('copies every container and keeps values equal (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = deepClone(value);
        assert.ok(deepEqual(copy, value));
        if (typeof value === 'object' && value !== null) assert.notEqual(copy, value);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps "__proto__" members as data and drops undefined members', () => {
    const parsed = JSON.parse('{"__proto__":{"x":1},"a":[1,{"b":2}]}') as Record<string, unknown>;
    const copy = deepClone({ ...parsed, gone: undefined });
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal(JSON.stringify(copy), '{"__proto__":{"x":1},"a":[1,{"b":2}]}');
    assert.equal('gone' in copy, false);
  });
});
