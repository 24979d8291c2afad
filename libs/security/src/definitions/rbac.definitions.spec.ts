import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { rbacDefinitions } from './rbac.definitions.js';
import { authorizationDefinitions } from './authorization.definitions.js';

const [roles, clusterRoles, roleBindings, clusterRoleBindings] = rbacDefinitions();
const admit = (definition: typeof roles, object: KubeObject) => definition.versions[0].admit(structuredClone(object));
const fields = (object: KubeObject, definition: typeof roles) => admit(definition, object).causes.map((c) => `${c.field}: ${c.message}`);

describe(rbacDefinitions.name, () => {
  it('serves the four RBAC resources in rbac.authorization.k8s.io/v1 with kube scopes', () => {
    assert.deepEqual(
      rbacDefinitions().map((d) => [d.group, d.plural, d.kind, d.scope, d.storageVersion]),
      [
        ['rbac.authorization.k8s.io', 'roles', 'Role', 'Namespaced', 'v1'],
        ['rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', 'Cluster', 'v1'],
        ['rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding', 'Namespaced', 'v1'],
        ['rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding', 'Cluster', 'v1'],
      ],
    );
    assert.deepEqual(authorizationDefinitions().map((d) => [d.group, d.plural, d.verbs]), [
      ['authorization.k8s.io', 'selfsubjectaccessreviews', ['create']],
      ['authorization.k8s.io', 'selfsubjectrulesreviews', ['create']],
    ]);
  });

  it('accepts valid roles and keeps every rule field', () => {
    const role = { metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['events'], resourceNames: ['e'], verbs: ['get'] }] };
    const object = structuredClone(role) as KubeObject;
    assert.deepEqual(roles.versions[0].admit(object).causes, []);
    assert.deepEqual(object.rules, role.rules);
  });

  it('validates rules as kube does', () => {
    assert.deepEqual(fields({ rules: [{ verbs: [], apiGroups: [''], resources: ['x'] }] }, roles), ['rules[0].verbs: Required value: verbs must contain at least one value']);
    assert.deepEqual(fields({ rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] }, roles), ['rules[0].nonResourceURLs: Invalid value: "array": namespaced rules cannot apply to non-resource URLs']);
    assert.deepEqual(fields({ rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] }, clusterRoles), []);
    assert.deepEqual(fields({ rules: [{ verbs: ['get'], nonResourceURLs: ['/m'], resources: ['x'] }] }, clusterRoles), ['rules[0].nonResourceURLs: Invalid value: "array": rules cannot apply to both regular resources and non-resource URLs']);
    assert.deepEqual(fields({ rules: [{ verbs: ['get'] }] }, clusterRoles), [
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
  });

  it('validates bindings and defaults a User subject apiGroup', () => {
    const ok = { metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'alice' }] } as KubeObject;
    assert.deepEqual(roleBindings.versions[0].admit(ok).causes, []);
    assert.equal((ok.subjects as { apiGroup?: string }[])[0].apiGroup, 'rbac.authorization.k8s.io');
    assert.deepEqual(fields({ ...ok, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } }, clusterRoleBindings), ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']);
    assert.deepEqual(fields({ ...ok, subjects: [{ kind: 'Robot', name: 'x' }] }, roleBindings), ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"']);
    assert.match(fields({ metadata: { name: 'b' } } as KubeObject, roleBindings).join(), /roleRef/);
  });
});
