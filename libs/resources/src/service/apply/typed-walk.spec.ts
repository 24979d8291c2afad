import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applicationCrd, definitionFromCrd } from '@app/crd';
import { fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { objectSchema } from './object-schema.js';
import { mergeValues, removeFields } from './structured-merge.js';
import { compare, toFieldSet } from './typed-walk.js';

const application = definitionFromCrd(applicationCrd);
const schema = objectSchema(application.versions.find((v) => v.name === 'v1')!.openAPIV3Schema);

const ready = (status: string) => ({ type: 'Ready', status, reason: 'R', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' });

describe('structured merge walks', () => {
  describe(toFieldSet.name, () => {
    it('lists leaves, map-list items by key and set items by value; skips fields the schema does not know', () => {
      const value = {
        metadata: { name: 'x', labels: { app: 'web' }, finalizers: ['a'], managedFields: [] },
        spec: { image: 'nginx', config: { A: '1' }, bogus: 1 },
        status: { conditions: [ready('True')] },
      };
      assert.deepEqual(toFieldsV1(toFieldSet(value, schema)), {
        'f:metadata': { 'f:finalizers': { 'v:"a"': {} }, 'f:labels': { 'f:app': {} } },
        'f:spec': { 'f:config': { 'f:A': {} }, 'f:image': {} },
        'f:status': {
          'f:conditions': {
            'k:{"type":"Ready"}': { '.': {}, 'f:lastTransitionTime': {}, 'f:message': {}, 'f:reason': {}, 'f:status': {}, 'f:type': {} },
          },
        },
      });
    });

    it('treats a list without list-type as atomic', () => {
      const withList = objectSchema({ type: 'object', properties: { spec: { type: 'object', properties: { args: { type: 'array', items: { type: 'string' } } } } } });
      assert.deepEqual(toFieldsV1(toFieldSet({ spec: { args: ['a', 'b'] } }, withList)), { 'f:spec': { 'f:args': {} } });
    });
  });

  describe(compare.name, () => {
    it('records a granular map that appears as added together with its contents', () => {
      const c = compare({ apiVersion: 'v1' }, { apiVersion: 'v1', metadata: { labels: { a: '1' } }, spec: { image: 'x' } }, schema);
      assert.deepEqual(toFieldsV1(c.added), {
        'f:metadata': { '.': {}, 'f:labels': { '.': {}, 'f:a': {} } },
        'f:spec': { '.': {}, 'f:image': {} },
      });
      assert.ok(c.modified.isEmpty() && c.removed.isEmpty());
    });

    it('separates modified, added and removed leaves and list items', () => {
      const before = { spec: { image: 'a', replicas: 1 }, status: { conditions: [ready('False')] } };
      const after = { spec: { image: 'b', port: 80 }, status: { conditions: [ready('True')] } };
      const c = compare(before, after, schema);
      assert.deepEqual(toFieldsV1(c.modified), { 'f:spec': { 'f:image': {} }, 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {} } } } });
      assert.deepEqual(toFieldsV1(c.added), { 'f:spec': { 'f:port': {} } });
      assert.deepEqual(toFieldsV1(c.removed), { 'f:spec': { 'f:replicas': {} } });
    });

    it('finds nothing between equal objects', () => {
      const value = { metadata: { labels: { a: '1' } }, spec: { image: 'a' } };
      const c = compare(value, structuredClone(value), schema);
      assert.ok(c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty());
    });
  });

  describe(mergeValues.name, () => {
    it('lets the configuration win on leaves, merges maps and map-lists by key', () => {
      const live = { metadata: { labels: { a: '1', b: '2' } }, spec: { image: 'a', replicas: 3 }, status: { conditions: [ready('False'), { ...ready('x'), type: 'Synced' }] } };
      const config = { metadata: { labels: { b: 'two', c: '3' } }, spec: { image: 'b' }, status: { conditions: [ready('True')] } };
      const merged = mergeValues(live, config, schema) as typeof live;
      assert.deepEqual(merged.metadata.labels, { a: '1', b: 'two', c: '3' });
      assert.deepEqual(merged.spec, { image: 'b', replicas: 3 });
      assert.deepEqual(merged.status.conditions.map((c) => `${c.type}=${c.status}`), ['Ready=True', 'Synced=x']);
      assert.equal(live.spec.image, 'a', 'inputs untouched');
    });

    it('keeps every list item exactly once, whatever the orders', () => {
      const sets = objectSchema({ type: 'object', properties: { s: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' } } });
      const items = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
      fc.assert(
        fc.property(items, items, (live, config) => {
          const merged = (mergeValues({ s: live }, { s: config }, sets) as { s: string[] }).s;
          assert.deepEqual([...merged].sort(), [...new Set([...live, ...config])].sort());
        }),
      );
    });
  });

  describe(removeFields.name, () => {
    it('removes what nobody owns, keeps what someone still owns and the keys of kept items', () => {
      const value = { spec: { image: 'a', port: 80 }, metadata: { name: 'x', labels: { a: '1' } }, status: { conditions: [ready('True')] } };
      const removal = fromFieldsV1({
        'f:spec': { 'f:port': {}, 'f:image': {} },
        'f:metadata': { 'f:labels': { 'f:a': {} } },
        'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:type': {}, 'f:reason': {} } } },
      });
      const owned = fromFieldsV1({ 'f:spec': { 'f:image': {} }, 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {} } } } });
      const pruned = removeFields(value, removal.difference(owned), owned, schema) as Record<string, any>;
      assert.deepEqual(pruned.spec, { image: 'a' });
      assert.equal(pruned.metadata.labels, undefined, 'an emptied, unowned map goes too');
      assert.deepEqual(pruned.status.conditions, [{ type: 'Ready', status: 'True', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    });
  });
});
