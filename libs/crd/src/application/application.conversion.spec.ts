import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { applicationConverter, convertApplication } from './application.conversion.js';

const v1: KubeObject = {
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, resourceVersion: '7', generation: 2 },
  spec: {
    image: 'nginx:1.27',
    replicas: 3,
    strategy: 'Recreate',
    config: { LOG_LEVEL: 'debug' },
    resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    port: 8080,
  },
  status: {
    replicas: 3,
    readyReplicas: 2,
    updatedReplicas: 3,
    availableReplicas: 2,
    phase: 'Running',
    observedGeneration: 2,
    selector: 'app=web',
    message: 'ok',
    conditions: [{ type: 'Ready', status: 'False', reason: 'Progressing', message: '2/3 ready', lastTransitionTime: '2025-01-01T00:00:00Z', observedGeneration: 2 }],
  },
};

describe(convertApplication.name, () => {
  it('renames spec.replicas to spec.replicaCount and sets apiVersion for v1beta1', () => {
    const beta = convertApplication(v1, 'v1beta1');
    assert.equal(beta.apiVersion, 'cloudnative.elide.dev/v1beta1');
    const spec = beta.spec as Record<string, unknown>;
    assert.equal(spec.replicaCount, 3);
    assert.equal(Object.hasOwn(spec, 'replicas'), false);
    assert.deepEqual(beta.status, v1.status);
    assert.deepEqual(beta.metadata, v1.metadata);
  });

  it('round-trips v1 → v1beta1 → v1 losslessly without touching the input', () => {
    const original = structuredClone(v1);
    const back = convertApplication(convertApplication(v1, 'v1beta1'), 'v1');
    assert.deepEqual(back, original);
    assert.deepEqual(v1, original);
  });

  it('round-trips v1beta1 → v1 → v1beta1 losslessly', () => {
    const beta = convertApplication(v1, 'v1beta1');
    assert.deepEqual(convertApplication(convertApplication(beta, 'v1'), 'v1beta1'), beta);
  });

  it('leaves an object without replicas unchanged apart from apiVersion', () => {
    const bare: KubeObject = { apiVersion: 'cloudnative.elide.dev/v1beta1', kind: 'Application', metadata: { name: 'x' }, spec: { image: 'x' } };
    assert.deepEqual(convertApplication(bare, 'v1'), { ...bare, apiVersion: 'cloudnative.elide.dev/v1' });
  });

  it('tolerates a non-object spec', () => {
    const odd = applicationConverter({ apiVersion: 'cloudnative.elide.dev/v1', spec: 'nope' }, 'v1', 'v1beta1');
    assert.deepEqual(odd, { apiVersion: 'cloudnative.elide.dev/v1beta1', spec: 'nope' });
  });
});
