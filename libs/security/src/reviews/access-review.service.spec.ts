import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, InvalidError } from '@app/api-machinery';
import { RbacAuthorizer } from '../authz/authorizer.service.js';
import type { RbacPolicyCache } from '../authz/rbac-policy-cache.js';
import { AccessReviewService } from './access-review.service.js';

const cache = {
  clusterRole: (name: string) => (name === 'view' ? { rules: [{ apiGroups: ['g'], resources: ['applications'], verbs: ['get', 'list'] }, { nonResourceURLs: ['/watch'], verbs: ['get'] }] } : undefined),
  role: () => undefined,
  clusterRoleBindings: () => [{ metadata: { name: 'v' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'alice' }] }],
  roleBindings: () => [{ metadata: { name: 'gone', namespace: 'ns' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', name: 'alice' }] }],
} as unknown as RbacPolicyCache;
const options = { mode: 'token' as const, maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0, requestTimeoutSeconds: 60 };
const service = new AccessReviewService(new RbacAuthorizer(options, cache));
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
    const open = new AccessReviewService(new RbacAuthorizer({ ...options, mode: 'none' }, cache));
    const review = open.selfSubjectAccessReview({ username: 'anyone' }, ssar({ resourceAttributes: { verb: 'delete', resource: 'applications' } }));
    assert.equal((review.status as { allowed: boolean }).allowed, true);
  });

  it('answers SubjectAccessReview for the user and groups in its spec, not the caller', () => {
    const sar = (spec: unknown) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
    const allowed = service.subjectAccessReview(sar({ user: 'alice', groups: ['system:authenticated'], resourceAttributes: { verb: 'list', group: 'g', resource: 'applications', namespace: 'ns' } }));
    assert.deepEqual([allowed.kind, allowed.status], ['SubjectAccessReview', { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "v" of ClusterRole "view" to User "alice"' }]);
    assert.equal((service.subjectAccessReview(sar({ user: 'bob', nonResourceAttributes: { verb: 'get', path: '/watch' } })).status as { allowed: boolean }).allowed, false);
    assert.equal((service.subjectAccessReview(sar({ groups: ['system:masters'], nonResourceAttributes: { verb: 'get', path: '/metrics' } })).status as { allowed: boolean }).allowed, true);
    assert.throws(
      () => service.subjectAccessReview(sar({ resourceAttributes: { verb: 'get' } })),
      (error: unknown) => error instanceof InvalidError && error.message.includes('spec.user: Invalid value: "": at least one of user or group must be specified'),
    );
  });

  it('answers LocalSubjectAccessReview in the path\'s namespace only, as kube validates it', () => {
    const lsar = (spec: unknown, metadata: unknown = {}) => ({ kind: 'LocalSubjectAccessReview', metadata, spec });
    const review = service.localSubjectAccessReview('ns', lsar({ user: 'alice', resourceAttributes: { verb: 'get', group: 'g', resource: 'applications', namespace: 'ns' } }));
    assert.deepEqual([(review.metadata as { namespace: string }).namespace, (review.status as { allowed: boolean }).allowed], ['ns', true]);
    assert.throws(() => service.localSubjectAccessReview('ns', lsar({ user: 'alice', resourceAttributes: { verb: 'get', namespace: 'other' } })), (error: unknown) => error instanceof InvalidError && /spec\.resourceAttributes\.namespace: Invalid value: "other": must match metadata\.namespace/.test(error.message));
    assert.throws(() => service.localSubjectAccessReview('ns', lsar({ user: 'alice', nonResourceAttributes: { verb: 'get', path: '/' } })), (error: unknown) => error instanceof InvalidError && /disallowed on this kind of request/.test(error.message));
    assert.throws(() => service.localSubjectAccessReview('ns', lsar({ user: 'alice', resourceAttributes: { namespace: 'ns' } }, { namespace: 'x' })), BadRequestError);
  });
});
