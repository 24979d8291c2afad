import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '@app/api-machinery';
import type { Authenticator } from '../authn/authenticator.service.js';
import { TokenReviewService } from './token-review.service.js';

const authenticator = {
  authenticateToken: async (token: string) => (token === 'alice-token' ? { username: 'alice', uid: '7', groups: ['dev', 'system:authenticated'] } : undefined),
} as unknown as Authenticator;
const service = new TokenReviewService(authenticator);

describe(TokenReviewService.name, () => {
  it('answers a TokenReview with the token\'s user, or unauthenticated, as kube-apiserver does', async () => {
    const known = await service.tokenReview({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'alice-token', audiences: ['api'] } });
    assert.deepEqual(known.status, { authenticated: true, user: { username: 'alice', uid: '7', groups: ['dev', 'system:authenticated'] }, audiences: ['api'] });
    assert.deepEqual((await service.tokenReview({ kind: 'TokenReview', spec: { token: 'other' } })).status, { user: {} });
    await assert.rejects(service.tokenReview({ kind: 'TokenReview', spec: {} }), (error: unknown) => error instanceof BadRequestError && error.message === 'token is required for TokenReview in authentication');
    await assert.rejects(service.tokenReview({ kind: 'Pod', spec: { token: 'x' } }), BadRequestError);
  });

  it('answers a SelfSubjectReview with the caller (kubectl auth whoami)', () => {
    const review = service.selfSubjectReview({ username: 'bob', groups: ['system:authenticated'] }, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    assert.deepEqual(review, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: { creationTimestamp: null }, status: { userInfo: { username: 'bob', groups: ['system:authenticated'] } } });
  });
});
