import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { application, attributesFor, fixedClock, fixedPolicies, testMetrics } from '../testing/admission-fixtures.js';
import { AdmissionEngine } from './admission-engine.js';

const engine = () => new AdmissionEngine(fixedPolicies(), testMetrics().metrics, fixedClock);
const TRACKED = { 'cloudnative.elide.dev/last-admitted-by': 'alice', 'cloudnative.elide.dev/last-admitted-at': '2025-03-01T10:20:30Z' };

describe(`${AdmissionEngine.name} mutation`, () => {
  it('defaults strategy and replicas, labels and annotates a v1 Application', () => {
    const input = application({ replicas: undefined, strategy: undefined });
    const { object, warnings } = engine().mutate(attributesFor('CREATE', input));
    assert.deepEqual(warnings, []);
    assert.deepEqual(object, {
      apiVersion: 'cloudnative.elide.dev/v1',
      kind: 'Application',
      metadata: { name: 'web', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'application-operator' }, annotations: TRACKED },
      spec: { image: 'nginx:1.25', resources: { cpu: '100m' }, strategy: 'RollingUpdate', replicas: 1 },
    });
    assert.equal((input.spec as Record<string, unknown>).strategy, undefined, 'the input is not modified');
  });

  it('defaults replicaCount, not replicas, for v1beta1', () => {
    const { object } = engine().mutate(attributesFor('CREATE', application({ replicas: undefined }, 'v1beta1')));
    assert.deepEqual(object?.spec, { image: 'nginx:1.25', resources: { cpu: '100m' }, strategy: 'RollingUpdate', replicaCount: 1 });
  });

  it('keeps values already set, including a foreign managed-by label and a null-free spec', () => {
    const input = application({ replicas: 0, strategy: 'Recreate' }, 'v1', { labels: { 'app.kubernetes.io/managed-by': 'Helm' } });
    const { object } = engine().mutate(attributesFor('CREATE', input));
    assert.equal((object?.spec as Record<string, unknown>).replicas, 0);
    assert.equal((object?.spec as Record<string, unknown>).strategy, 'Recreate');
    assert.deepEqual(object?.metadata?.labels, { 'app.kubernetes.io/managed-by': 'Helm' });
  });

  it('treats null like unset and creates a missing spec', () => {
    const { object } = engine().mutate(attributesFor('CREATE', application({ replicas: null, strategy: null })));
    assert.deepEqual(object?.spec, { image: 'nginx:1.25', resources: { cpu: '100m' }, strategy: 'RollingUpdate', replicas: 1 });
    const bare = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'x' } };
    assert.deepEqual(engine().mutate(attributesFor('CREATE', bare)).object?.spec, { strategy: 'RollingUpdate', replicas: 1 });
  });

  it('leaves fields of the wrong type for schema validation', () => {
    const odd = { ...application(), spec: 'not-a-map', metadata: { name: 'x', labels: 'nope' } } as unknown as KubeObject;
    const { object } = engine().mutate(attributesFor('CREATE', odd));
    assert.equal(object?.spec, 'not-a-map');
    assert.equal(object?.metadata?.labels, 'nope');
  });

  it('updates the tracking annotations on a real change and keeps them on a no-op UPDATE', () => {
    const stored = application({ strategy: 'RollingUpdate' }, 'v1', {
      resourceVersion: '7', uid: 'u1', generation: 2,
      labels: { 'app.kubernetes.io/managed-by': 'application-operator' },
      annotations: { note: 'x', 'cloudnative.elide.dev/last-admitted-by': 'bob', 'cloudnative.elide.dev/last-admitted-at': '2024-01-01T00:00:00Z' },
    });
    const resent = application({ strategy: 'RollingUpdate' }, 'v1', { annotations: { note: 'x' } });
    const noop = engine().mutate(attributesFor('UPDATE', resent, stored)).object;
    assert.equal(noop?.metadata?.annotations?.['cloudnative.elide.dev/last-admitted-by'], 'bob');
    assert.equal(noop?.metadata?.annotations?.['cloudnative.elide.dev/last-admitted-at'], '2024-01-01T00:00:00Z');
    const changed = engine().mutate(attributesFor('UPDATE', application({ strategy: 'RollingUpdate', replicas: 5 }), stored)).object;
    assert.deepEqual(changed?.metadata?.annotations, TRACKED);
  });

  it('drops last-admitted-by when the user is unknown', () => {
    const input = application({}, 'v1', { annotations: { 'cloudnative.elide.dev/last-admitted-by': 'forged' } });
    const { object } = engine().mutate(attributesFor('CREATE', input, undefined, { userInfo: { username: '' } }));
    assert.deepEqual(object?.metadata?.annotations, { 'cloudnative.elide.dev/last-admitted-at': '2025-03-01T10:20:30Z' });
  });

  it('is idempotent', () => {
    const once = engine().mutate(attributesFor('CREATE', application({ replicas: undefined }))).object;
    const twice = engine().mutate(attributesFor('CREATE', once)).object;
    assert.deepEqual(twice, once);
  });

  it('passes through DELETE, subresources and other kinds unchanged', () => {
    const app = application();
    assert.equal(engine().mutate(attributesFor('DELETE', undefined, app)).object, undefined);
    assert.equal(engine().mutate(attributesFor('UPDATE', app, app, { subResource: 'status' })).object, app);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } };
    const attributes = attributesFor('CREATE', pod, undefined, { kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' } });
    assert.equal(engine().mutate(attributes).object, pod);
  });
});
