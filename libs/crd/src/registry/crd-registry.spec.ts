import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InvalidError, KubeObject } from '@app/api-machinery';
import { CrdRegistry, CrdRegistryChange } from './crd-registry.js';
import { CustomResourceDefinition } from '../definition/custom-resource-definition.js';

function widgetCrd(): CustomResourceDefinition {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['color'],
        properties: { color: { type: 'string', enum: ['red', 'blue'] }, size: { type: 'integer', default: 5 } },
      },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'] },
      scope: 'Cluster',
      versions: [
        { name: 'v1alpha1', served: true, storage: false, schema: { openAPIV3Schema: schema } },
        { name: 'v1beta1', served: true, storage: true, deprecated: true, schema: { openAPIV3Schema: schema }, selectableFields: [{ jsonPath: '.spec.color' }] },
        { name: 'v2', served: false, storage: false, schema: { openAPIV3Schema: schema } },
      ],
    },
  };
}

describe(CrdRegistry.name, () => {
  let registry: CrdRegistry;
  beforeEach(() => {
    registry = new CrdRegistry();
    registry.registerDefaults();
  });

  it('serves the built-ins and the Application CRD by default', () => {
    assert.deepEqual(
      registry.all().map((definition) => [definition.group, definition.plural, definition.source]),
      [
        ['', 'namespaces', 'builtin'],
        ['', 'events', 'builtin'],
        ['coordination.k8s.io', 'leases', 'builtin'],
        ['apiextensions.k8s.io', 'customresourcedefinitions', 'builtin'],
        ['', 'configmaps', 'builtin'],
        ['apps', 'deployments', 'builtin'],
        ['cloudnative.elide.dev', 'applications', 'crd'],
      ],
    );
    assert.deepEqual(registry.crds().map((crd) => crd.metadata.name), ['applications.cloudnative.elide.dev']);
  });

  it('resolves served versions only', () => {
    assert.equal(registry.resolve('cloudnative.elide.dev', 'v1beta1', 'applications')?.kind, 'Application');
    const resolved = registry.resolveVersion('cloudnative.elide.dev', 'v1beta1', 'applications');
    assert.equal(resolved?.definition.kind, 'Application');
    assert.equal(resolved?.version.deprecated, true);
    assert.equal(registry.resolve('cloudnative.elide.dev', 'v2', 'applications'), undefined);
    assert.equal(registry.resolve('', 'v1', 'applications'), undefined);
    registry.register(widgetCrd());
    assert.equal(registry.resolve('example.com', 'v2', 'widgets'), undefined);
    assert.equal(registry.byResource('example.com', 'widgets')?.versions.length, 3);
  });

  it('resolves by plural, singular, short name, kind and plural.group', () => {
    for (const name of ['applications', 'application', 'app', 'Application', 'applications.cloudnative.elide.dev']) {
      const resolved = registry.resolveByAnyName(name);
      assert.deepEqual([resolved?.definition.plural, resolved?.version.name], ['applications', 'v1'], name);
    }
    assert.equal(registry.resolveByAnyName('ev')?.definition.kind, 'Event');
    assert.equal(registry.resolveByAnyName('crds')?.definition.kind, 'CustomResourceDefinition');
    assert.equal(registry.resolveByAnyName('app', 'cloudnative.elide.dev', 'v1beta1')?.version.name, 'v1beta1');
    assert.equal(registry.resolveByAnyName('app', 'example.com'), undefined);
    assert.equal(registry.resolveByAnyName('nothing'), undefined);
  });

  it('finds definitions by kind and list kind', () => {
    assert.equal(registry.byKind('coordination.k8s.io', 'Lease')?.plural, 'leases');
    assert.equal(registry.byKind('cloudnative.elide.dev', 'ApplicationList')?.plural, 'applications');
    assert.equal(registry.byKind('', 'Lease'), undefined);
  });

  it('lists groups for discovery with the highest-priority served version preferred', () => {
    registry.register(widgetCrd());
    assert.deepEqual(registry.groups(), [
      { name: '', versions: ['v1'], preferredVersion: 'v1' },
      { name: 'coordination.k8s.io', versions: ['v1'], preferredVersion: 'v1' },
      { name: 'apiextensions.k8s.io', versions: ['v1'], preferredVersion: 'v1' },
      { name: 'apps', versions: ['v1'], preferredVersion: 'v1' },
      { name: 'cloudnative.elide.dev', versions: ['v1', 'v1beta1'], preferredVersion: 'v1' },
      { name: 'example.com', versions: ['v1beta1', 'v1alpha1'], preferredVersion: 'v1beta1' },
    ]);
  });

  it('builds a working definition from a user CRD, generically', () => {
    const definition = registry.register(widgetCrd());
    assert.deepEqual(
      [definition.singular, definition.listKind, definition.scope, definition.storageVersion, definition.acceptsStrategicMerge, definition.selectableFields],
      ['widget', 'WidgetList', 'Cluster', 'v1beta1', false, ['spec.color']],
    );
    const version = registry.resolveVersion('example.com', 'v1beta1', 'widgets')?.version;
    assert.equal(version?.deprecationWarning, 'example.com/v1beta1 Widget is deprecated');
    assert.deepEqual(version?.printerColumns.map((column) => column.name), ['Age']);
    const widget: KubeObject = { apiVersion: 'example.com/v1beta1', kind: 'Widget', metadata: { name: 'w' }, spec: { color: 'green', extra: 1 } };
    assert.deepEqual(version?.admit(widget), {
      unknownFields: ['spec.extra'],
      causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: "green": supported values: "red", "blue"', field: 'spec.color' }],
    });
    assert.deepEqual(widget.spec, { color: 'green', size: 5 });
    const converted = definition.convert(widget, 'v1alpha1');
    assert.equal(converted.apiVersion, 'example.com/v1alpha1');
    assert.deepEqual(converted.spec, widget.spec);
    assert.notEqual(converted, widget);
    assert.throws(() => definition.convert(widget, 'v9'), { message: 'no kind "Widget" is registered for version "example.com/v9"' });
  });

  it('marks a registered CRD Established with its storage version', () => {
    registry.register(widgetCrd());
    const crd = registry.crds().find((candidate) => candidate.metadata.name === 'widgets.example.com');
    const status = crd?.status as { storedVersions: string[]; conditions: { type: string; status: string }[] };
    assert.deepEqual(status.storedVersions, ['v1beta1']);
    assert.deepEqual(status.conditions.map((condition) => [condition.type, condition.status]), [['NamesAccepted', 'True'], ['Established', 'True']]);
    assert.deepEqual(crd?.spec.conversion, { strategy: 'None' });
  });

  it('replaces a CRD on re-registration and stops serving it on unregister, emitting each change', () => {
    const changes: CrdRegistryChange[] = [];
    registry.changes$.subscribe((change) => changes.push(change));
    registry.register(widgetCrd());
    const updated = widgetCrd();
    updated.spec.versions[0].served = false;
    registry.register(updated);
    assert.equal(registry.resolve('example.com', 'v1alpha1', 'widgets'), undefined);
    assert.equal(registry.unregister('widgets.example.com'), true);
    assert.equal(registry.unregister('widgets.example.com'), false);
    assert.equal(registry.unregister('events'), false);
    assert.equal(registry.resolve('example.com', 'v1beta1', 'widgets'), undefined);
    assert.deepEqual(changes.map((change) => [change.type, change.name]), [
      ['Registered', 'widgets.example.com'],
      ['Registered', 'widgets.example.com'],
      ['Unregistered', 'widgets.example.com'],
    ]);
  });

  it('refuses an invalid CRD with kube causes, without registering it', () => {
    const crd = widgetCrd();
    crd.metadata.name = 'widgets';
    assert.throws(
      () => registry.register(crd),
      (error: unknown) =>
        error instanceof InvalidError &&
        error.message === 'CustomResourceDefinition.apiextensions.k8s.io "widgets" is invalid: metadata.name: Invalid value: "widgets": must be spec.names.plural+"."+spec.group',
    );
    assert.equal(registry.byResource('example.com', 'widgets'), undefined);
  });

  it('reports the causes register would refuse a CRD for, without registering it', () => {
    const crd = widgetCrd();
    crd.spec.scope = 'Everywhere' as never;
    assert.deepEqual(registry.validateCrd(crd).map((cause) => cause.field), ['spec.scope']);
    assert.deepEqual(registry.validateCrd(widgetCrd()), []);
    assert.equal(registry.byResource('example.com', 'widgets'), undefined);
  });

  it('refuses names already used in the group, and built-in names', () => {
    registry.register(widgetCrd());
    const clash = widgetCrd();
    clash.metadata.name = 'gadgets.example.com';
    clash.spec.names = { plural: 'gadgets', kind: 'Gadget', shortNames: ['wd'] };
    assert.throws(() => registry.register(clash), (error: unknown) => error instanceof ConflictError && error.message.endsWith('"wd" is already in use'));

    const takeover = widgetCrd();
    takeover.metadata.name = 'leases.coordination.k8s.io';
    takeover.spec.group = 'coordination.k8s.io';
    takeover.spec.names = { plural: 'leases', kind: 'Lease' };
    assert.throws(() => registry.register(takeover), ConflictError);
    assert.equal(registry.byResource('coordination.k8s.io', 'leases')?.source, 'builtin');
  });

  it('refuses Webhook conversion unless an in-process converter is registered', () => {
    const crd = widgetCrd();
    crd.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: { url: 'https://x' } } };
    assert.throws(() => registry.register(crd), InvalidError);
    registry.registerConverter('widgets.example.com', (object, _from, to) => ({ ...object, converted: to }));
    const definition = registry.register(crd);
    const object = definition.convert({ apiVersion: 'example.com/v1beta1', kind: 'Widget' }, 'v1alpha1');
    assert.deepEqual(object, { apiVersion: 'example.com/v1alpha1', kind: 'Widget', converted: 'v1alpha1' });
  });

  it('completes changes$ on module destroy', () => {
    let completed = false;
    registry.changes$.subscribe({ complete: () => (completed = true) });
    registry.onModuleDestroy();
    assert.equal(completed, true);
  });
});
