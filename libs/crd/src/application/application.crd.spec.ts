import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { applicationCrd } from './application.crd.js';
import { validateCrd } from '../registry/crd-validation.js';
import { definitionFromCrd } from '../registry/definition-from-crd.js';
import { applicationConverter } from './application.conversion.js';

/** Paths of schema properties lacking a description. */
function undocumented(schema: Record<string, unknown>, path: string): string[] {
  const missing = typeof schema.description === 'string' && schema.description !== '' ? [] : [path];
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const children = Object.entries(properties).map(([key, child]) => undocumented(child, `${path}.${key}`));
  if (schema.items) children.push(undocumented(schema.items as Record<string, unknown>, `${path}[]`));
  if (typeof schema.additionalProperties === 'object') children.push(undocumented(schema.additionalProperties as Record<string, unknown>, `${path}{}`));
  return missing.concat(...children);
}

describe('applicationCrd', () => {
  const definition = definitionFromCrd(applicationCrd, applicationConverter);
  const [v1, v1beta1] = definition.versions;

  it('is a valid CRD by our own validation', () => {
    assert.deepEqual(validateCrd(structuredClone(applicationCrd)), []);
  });

  it('documents every field in both versions', () => {
    for (const version of applicationCrd.spec.versions) {
      assert.deepEqual(undocumented(version.schema?.openAPIV3Schema ?? {}, version.name), []);
    }
  });

  it('serves v1 as storage and v1beta1 as deprecated with its warning', () => {
    assert.deepEqual([v1.name, v1.served, v1.storage, v1.deprecated], ['v1', true, true, false]);
    assert.deepEqual([v1beta1.name, v1beta1.served, v1beta1.storage, v1beta1.deprecated], ['v1beta1', true, false, true]);
    assert.equal(v1beta1.deprecationWarning, 'cloudnative.elide.dev/v1beta1 Application is deprecated; use cloudnative.elide.dev/v1 Application');
    assert.equal(definition.storageVersion, 'v1');
  });

  it('points scale and the Replicas column at each version’s replicas field', () => {
    assert.deepEqual(v1.subresources, { status: true, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } });
    assert.equal(v1beta1.subresources.scale?.specReplicasPath, '.spec.replicaCount');
    assert.deepEqual(v1.printerColumns.map((column) => [column.name, column.jsonPath, column.priority ?? 0]), [
      ['Replicas', '.spec.replicas', 0],
      ['Ready', '.status.readyReplicas', 0],
      ['Phase', '.status.phase', 0],
      ['Image', '.spec.image', 1],
      ['Age', '.metadata.creationTimestamp', 0],
    ]);
    assert.equal(v1beta1.printerColumns[0].jsonPath, '.spec.replicaCount');
  });

  it('defaults replicas and strategy per version and prunes the other version’s field', () => {
    const object: KubeObject = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'a' }, spec: { image: 'nginx', replicaCount: 4 } };
    const check = v1.admit(object);
    assert.deepEqual(check, { unknownFields: ['spec.replicaCount'], causes: [] });
    assert.deepEqual(object.spec, { image: 'nginx', replicas: 1, strategy: 'RollingUpdate' });

    const beta: KubeObject = { apiVersion: 'cloudnative.elide.dev/v1beta1', kind: 'Application', metadata: { name: 'a' }, spec: { image: 'nginx', replicaCount: 101 } };
    assert.deepEqual(v1beta1.admit(beta).causes, [
      { reason: 'FieldValueInvalid', message: 'Invalid value: 101: spec.replicaCount in body should be less than or equal to 100', field: 'spec.replicaCount' },
    ]);
  });

  it('validates status: phase enum, conditions as a map keyed by type', () => {
    const object: KubeObject = {
      apiVersion: 'cloudnative.elide.dev/v1',
      kind: 'Application',
      metadata: { name: 'a' },
      spec: { image: 'nginx' },
      status: {
        phase: 'Sleeping',
        conditions: [
          { type: 'Ready', status: 'Maybe', reason: 'R', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
          { type: 'Ready', status: 'True', reason: 'R', message: '', lastTransitionTime: '2025-01-01T00:00:00Z' },
        ],
      },
    };
    assert.deepEqual(v1.admit(object).causes, [
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Sleeping": supported values: "Pending", "Running", "Failed", "Succeeded"', field: 'status.phase' },
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Maybe": supported values: "True", "False", "Unknown"', field: 'status.conditions[0].status' },
      { reason: 'FieldValueDuplicate', message: 'Duplicate value: {"type":"Ready"}', field: 'status.conditions[1]' },
    ]);
  });

  it('converts through the definition in both directions', () => {
    const object: KubeObject = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'a' }, spec: { image: 'nginx', replicas: 2 } };
    const beta = definition.convert(object, 'v1beta1');
    assert.deepEqual(beta.spec, { image: 'nginx', replicaCount: 2 });
    assert.deepEqual(definition.convert(beta, 'v1'), object);
  });
});
