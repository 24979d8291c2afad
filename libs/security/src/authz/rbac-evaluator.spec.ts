import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationAttributes } from './authorization-attributes.js';
import { RbacEvaluator, RbacPolicySource } from './rbac-evaluator.js';
import { BindingObject, PolicyRule, RoleObject, Subject } from './rbac.types.js';

const APPS = 'cloudnative.elide.dev';
const rbac = 'rbac.authorization.k8s.io';

function policy(objects: { clusterRoles?: Record<string, PolicyRule[]>; roles?: Record<string, PolicyRule[]>; bindings?: BindingObject[] }): RbacPolicySource {
  const role = (rules: PolicyRule[]): RoleObject => ({ rules });
  return {
    clusterRole: (name) => (objects.clusterRoles?.[name] ? role(objects.clusterRoles[name]) : undefined),
    role: (namespace, name) => (objects.roles?.[`${namespace}/${name}`] ? role(objects.roles[`${namespace}/${name}`]) : undefined),
    clusterRoleBindings: () => (objects.bindings ?? []).filter((b) => !b.metadata?.namespace),
    roleBindings: (namespace) => (objects.bindings ?? []).filter((b) => b.metadata?.namespace === namespace),
  };
}

function binding(name: string, namespace: string | undefined, kind: 'Role' | 'ClusterRole', role: string, subjects: Subject[]): BindingObject {
  return { metadata: { name, ...(namespace ? { namespace } : {}) }, roleRef: { apiGroup: rbac, kind, name: role }, subjects };
}

const alice = { username: 'alice', groups: ['team', 'system:authenticated'] };
const request = (verb: string, extra: Partial<Extract<AuthorizationAttributes, { kind: 'resource' }>> = {}): AuthorizationAttributes => ({
  kind: 'resource',
  user: alice,
  verb,
  apiGroup: APPS,
  resource: 'applications',
  namespace: 'team-a',
  ...extra,
});

describe(RbacEvaluator.name, () => {
  const evaluator = new RbacEvaluator(
    policy({
      clusterRoles: {
        view: [{ apiGroups: [APPS], resources: ['applications'], verbs: ['get', 'list', 'watch'] }],
        scaler: [{ apiGroups: [APPS], resources: ['applications/scale'], verbs: ['patch', 'update'] }],
        metrics: [{ nonResourceURLs: ['/metrics', '/debug/*'], verbs: ['get'] }],
        'all-status': [{ apiGroups: ['*'], resources: ['*/status'], verbs: ['*'] }],
      },
      roles: { 'team-a/one-app': [{ apiGroups: [APPS], resources: ['applications'], resourceNames: ['web'], verbs: ['update', 'delete'] }] },
      bindings: [
        binding('team-view', 'team-a', 'ClusterRole', 'view', [{ kind: 'Group', name: 'team' }]),
        binding('web-owner', 'team-a', 'Role', 'one-app', [{ kind: 'User', name: 'alice', apiGroup: rbac }]),
        binding('scalers', 'team-b', 'ClusterRole', 'scaler', [{ kind: 'User', name: 'alice' }]),
        binding('monitoring', undefined, 'ClusterRole', 'metrics', [{ kind: 'User', name: 'alice' }]),
        binding('robot', 'team-c', 'ClusterRole', 'view', [{ kind: 'ServiceAccount', name: 'robot' }]),
        binding('statuses', undefined, 'ClusterRole', 'all-status', [{ kind: 'Group', name: 'controllers' }]),
        binding('dangling', 'team-d', 'Role', 'missing', [{ kind: 'User', name: 'alice' }]),
      ],
    }),
  );

  it('grants by verb in the RoleBinding namespace only', () => {
    assert.equal(evaluator.authorize(request('list')).allowed, true);
    assert.equal(evaluator.authorize(request('create')).allowed, false);
    assert.equal(evaluator.authorize(request('list', { namespace: 'team-b' })).allowed, false);
    assert.equal(evaluator.authorize(request('list', { namespace: undefined })).allowed, false, 'a namespaced grant never covers the cluster scope');
  });

  it('explains an allow with the binding, as kube does', () => {
    assert.equal(evaluator.authorize(request('get')).reason, 'RBAC: allowed by RoleBinding "team-view/team-a" of ClusterRole "view" to Group "team"');
    assert.equal(
      evaluator.authorize({ kind: 'nonResource', user: alice, verb: 'get', path: '/metrics' }).reason,
      'RBAC: allowed by ClusterRoleBinding "monitoring" of ClusterRole "metrics" to User "alice"',
    );
  });

  it('matches resourceNames (a request without a name never matches them)', () => {
    assert.equal(evaluator.authorize(request('update', { name: 'web' })).allowed, true);
    assert.equal(evaluator.authorize(request('update', { name: 'api' })).allowed, false);
    assert.equal(evaluator.authorize(request('delete')).allowed, false);
  });

  it('treats subresources as their own resources', () => {
    assert.equal(evaluator.authorize(request('patch', { namespace: 'team-b', name: 'web', subresource: 'scale' })).allowed, true);
    assert.equal(evaluator.authorize(request('patch', { namespace: 'team-b', name: 'web' })).allowed, false);
    assert.equal(evaluator.authorize(request('get', { name: 'web', subresource: 'status' })).allowed, false, 'applications does not cover applications/status');
    const controller = { username: 'ctl', groups: ['controllers'] };
    assert.equal(evaluator.authorize({ ...request('update', { name: 'x', subresource: 'status' }), user: controller }).allowed, true, '*/status');
    assert.equal(evaluator.authorize({ ...request('update', { name: 'x' }), user: controller }).allowed, false);
  });

  it('matches non-resource URLs exactly or by a trailing *', () => {
    const get = (path: string, verb = 'get') => evaluator.authorize({ kind: 'nonResource', user: alice, verb, path }).allowed;
    assert.equal(get('/metrics'), true);
    assert.equal(get('/debug/queue'), true);
    assert.equal(get('/debug'), false);
    assert.equal(get('/metrics', 'post'), false);
    assert.equal(get('/watch'), false);
  });

  it('matches service accounts by their username, defaulting to the binding namespace', () => {
    const robot = { username: 'system:serviceaccount:team-c:robot', groups: [] };
    assert.equal(evaluator.authorize({ ...request('list', { namespace: 'team-c' }), user: robot }).allowed, true);
    assert.equal(evaluator.authorize({ ...request('list', { namespace: 'team-c' }), user: { username: 'robot' } }).allowed, false);
  });

  it('reports bindings to missing roles in the reason of a denial', () => {
    assert.deepEqual(evaluator.authorize(request('list', { namespace: 'team-d' })), { allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "missing" not found' });
  });

  it('lists the rules of a user in a namespace, cluster-wide ones included', () => {
    const { rules, errors } = evaluator.rulesFor(alice, 'team-a');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      rules.map((r) => r.resources?.join() ?? r.nonResourceURLs?.join()),
      ['/metrics,/debug/*', 'applications', 'applications'],
    );
    assert.deepEqual(evaluator.rulesFor(alice, 'team-d').errors, ['role.rbac.authorization.k8s.io "missing" not found']);
  });
});
