import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kubeCause, describeCause } from './field-errors.js';
import { formatGoNumber, formatKubeValue } from './kube-value.js';
import { fieldPath, pointerSegments } from './field-path.js';

describe('formatKubeValue', () => {
  it('renders values like apimachinery field errors', () => {
    assert.equal(formatKubeValue(101), '101');
    assert.equal(formatKubeValue(1.5), '1.5');
    assert.equal(formatKubeValue(true), 'true');
    assert.equal(formatKubeValue('Blue'), '"Blue"');
    assert.equal(formatKubeValue(null), 'null');
    assert.equal(formatKubeValue({ b: 1, a: [1, 'x'] }), '{"a":[1,"x"],"b":1}');
  });

  it("uses Go's %v exponent form for tiny and huge floats", () => {
    assert.equal(formatGoNumber(0.00001), '1e-05');
    assert.equal(formatGoNumber(-0.000015), '-1.5e-05');
    assert.equal(formatGoNumber(0.0001), '0.0001');
    assert.equal(formatGoNumber(1e21), '1e+21');
  });

  it('falls back to the type name for values too deep to render', () => {
    let deep: unknown = {};
    for (let i = 0; i < 1000; i++) deep = { deep };
    assert.equal(formatKubeValue(deep), '"object"');
  });
});

describe('kubeCause', () => {
  it('words each cause type as kube does', () => {
    assert.deepEqual(kubeCause.tooLong('spec.name', 1), { reason: 'FieldValueTooLong', message: 'Too long: may not be more than 1 byte', field: 'spec.name' });
    assert.deepEqual(kubeCause.required('spec.x', 'schemas are required'), {
      reason: 'FieldValueRequired',
      message: 'Required value: schemas are required',
      field: 'spec.x',
    });
    assert.equal(kubeCause.forbidden('a', 'nope').message, 'Forbidden: nope');
    assert.equal(kubeCause.duplicate('a[1]', { type: 'Ready' }).message, 'Duplicate value: {"type":"Ready"}');
    assert.equal(describeCause(kubeCause.invalid('spec.replicas', 101, 'too big')), 'spec.replicas: Invalid value: 101: too big');
  });
});

describe('fieldPath', () => {
  it('dots keys and brackets indices', () => {
    assert.equal(fieldPath(['spec', 'containers', 0, 'name']), 'spec.containers[0].name');
    assert.equal(fieldPath([]), '');
  });

  it('tells array indices from numeric map keys when reading a JSON pointer', () => {
    const root = { spec: { items: [{ a: 1 }], config: { '0': 'x', 'a/b': 'y' } } };
    assert.deepEqual(pointerSegments(root, '/spec/items/0/a'), ['spec', 'items', 0, 'a']);
    assert.deepEqual(pointerSegments(root, '/spec/config/0'), ['spec', 'config', '0']);
    assert.deepEqual(pointerSegments(root, '/spec/config/a~1b'), ['spec', 'config', 'a/b']);
  });
});
