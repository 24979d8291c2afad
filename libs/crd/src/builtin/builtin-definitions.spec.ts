import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { builtinDefinitions } from './builtin-definitions.js';
import { ResourceDefinition } from '../definition/resource-definition.js';
import { applicationCrd } from '../application/application.crd.js';

const definitions = new Map(builtinDefinitions().map((definition) => [definition.plural, definition]));
const get = (plural: string): ResourceDefinition => definitions.get(plural) as ResourceDefinition;
const admit = (plural: string, object: KubeObject) => get(plural).versions[0].admit(object);

describe(builtinDefinitions.name, () => {
  it('describes each built-in as kube discovery does', () => {
    assert.deepEqual(
      [...definitions.values()].map((d) => [d.group, d.versions[0].name, d.plural, d.kind, d.scope, d.shortNames, d.source, d.acceptsStrategicMerge]),
      [
        ['', 'v1', 'namespaces', 'Namespace', 'Cluster', ['ns'], 'builtin', true],
        ['', 'v1', 'events', 'Event', 'Namespaced', ['ev'], 'builtin', true],
        ['coordination.k8s.io', 'v1', 'leases', 'Lease', 'Namespaced', [], 'builtin', true],
        ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', 'Cluster', ['crd', 'crds'], 'builtin', true],
        ['', 'v1', 'configmaps', 'ConfigMap', 'Namespaced', ['cm'], 'builtin', true],
        ['apps', 'v1', 'deployments', 'Deployment', 'Namespaced', ['deploy'], 'builtin', true],
      ],
    );
    assert.deepEqual(get('namespaces').verbs, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
    assert.deepEqual(get('customresourcedefinitions').categories, ['api-extensions']);
    assert.ok(get('events').selectableFields.includes('involvedObject.uid'));
  });

  it('requires an event’s involvedObject and a Kubernetes event type', () => {
    const check = admit('events', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, type: 'Error', severity: 'Error' });
    assert.deepEqual(check, {
      unknownFields: [],
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'involvedObject' },
        { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Error": supported values: "Normal", "Warning"', field: 'type' },
      ],
    });
  });

  it('keeps unknown top-level event fields but drops null timestamps', () => {
    const event: KubeObject = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Application', name: 'web' }, type: 'Normal', severity: 'Info', eventTime: null };
    assert.deepEqual(admit('events', event), { unknownFields: [], causes: [] });
    assert.equal(event.severity, 'Info');
    assert.equal(Object.hasOwn(event, 'eventTime'), false);
  });

  it('prints events like kubectl: kind/name, last seen falling back to eventTime', () => {
    const version = get('events').versions[0];
    const event: KubeObject = {
      involvedObject: { kind: 'Application', name: 'web', fieldPath: 'spec' },
      type: 'Warning',
      reason: 'Failed',
      message: 'boom',
      eventTime: '2025-01-01T00:00:00.000000Z',
      source: { component: 'operator', host: 'node-1' },
      count: 3,
    };
    assert.deepEqual(version.printerColumns.filter((column) => !column.priority).map((column) => column.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    assert.deepEqual(version.cells?.(event), ['2025-01-01T00:00:00.000000Z', 'Warning', 'Failed', 'application/web', 'spec', 'operator, node-1', 'boom', '2025-01-01T00:00:00.000000Z', 3]);
    assert.equal(version.cells?.(event).length, version.printerColumns.length);
  });

  it('types lease fields and prints the holder', () => {
    const lease: KubeObject = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { holderIdentity: 'a', leaseDurationSeconds: '15', renewTime: 'soon', extra: 1 } };
    assert.deepEqual(admit('leases', lease), {
      unknownFields: ['spec.extra'],
      causes: [
        { reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.leaseDurationSeconds in body must be of type integer: "string"', field: 'spec.leaseDurationSeconds' },
        { reason: 'FieldValueTypeInvalid', message: 'Invalid value: "soon": spec.renewTime in body must be of type date-time: "soon"', field: 'spec.renewTime' },
      ],
    });
    const ok: KubeObject = { spec: { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: '2025-01-01T00:00:00.123456Z', renewTime: '2025-01-01T00:00:05.123456Z', leaseTransitions: 0 } };
    assert.deepEqual(admit('leases', ok).causes, []);
    assert.deepEqual(get('leases').versions[0].printerColumns.map((column) => [column.name, column.jsonPath]), [
      ['Holder', '.spec.holderIdentity'],
      ['Age', '.metadata.creationTimestamp'],
    ]);
  });

  it('sets a new namespace Active and prints its status', () => {
    const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
    assert.deepEqual(admit('namespaces', namespace).causes, []);
    assert.deepEqual(namespace.status, { phase: 'Active' });
    assert.deepEqual(get('namespaces').versions[0].printerColumns.map((column) => column.name), ['Status', 'Age']);
  });

  it('admits CRD objects through CRD validation, with v1 defaults', () => {
    const crd = structuredClone(applicationCrd) as unknown as KubeObject & { spec: { names: Record<string, unknown> } };
    delete crd.spec.names.listKind;
    assert.deepEqual(admit('customresourcedefinitions', crd), { unknownFields: [], causes: [] });
    assert.equal(crd.spec.names.listKind, 'ApplicationList');
    const bad = structuredClone(applicationCrd) as KubeObject;
    (bad.metadata as Record<string, unknown>).name = 'apps';
    assert.deepEqual(admit('customresourcedefinitions', bad).causes.map((cause) => cause.field), ['metadata.name']);
  });

  it('converts only by rewriting apiVersion, and refuses other versions', () => {
    const lease = get('leases').convert({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }, 'v1');
    assert.equal(lease.apiVersion, 'coordination.k8s.io/v1');
    assert.throws(() => get('leases').convert({ kind: 'Lease' }, 'v1beta1'));
  });
});
