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
    assert.deepEqual(authorizationDefinitions().map((d) => [d.group, d.plural, d.scope, d.verbs]), [
      ['authorization.k8s.io', 'selfsubjectaccessreviews', 'Cluster', ['create']],
      ['authorization.k8s.io', 'selfsubjectrulesreviews', 'Cluster', ['create']],
      ['authorization.k8s.io', 'subjectaccessreviews', 'Cluster', ['create']],
      ['authorization.k8s.io', 'localsubjectaccessreviews', 'Namespaced', ['create']],
      ['authentication.k8s.io', 'tokenreviews', 'Cluster', ['create']],
      ['authentication.k8s.io', 'selfsubjectreviews', 'Cluster', ['create']],
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

  it('validates RBAC names as path segments, as kube\'s ValidateRBACName', () => {
    for (const definition of rbacDefinitions()) {
      assert.deepEqual(definition.validateName!('system:monitoring'), []);
      assert.deepEqual(definition.validateName!('Foo_Bar baz'), []);
      assert.deepEqual(definition.validateName!('..'), ["may not be '..'"]);
      assert.deepEqual(definition.validateName!('a/b%c'), ["may not contain '/'", "may not contain '%'"]);
      assert.deepEqual(definition.validateName!(7), ['must be a string']);
    }
    assert.equal(authorizationDefinitions()[0].validateName, undefined);
  });

  it('makes a binding\'s roleRef immutable with kube\'s message', () => {
    const old = { metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } } as KubeObject;
    for (const definition of [roleBindings, clusterRoleBindings]) {
      assert.deepEqual(definition.validateUpdate!({ ...old, subjects: [] }, old), []);
      assert.deepEqual(definition.validateUpdate!({ ...old, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' } }, old), [
        { reason: 'FieldValueInvalid', field: 'roleRef', message: 'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"admin"}: cannot change roleRef' },
      ]);
    }
    assert.equal(roles.validateUpdate, undefined);
  });

  it('runs the write guard, when given, for each RBAC resource', async () => {
    const seen: string[] = [];
    const guarded = rbacDefinitions({ check: (resource, attempt) => void seen.push(`${resource}:${attempt.operation}`) });
    for (const definition of guarded) await definition.validateWrite!({ operation: 'CREATE', object: {}, user: { username: 'u' }, dryRun: false });
    assert.deepEqual(seen, ['roles:CREATE', 'clusterroles:CREATE', 'rolebindings:CREATE', 'clusterrolebindings:CREATE']);
    assert.equal(roles.validateWrite, undefined);
  });
});
