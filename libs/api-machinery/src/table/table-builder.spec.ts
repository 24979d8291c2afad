import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '../meta/types.js';
import { buildDefaultTable, buildTable, CREATION_TIMESTAMP_DESCRIPTION, NAME_COLUMN_DESCRIPTION } from './table-builder.js';
import { PrinterColumnDefinition } from './table.types.js';

const now = new Date('2026-11-27T16:28:33Z');

const web: KubeObject = {
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'prod', uid: 'u1', resourceVersion: '7', creationTimestamp: '2026-11-27T16:23:03Z', labels: { app: 'web' } },
  spec: { replicas: 3, image: 'nginx:1.27', ports: [80, 443], weight: 2.7, ratio: 1.5 },
  status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-25T16:28:33Z' }] },
};
const bare: KubeObject = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'bare', creationTimestamp: '2026-11-27T16:28:03Z' } };

const columns: PrinterColumnDefinition[] = [
  { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: 'Ready condition' },
  { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
  { name: 'Since', type: 'date', jsonPath: '.status.conditions[0].lastTransitionTime' },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

describe(buildTable.name, () => {
  it('renders the Name column and the printer columns as kube-apiserver does for a CRD', () => {
    const table = buildTable({ columns, objects: [web, bare], listMeta: { resourceVersion: '12', continue: 'abc', remainingItemCount: 4 }, now });
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(table.metadata, { resourceVersion: '12', continue: 'abc', remainingItemCount: 4 });
    assert.deepEqual(table.columnDefinitions, [
      { name: 'Name', type: 'string', format: 'name', description: NAME_COLUMN_DESCRIPTION, priority: 0 },
      { name: 'Replicas', type: 'integer', format: '', description: 'Custom resource definition column (in JSONPath format): .spec.replicas', priority: 0 },
      { name: 'Ready', type: 'string', format: '', description: 'Ready condition', priority: 0 },
      { name: 'Image', type: 'string', format: '', description: 'Custom resource definition column (in JSONPath format): .spec.image', priority: 1 },
      { name: 'Since', type: 'date', format: '', description: 'Custom resource definition column (in JSONPath format): .status.conditions[0].lastTransitionTime', priority: 0 },
      { name: 'Age', type: 'date', format: '', description: 'Custom resource definition column (in JSONPath format): .metadata.creationTimestamp', priority: 0 },
    ]);
    assert.deepEqual(
      table.rows.map((row) => row.cells),
      [
        ['web', 3, 'True', 'nginx:1.27', '2d', '5m30s'],
        ['bare', null, null, null, null, '30s'],
      ],
    );
  });

  it('carries each object as PartialObjectMetadata by default', () => {
    const [row] = buildTable({ columns, objects: [web], now }).rows;
    assert.deepEqual(row.object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: web.metadata });
    assert.notEqual((row.object as { metadata: unknown }).metadata, web.metadata);
  });

  it('honours includeObject and the negotiated Table version', () => {
    const full = buildTable({ columns, objects: [web], includeObject: 'Object', now }).rows[0].object;
    assert.deepEqual(full, web);
    assert.notEqual(full, web);
    assert.equal(buildTable({ columns, objects: [web], includeObject: 'None', now }).rows[0].object, null);
    const beta = buildTable({ columns, objects: [web], groupVersion: 'meta.k8s.io/v1beta1', now });
    assert.equal(beta.apiVersion, 'meta.k8s.io/v1beta1');
    assert.equal((beta.rows[0].object as { apiVersion: string }).apiVersion, 'meta.k8s.io/v1beta1');
  });

  it('omits column definitions with noHeaders and copies only list metadata', () => {
    const table = buildTable({ columns, objects: [], noHeaders: true, listMeta: { resourceVersion: '3' }, now });
    assert.equal('columnDefinitions' in table, false);
    assert.deepEqual(table, { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '3' }, rows: [] });
  });

  it('serves kube’s default Age column when a CRD declares none', () => {
    const table = buildTable({ columns: [], objects: [web], now });
    assert.deepEqual(table.columnDefinitions?.[1], { name: 'Age', type: 'date', format: '', description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 });
    assert.deepEqual(table.rows[0].cells, ['web', '5m30s']);
    assert.deepEqual(buildTable({ objects: [web], now }).rows[0].cells, ['web', '5m30s']);
  });

  it('converts values to the column type like apiextensions’ cellForJSONValue', () => {
    const typed: PrinterColumnDefinition[] = [
      { name: 'I', type: 'integer', jsonPath: '.spec.weight' },
      { name: 'N', type: 'number', jsonPath: '.spec.ratio' },
      { name: 'B', type: 'boolean', jsonPath: '.spec.image' },
      { name: 'S', type: 'string', jsonPath: '.spec.replicas' },
      { name: 'Sf', type: 'string', jsonPath: '.spec.ratio' },
      { name: 'Sa', type: 'string', jsonPath: '.spec.ports' },
      { name: 'So', type: 'string', jsonPath: '.metadata.labels' },
      { name: 'D', type: 'date', jsonPath: '.spec.image' },
      { name: 'X', type: 'object', jsonPath: '.spec.image' },
    ];
    assert.deepEqual(buildTable({ columns: typed, objects: [web], now }).rows[0].cells, ['web', 2, 1.5, null, '3', '1.5', '[80,443]', '{"app":"web"}', '<invalid>', null]);
  });

  it('renders an empty or zero date as <unknown> and tolerates under 2s of clock skew', () => {
    const dated: PrinterColumnDefinition[] = [{ name: 'T', type: 'date', jsonPath: '.spec.t' }];
    const cell = (t: string) => buildTable({ columns: dated, objects: [{ metadata: { name: 'x' }, spec: { t } }], now }).rows[0].cells[1];
    assert.equal(cell(''), '<unknown>');
    assert.equal(cell('0001-01-01T00:00:00Z'), '<unknown>');
    assert.equal(cell('2026-11-27T16:28:34.5Z'), '0s');
    assert.equal(cell('2026-11-27T16:28:35Z'), '<invalid>');
  });

  it('drops a column whose jsonPath does not parse, and every column after it', () => {
    const broken: PrinterColumnDefinition[] = [columns[0], { name: 'Bad', type: 'string', jsonPath: '.spec[' }, columns[2]];
    const table = buildTable({ columns: broken, objects: [web], now });
    assert.deepEqual(table.columnDefinitions?.map((c) => c.name), ['Name', 'Replicas']);
    assert.deepEqual(table.rows[0].cells, ['web', 3]);
  });
});

describe(buildDefaultTable.name, () => {
  it('renders Name and Created At like kube’s default table convertor', () => {
    const table = buildDefaultTable({ objects: [web, { metadata: { name: 'new' } }], listMeta: { resourceVersion: '9' } });
    assert.deepEqual(table.columnDefinitions, [
      { name: 'Name', type: 'string', format: 'name', description: NAME_COLUMN_DESCRIPTION, priority: 0 },
      { name: 'Created At', type: 'date', format: '', description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 },
    ]);
    assert.deepEqual(
      table.rows.map((row) => row.cells),
      [
        ['web', '2026-11-27T16:23:03Z'],
        ['new', '0001-01-01T00:00:00Z'],
      ],
    );
    assert.deepEqual(table.metadata, { resourceVersion: '9' });
  });
});
