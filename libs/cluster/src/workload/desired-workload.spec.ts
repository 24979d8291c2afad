import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Application } from '@app/reconciler';
import { desiredWorkload, hashOf } from './desired-workload.js';

function app(spec: Partial<Application['spec']> = {}): Application {
  return { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'web', namespace: 'shop', uid: 'u-1' }, spec: { image: 'nginx:1.27', ...spec } };
}

describe(desiredWorkload.name, () => {
  it('makes a Deployment and a ConfigMap of the Application\'s name, both controlled by it', () => {
    const { deployment, configMap } = desiredWorkload(app({ replicas: 3, config: { B: '2', A: '1' }, port: 8080, resources: { limits: { memory: '256Mi' } } }));
    const owner = [{ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true }];
    assert.deepEqual(deployment.metadata?.ownerReferences, owner);
    assert.deepEqual(configMap.metadata?.ownerReferences, owner);
    assert.deepEqual(configMap.data, { A: '1', B: '2' });
    assert.deepEqual(deployment.metadata?.labels, { 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/managed-by': 'application-operator' });
    const spec = deployment.spec as Record<string, any>;
    assert.equal(spec.replicas, 3);
    assert.deepEqual(spec.selector, { matchLabels: { 'app.kubernetes.io/instance': 'web' } });
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    assert.deepEqual(spec.template.spec.containers, [
      { name: 'app', image: 'nginx:1.27', envFrom: [{ configMapRef: { name: 'web' } }], ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], resources: { limits: { memory: '256Mi' } } },
    ]);
  });

  it('defaults replicas to 1 and leaves out what the spec does not ask for; Recreate has no rollingUpdate', () => {
    const spec = desiredWorkload(app({ strategy: 'Recreate' })).deployment.spec as Record<string, any>;
    assert.equal(spec.replicas, 1);
    assert.deepEqual(spec.strategy, { type: 'Recreate' });
    assert.deepEqual(Object.keys(spec.template.spec.containers[0]), ['name', 'image', 'envFrom']);
  });

  it('rolls the pods when the config changes, and only then', () => {
    const hash = (config: Record<string, string>) => (desiredWorkload(app({ config })).deployment.spec as any).template.metadata.annotations['cloudnative.elide.dev/config-hash'];
    assert.equal(hash({ A: '1', B: '2' }), hash({ B: '2', A: '1' }));
    assert.notEqual(hash({ A: '1' }), hash({ A: '2' }));
  });

  it('stamps each object with the hash of its own configuration, and is deterministic', () => {
    const first = desiredWorkload(app({ replicas: 2 }));
    assert.deepEqual(first, desiredWorkload(app({ replicas: 2 })));
    const stamp = (o: any) => o.metadata.annotations['cloudnative.elide.dev/applied-hash'];
    assert.notEqual(stamp(first.deployment), stamp(desiredWorkload(app({ replicas: 3 })).deployment));
    assert.equal(stamp(first.configMap), stamp(desiredWorkload(app({ replicas: 3 })).configMap));
    assert.match(hashOf({ b: 1, a: [2] }), /^[0-9a-f]{16}$/);
    assert.equal(hashOf({ b: 1, a: [2] }), hashOf({ a: [2], b: 1 }));
  });
});
