import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { configMapsDefinition } from './configmaps.definition.js';
import { deploymentsDefinition } from './deployments.definition.js';

const deployments = deploymentsDefinition();
const version = deployments.versions[0];

function deployment(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2025-01-01T00:00:00Z' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', terminationMessagePath: '/dev/termination-log' }] } }, ...spec },
  };
}

describe(deploymentsDefinition.name, () => {
  it('is apps/v1 deployments with status and scale subresources, as kube discovery lists them', () => {
    assert.deepEqual([deployments.group, deployments.plural, deployments.kind, deployments.scope, deployments.shortNames, deployments.categories], ['apps', 'deployments', 'Deployment', 'Namespaced', ['deploy'], ['all']]);
    assert.deepEqual(version.subresources, { status: true, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } });
  });

  it('defaults like kube-apiserver and keeps pod fields it does not spell out', () => {
    const object = deployment();
    assert.deepEqual(version.admit(object), { unknownFields: [], causes: [] });
    const spec = object.spec as Record<string, any>;
    assert.deepEqual([spec.replicas, spec.revisionHistoryLimit, spec.progressDeadlineSeconds], [1, 10, 600]);
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(spec.template.spec.containers[0].terminationMessagePath, '/dev/termination-log');
  });

  it('refuses what kube refuses: a selector that misses the template labels, rollingUpdate with Recreate, no containers', () => {
    const mismatch = deployment({ selector: { matchLabels: { app: 'api' } } });
    assert.deepEqual(version.admit(mismatch).causes, [{ reason: 'FieldValueInvalid', message: 'Invalid value: "object": `selector` does not match template `labels`', field: 'spec.template.metadata.labels' }]);
    const recreate = deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } });
    assert.deepEqual(version.admit(recreate).causes, [{ reason: 'FieldValueForbidden', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'", field: 'spec.strategy.rollingUpdate' }]);
    const empty = deployment({ selector: {} });
    assert.match(version.admit(empty).causes[0].message ?? '', /empty selector is invalid for deployment/);
    const none = deployment({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } });
    assert.deepEqual(version.admit(none).causes, [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' }]);
  });

  it('prints READY as ready/desired, then up-to-date, available, age; wide adds containers, images, selector', () => {
    const object = deployment({ replicas: 3 });
    object.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    assert.deepEqual(version.printerColumns.map((column) => column.name), ['Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    assert.deepEqual(version.cells?.(object), ['2/3', 3, 2, '2025-01-01T00:00:00Z', 'app', 'nginx:1.27', 'app=web']);
  });
});

describe(configMapsDefinition.name, () => {
  const configMaps = configMapsDefinition().versions[0];

  it('checks keys as kube does and prints the number of entries', () => {
    const good: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', creationTimestamp: '2025-01-01T00:00:00Z' }, data: { GREETING: 'hi', 'app.conf': 'x' }, binaryData: { logo: 'aGk=' } };
    assert.deepEqual(configMaps.admit(good), { unknownFields: [], causes: [] });
    assert.deepEqual(configMaps.cells?.(good), [3, '2025-01-01T00:00:00Z']);
    const bad: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { 'bad key': 'x', twice: 'a' }, binaryData: { twice: 'YQ==' } };
    assert.deepEqual(configMaps.admit(bad).causes.map((cause) => [cause.reason, cause.field]), [['FieldValueInvalid', 'data[bad key]'], ['FieldValueDuplicate', 'data[twice]']]);
  });
});
