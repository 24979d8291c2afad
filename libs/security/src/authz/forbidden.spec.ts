import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenError } from './forbidden.js';

const user = { username: 'u' };

describe(forbiddenError.name, () => {
  it('names the object when the request has a name', () => {
    const error = forbiddenError({ kind: 'resource', user, verb: 'delete', apiGroup: 'cloudnative.elide.dev', resource: 'applications', namespace: 'ns', name: 'x' });
    assert.equal(error.code, 403);
    assert.equal(error.message, 'applications.cloudnative.elide.dev "x" is forbidden: User "u" cannot delete resource "applications" in API group "cloudnative.elide.dev" in the namespace "ns"');
    assert.deepEqual(error.toStatus().details, { name: 'x', group: 'cloudnative.elide.dev', kind: 'applications' });
  });

  it('omits the name for collections and says "at the cluster scope" without a namespace', () => {
    const list = forbiddenError({ kind: 'resource', user, verb: 'list', apiGroup: 'cloudnative.elide.dev', resource: 'applications', namespace: 'ns' });
    assert.equal(list.message, 'applications.cloudnative.elide.dev is forbidden: User "u" cannot list resource "applications" in API group "cloudnative.elide.dev" in the namespace "ns"');
    const watch = forbiddenError({ kind: 'resource', user, verb: 'watch', apiGroup: 'cloudnative.elide.dev', resource: 'applications' });
    assert.match(watch.message, /cannot watch resource "applications" in API group "cloudnative.elide.dev" at the cluster scope$/);
    const core = forbiddenError({ kind: 'resource', user, verb: 'list', apiGroup: '', resource: 'events' });
    assert.equal(core.message, 'events is forbidden: User "u" cannot list resource "events" in API group "" at the cluster scope');
  });

  it('includes the subresource and appends the authorizer reason', () => {
    const error = forbiddenError({ kind: 'resource', user, verb: 'patch', apiGroup: 'g', resource: 'applications', subresource: 'scale', namespace: 'ns', name: 'x' }, 'RBAC: role.rbac.authorization.k8s.io "r" not found');
    assert.equal(error.message, 'applications.g "x" is forbidden: User "u" cannot patch resource "applications/scale" in API group "g" in the namespace "ns": RBAC: role.rbac.authorization.k8s.io "r" not found');
  });

  it('words non-resource denials as kube does, escaping the path', () => {
    assert.equal(forbiddenError({ kind: 'nonResource', user, verb: 'get', path: '/metrics' }).message, 'forbidden: User "u" cannot get path "/metrics"');
    assert.equal(forbiddenError({ kind: 'nonResource', user, verb: 'get', path: '/<x>&' }).message, 'forbidden: User "u" cannot get path "/&lt;x&gt;&amp;"');
  });
});
