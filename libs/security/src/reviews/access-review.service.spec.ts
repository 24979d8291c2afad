import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, InvalidError } from '@app/api-machinery';
import { Authorizer } from '../authz/authorizer.service.js';
import type { RbacPolicyCache } from '../authz/rbac-policy-cache.js';
import { AccessReviewService } from './access-review.service.js';

const cache = {
  clusterRole: (name: string) => (name === 'view' ? { rules: [{ apiGroups: ['g'], resources: ['applications'], verbs: ['get', 'list'] }, { nonResourceURLs: ['/watch'], verbs: ['get'] }] } : undefined),
  role: () => undefined,
  clusterRoleBindings: () => [{ metadata: { name: 'v' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'alice' }] }],
  roleBindings: () => [{ metadata: { name: 'gone', namespace: 'ns' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', name: 'alice' }] }],
} as unknown as RbacPolicyCache;
const options = { mode: 'token' as const, maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0, requestTimeoutSeconds: 60 };
const service = new AccessReviewService(new Authorizer(options, cache));
const alice = { username: 'alice', groups: ['system:authenticated'] };
const ssar = (spec: unknown) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });

describe(AccessReviewService.name, () => {
  it('answers SelfSubjectAccessReview for resources and paths as the authorizer decides', () => {
    const allowed = service.selfSubjectAccessReview(alice, ssar({ resourceAttributes: { verb: 'list', group: 'g', resource: 'applications', namespace: 'ns' } }));
    assert.equal(allowed.kind, 'SelfSubjectAccessReview');
    assert.deepEqual(allowed.status, { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "v" of ClusterRole "view" to User "alice"' });
    const denied = service.selfSubjectAccessReview(alice, ssar({ resourceAttributes: { verb: 'create', group: 'g', resource: 'applications', namespace: 'ns' } }));
    assert.deepEqual(denied.status, { allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found' });
    assert.equal((service.selfSubjectAccessReview(alice, ssar({ nonResourceAttributes: { verb: 'get', path: '/watch' } })).status as { allowed: boolean }).allowed, true);
    assert.equal((service.selfSubjectAccessReview({ username: 'root', groups: ['system:masters'] }, ssar({ resourceAttributes: { verb: 'delete', resource: 'x' } })).status as { allowed: boolean }).allowed, true);
  });

  it('validates the review as kube does', () => {
    assert.throws(() => service.selfSubjectAccessReview(alice, ssar({})), (error: unknown) => error instanceof InvalidError && /exactly one of nonResourceAttributes or resourceAttributes/.test(error.message));
    assert.throws(() => service.selfSubjectAccessReview(alice, ssar({ resourceAttributes: {}, nonResourceAttributes: {} })), InvalidError);
    assert.throws(() => service.selfSubjectAccessReview(alice, { kind: 'Pod', spec: {} }), BadRequestError);
    assert.throws(() => service.selfSubjectAccessReview(alice, 'text'), BadRequestError);
  });

  it('lists the rules of SelfSubjectRulesReview, incomplete when a role is missing', () => {
    const review = service.selfSubjectRulesReview(alice, { kind: 'SelfSubjectRulesReview', spec: { namespace: 'ns' } });
    assert.deepEqual(review.status, {
      resourceRules: [{ verbs: ['get', 'list'], apiGroups: ['g'], resources: ['applications'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/watch'] }],
      incomplete: true,
      evaluationError: 'role.rbac.authorization.k8s.io "gone" not found',
    });
    assert.throws(() => service.selfSubjectRulesReview(alice, { spec: {} }), (error: unknown) => error instanceof BadRequestError && error.message === 'no namespace on request');
  });

  it('allows everything when authorization is off', () => {
    const open = new AccessReviewService(new Authorizer({ ...options, mode: 'none' }, cache));
    const review = open.selfSubjectAccessReview({ username: 'anyone' }, ssar({ resourceAttributes: { verb: 'delete', resource: 'applications' } }));
    assert.equal((review.status as { allowed: boolean }).allowed, true);
  });
});
