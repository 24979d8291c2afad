import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiVersionOf, resourcePath } from './resource-path.js';
import { warningsOf } from './kube-transport.js';

describe(resourcePath.name, () => {
  it('builds kube-apiserver paths for core and named groups, namespaced or not', () => {
    const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
    assert.equal(resourcePath(deployments), '/apis/apps/v1/deployments');
    assert.equal(resourcePath(deployments, 'shop'), '/apis/apps/v1/namespaces/shop/deployments');
    assert.equal(resourcePath(deployments, 'shop', 'web', 'status'), '/apis/apps/v1/namespaces/shop/deployments/web/status');
    assert.equal(resourcePath({ group: '', version: 'v1', resource: 'configmaps' }, 'a b', 'x'), '/api/v1/namespaces/a%20b/configmaps/x');
    assert.equal(apiVersionOf({ group: '', version: 'v1', resource: 'events' }), 'v1');
  });

  it('ignores the namespace of cluster-scoped resources', () => {
    const crds = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
    assert.equal(resourcePath(crds, 'default', 'applications.cloudnative.elide.dev'), '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/applications.cloudnative.elide.dev');
  });
});

describe(warningsOf.name, () => {
  it('reads each Warning header apart, unescaping its text', () => {
    const raw = ['Content-Type', 'application/json', 'Warning', '299 - "spec.resources is not set, so \\"requests\\" default"', 'warning', '299 - "second, with a comma"'];
    assert.deepEqual(warningsOf(raw), ['spec.resources is not set, so "requests" default', 'second, with a comma']);
  });
});
