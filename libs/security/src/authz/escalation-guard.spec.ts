import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError, KubeObject, NotFoundError, StatusError } from '@app/api-machinery';
import type { WriteAttempt } from '@app/crd';
import { RbacEscalationGuard } from './escalation-guard.js';
import type { RbacPolicySource } from './rbac-evaluator.js';
import { BindingObject, PolicyRule, RBAC_GROUP, RoleObject } from './rbac.types.js';

const APPS = 'cloudnative.elide.dev';
const READ: PolicyRule = { apiGroups: [APPS], resources: ['applications'], verbs: ['get', 'list', 'watch'] };
const WRITE_ROLES: PolicyRule = { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: ['create', 'update'] };

const clusterRoles: Record<string, PolicyRule[]> = {
  reader: [READ],
  'role-writer': [WRITE_ROLES],
  escalator: [{ apiGroups: [RBAC_GROUP], resources: ['roles'], verbs: ['escalate'] }],
  'bind-admin': [{ apiGroups: [RBAC_GROUP], resources: ['clusterroles'], resourceNames: ['admin'], verbs: ['bind'] }],
  admin: [READ, { apiGroups: [APPS], resources: ['applications'], verbs: ['delete'] }, WRITE_ROLES],
  everything: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }],
};

const bind = (name: string, role: string, user: string, namespace?: string): BindingObject => ({
  metadata: { name, ...(namespace ? { namespace } : {}) },
  roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
  subjects: [{ kind: 'User', name: user }],
});

function guardWith(bindings: BindingObject[], enforced = true): RbacEscalationGuard {
  const source: RbacPolicySource = {
    clusterRole: (name) => (clusterRoles[name] ? ({ rules: clusterRoles[name] } as RoleObject) : undefined),
    role: () => undefined,
    clusterRoleBindings: () => bindings.filter((b) => !b.metadata?.namespace),
    roleBindings: (namespace) => bindings.filter((b) => b.metadata?.namespace === namespace),
  };
  return new RbacEscalationGuard(() => enforced, source);
}

const alice = { username: 'alice', groups: ['devs', 'system:authenticated'] };
const attempt = (object: KubeObject, extra: Partial<WriteAttempt> = {}): WriteAttempt => ({ operation: 'CREATE', object, namespace: 'team-a', user: alice, dryRun: false, ...extra });
const role = (rules: PolicyRule[], name = 'r'): KubeObject => ({ metadata: { name, namespace: 'team-a' }, rules });
const roleBinding = (roleName: string, name = 'b'): KubeObject => ({ metadata: { name, namespace: 'team-a' }, roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName }, subjects: [{ kind: 'User', name: 'bob' }] });

function refusal(run: () => void): StatusError {
  try {
    run();
  } catch (error) {
    return error as StatusError;
  }
  assert.fail('expected a refusal');
}

describe(RbacEscalationGuard.name, () => {
  const inTeamA = [bind('alice-reader', 'reader', 'alice', 'team-a'), bind('alice-writer', 'role-writer', 'alice', 'team-a')];

  it('lets a user grant in a Role only what they hold in its namespace', () => {
    const guard = guardWith(inTeamA);
    guard.check('roles', attempt(role([{ apiGroups: [APPS], resources: ['applications'], verbs: ['get'] }])));
    const error = refusal(() => guard.check('roles', attempt(role([READ, { apiGroups: [APPS], resources: ['applications'], verbs: ['delete', 'patch'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }]))));
    assert.ok(error instanceof ForbiddenError);
    assert.equal(
      error.message,
      'roles.rbac.authorization.k8s.io "r" is forbidden: user "alice" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["cloudnative.elide.dev"], Resources:["applications"], Verbs:["delete" "patch"]}\n{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    );
    assert.deepEqual(error.details, { name: 'r', group: RBAC_GROUP, kind: 'roles' });
    // Held in team-a only: the same Role in team-b grants what alice does not hold there.
    assert.throws(() => guard.check('roles', attempt(role([READ]), { namespace: 'team-b' })), ForbiddenError);
    assert.throws(() => guard.check('clusterroles', attempt({ metadata: { name: 'c' }, rules: [READ] }, { namespace: '' })), /clusterroles.rbac.authorization.k8s.io "c" is forbidden/);
  });

  it('lets `escalate` (on the request name for an update), system:masters and enforcement off through', () => {
    const big = role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
    guardWith([...inTeamA, bind('esc', 'escalator', 'alice', 'team-a')]).check('roles', attempt(big));
    guardWith(inTeamA).check('roles', attempt(big, { user: { username: 'root', groups: ['system:masters'] } }));
    guardWith(inTeamA, false).check('roles', attempt(big));
  });

  it('requires full authority to set or drop an aggregationRule', () => {
    const guard = guardWith([bind('alice-admin', 'admin', 'alice')]);
    const aggregated = { metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] }, rules: [] };
    const error = refusal(() => guard.check('clusterroles', attempt(aggregated, { namespace: '' })));
    assert.equal(error.message, 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    guardWith([bind('root', 'everything', 'alice')]).check('clusterroles', attempt(aggregated, { namespace: '' }));
  });

  it('lets a user bind a role they hold, or one they may `bind` (resourceNames apply)', () => {
    guardWith([bind('alice-admin', 'admin', 'alice', 'team-a')]).check('rolebindings', attempt(roleBinding('admin')));
    const guard = guardWith(inTeamA);
    const error = refusal(() => guard.check('rolebindings', attempt(roleBinding('admin', 'give-admin'))));
    assert.equal(
      error.message,
      'rolebindings.rbac.authorization.k8s.io "give-admin" is forbidden: user "alice" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["cloudnative.elide.dev"], Resources:["applications"], Verbs:["delete"]}',
    );
    const binder = guardWith([...inTeamA, bind('alice-bind', 'bind-admin', 'alice', 'team-a')]);
    binder.check('rolebindings', attempt(roleBinding('admin')));
    assert.throws(() => binder.check('rolebindings', attempt(roleBinding('everything'))), ForbiddenError);
  });

  it('answers 404 for a missing role unless the user may bind it', () => {
    const error = refusal(() => guardWith(inTeamA).check('rolebindings', attempt(roleBinding('ghost'))));
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.message, 'clusterroles.rbac.authorization.k8s.io "ghost" not found');
    guardWith([bind('root', 'everything', 'alice')]).check('rolebindings', attempt(roleBinding('ghost')));
  });

  it('skips updates that only change ownerReferences or finalizers', () => {
    const guard = guardWith(inTeamA);
    const old = role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
    const next = structuredClone(old);
    next.metadata!.finalizers = ['example.com/keep'];
    guard.check('roles', attempt(next, { operation: 'UPDATE', oldObject: old }));
    next.metadata!.labels = { changed: 'yes' };
    assert.throws(() => guard.check('roles', attempt(next, { operation: 'UPDATE', oldObject: old })), ForbiddenError);
  });
});
