import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldElement as f, FieldSet, keyElement, valueElement } from './field-set.js';
import { formatPath, fromFieldsV1, FieldsV1Error, toFieldsV1 } from './fields-v1.js';

const set = (...paths: string[][]) => paths.reduce((s, p) => s.insert(p), new FieldSet());

describe(FieldSet.name, () => {
  it('encodes FieldsV1 with "." for a member that has children, fields before keys before values', () => {
    const fields = set(
      [f('spec')],
      [f('spec'), f('replicas')],
      [f('metadata'), f('labels'), f('app')],
      [f('status'), f('conditions'), keyElement({ type: 'Ready', status: 'True' }, ['type'])],
      [f('status'), f('conditions'), keyElement({ type: 'Ready' }, ['type']), f('status')],
      [f('metadata'), f('finalizers'), valueElement('x')],
    );
    const json = toFieldsV1(fields);
    assert.deepEqual(json, {
      'f:metadata': { 'f:finalizers': { 'v:"x"': {} }, 'f:labels': { 'f:app': {} } },
      'f:spec': { '.': {}, 'f:replicas': {} },
      'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:status': {} } } },
    });
    assert.deepEqual(Object.keys(json), ['f:metadata', 'f:spec', 'f:status']);
    assert.deepEqual(toFieldsV1(fromFieldsV1(json)), json, 'round trip');
  });

  it('decodes keys canonically (sorted) and refuses malformed FieldsV1', () => {
    const decoded = fromFieldsV1({ 'f:ports': { 'k:{"protocol":"TCP","port":80}': {} } });
    assert.ok(decoded.has([f('ports'), 'k:{"port":80,"protocol":"TCP"}']));
    assert.throws(() => fromFieldsV1({ 'x:foo': {} }), FieldsV1Error);
    assert.throws(() => fromFieldsV1({ 'f:a': 'nope' }), FieldsV1Error);
    assert.throws(() => fromFieldsV1([]), FieldsV1Error);
  });

  it('has exact-path union, difference and intersection', () => {
    const a = set([f('spec'), f('replicas')], [f('spec'), f('image')], [f('spec')]);
    const b = set([f('spec'), f('replicas')], [f('metadata'), f('labels'), f('x')]);
    assert.deepEqual(a.intersection(b).paths(), [[f('spec'), f('replicas')]]);
    assert.deepEqual(a.difference(b).paths(), [[f('spec')], [f('spec'), f('image')]]);
    assert.deepEqual(a.union(b).paths().length, 4);
    assert.ok(new FieldSet().isEmpty());
    assert.ok(a.difference(a).isEmpty());
    assert.ok(a.withoutSubtrees([f('spec')]).isEmpty());
    assert.deepEqual(a.union(b).onlySubtrees([f('metadata')]).paths(), [[f('metadata'), f('labels'), f('x')]]);
  });

  it('prints paths as structured-merge-diff does in conflicts', () => {
    assert.equal(formatPath([f('spec'), f('replicas')]), '.spec.replicas');
    assert.equal(formatPath([f('status'), f('conditions'), keyElement({ type: 'Ready' }, ['type']), f('status')]), '.status.conditions[type="Ready"].status');
    assert.equal(formatPath([f('metadata'), f('finalizers'), valueElement('a/b')]), '.metadata.finalizers[="a/b"]');
    assert.equal(formatPath([f('ports'), keyElement({ protocol: 'TCP', port: 80 }, ['protocol', 'port'])]), '.ports[port=80,protocol="TCP"]');
  });
});
