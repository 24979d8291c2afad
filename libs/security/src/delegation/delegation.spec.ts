import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InternalError } from '@app/api-machinery';
import type { AuthenticatedUser } from '../authn/user.js';
import type { AuthorizationAttributes, Decision } from '../authz/authorization-attributes.js';
import { CachedTokenReviewer } from './cached-token-reviewer.js';
import { DelegatingAuthorizer } from './delegating-authorizer.js';
import { ExpiringCache } from './expiring-cache.js';
import { SubjectAccessReviewer } from './subject-access-reviewer.js';
import { TokenReviewer } from './token-reviewer.js';

const alice: AuthenticatedUser = { username: 'alice', uid: 'a-1', groups: ['dev', 'system:authenticated'] };

/** A reviewer whose answers the test scripts; every call is recorded. */
class ScriptedTokenReviewer extends TokenReviewer {
  readonly server = 'https://cluster.test';
  readonly calls: string[] = [];
  answer: (token: string) => Promise<AuthenticatedUser | undefined> = async (token) => (token === 'good' ? alice : undefined);
  review(token: string): Promise<AuthenticatedUser | undefined> {
    this.calls.push(token);
    return this.answer(token);
  }
}

class ScriptedAccessReviewer extends SubjectAccessReviewer {
  readonly server = 'https://cluster.test';
  readonly calls: AuthorizationAttributes[] = [];
  answer: (attributes: AuthorizationAttributes) => Promise<Decision> = async (attributes) => ({ allowed: attributes.verb === 'get', reason: attributes.verb === 'get' ? 'RBAC: allowed' : '' });
  review(attributes: AuthorizationAttributes): Promise<Decision> {
    this.calls.push(attributes);
    return this.answer(attributes);
  }
}

describe(ExpiringCache.name, () => {
  it('forgets entries after their own TTL and evicts the oldest beyond its size', () => {
    let now = 0;
    const cache = new ExpiringCache<string>(2, () => now);
    cache.set('a', 'A', 100);
    cache.set('b', 'B', 10);
    now = 50;
    assert.deepEqual([cache.get('a'), cache.get('b')], ['A', undefined]);
    cache.set('c', 'C', 100);
    cache.set('d', 'D', 100);
    assert.deepEqual([cache.get('a'), cache.get('c'), cache.get('d'), cache.size], [undefined, 'C', 'D', 2]);
    cache.set('e', 'E', 0);
    assert.equal(cache.get('e'), undefined, 'a zero TTL caches nothing');
  });
});

describe(CachedTokenReviewer.name, () => {
  it('asks once per token while the answer is fresh, for valid and invalid tokens alike, then asks again', async () => {
    let now = 0;
    const reviewer = new ScriptedTokenReviewer();
    const cached = new CachedTokenReviewer(reviewer, { authenticatedMs: 1000, unauthenticatedMs: 100 }, () => now);
    assert.deepEqual(await cached.review('good'), alice);
    assert.deepEqual(await cached.review('good'), alice);
    assert.equal(await cached.review('bad'), undefined);
    assert.equal(await cached.review('bad'), undefined);
    assert.deepEqual(reviewer.calls, ['good', 'bad']);
    now = 500;
    await cached.review('good');
    await cached.review('bad');
    assert.deepEqual(reviewer.calls, ['good', 'bad', 'bad'], 'the invalid answer expired first');
    now = 1500;
    await cached.review('good');
    assert.deepEqual(reviewer.calls, ['good', 'bad', 'bad', 'good']);
  });

  it('shares one review among concurrent requests with the same token', async () => {
    const reviewer = new ScriptedTokenReviewer();
    let release!: () => void;
    reviewer.answer = () => new Promise((resolve) => (release = () => resolve(alice)));
    const cached = new CachedTokenReviewer(reviewer);
    const answers = Promise.all([cached.review('t'), cached.review('t'), cached.review('t')]);
    release();
    assert.deepEqual(await answers, [alice, alice, alice]);
    assert.equal(reviewer.calls.length, 1);
  });

  it('never caches a failed review: the next request asks again', async () => {
    const reviewer = new ScriptedTokenReviewer();
    reviewer.answer = () => Promise.reject(new Error('connection refused'));
    const cached = new CachedTokenReviewer(reviewer);
    await assert.rejects(cached.review('good'), /connection refused/);
    reviewer.answer = async () => alice;
    assert.deepEqual(await cached.review('good'), alice);
    assert.equal(reviewer.calls.length, 2);
  });
});

describe(DelegatingAuthorizer.name, () => {
  const options = { mode: 'token' as const, maxRequestsInFlight: 0, maxMutatingRequestsInFlight: 0, requestTimeoutSeconds: 60 };
  const get: AuthorizationAttributes = { kind: 'resource', user: alice, verb: 'get', apiGroup: 'cloudnative.elide.dev', resource: 'applications', namespace: 'shop', name: 'web' };
  const metrics: AuthorizationAttributes = { kind: 'nonResource', user: alice, verb: 'get', path: '/metrics' };

  it('asks the cluster, and reuses allowed and denied answers for the same user and attributes', async () => {
    const reviewer = new ScriptedAccessReviewer();
    const authorizer = new DelegatingAuthorizer(options, reviewer);
    assert.deepEqual(await authorizer.authorize(get), { allowed: true, reason: 'RBAC: allowed' });
    assert.deepEqual(await authorizer.authorize({ ...get }), { allowed: true, reason: 'RBAC: allowed' });
    const denied = { ...get, verb: 'delete' };
    assert.equal((await authorizer.authorize(denied)).allowed, false);
    assert.equal((await authorizer.authorize(denied)).allowed, false);
    assert.equal(reviewer.calls.length, 2);
    await authorizer.authorize({ ...get, user: { ...alice, groups: ['system:authenticated'] } });
    await authorizer.authorize({ ...get, namespace: 'other' });
    await authorizer.authorize(metrics);
    assert.equal(reviewer.calls.length, 5, 'another group set, namespace or path is another question');
  });

  it('allows system:masters without asking, and everything with AUTH_MODE=none', async () => {
    const reviewer = new ScriptedAccessReviewer();
    const root = { ...metrics, verb: 'post', user: { username: 'root', groups: ['system:masters'] } };
    assert.equal((await new DelegatingAuthorizer(options, reviewer).authorize(root)).allowed, true);
    assert.equal((await new DelegatingAuthorizer({ ...options, mode: 'none' }, reviewer).authorize({ ...get, verb: 'delete' })).allowed, true);
    assert.equal(reviewer.calls.length, 0);
  });

  it('answers a failed review with a 500 InternalError, as kube-apiserver, and does not cache it', async () => {
    const reviewer = new ScriptedAccessReviewer();
    reviewer.answer = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const authorizer = new DelegatingAuthorizer(options, reviewer);
    await assert.rejects(authorizer.authorize(get), (error: unknown) => error instanceof InternalError && error.code === 500 && /SubjectAccessReview: connect ECONNREFUSED/.test(error.message));
    reviewer.answer = async () => ({ allowed: true, reason: '' });
    assert.equal((await authorizer.authorize(get)).allowed, true);
    assert.equal(reviewer.calls.length, 2);
  });

  it('expires allowed answers after allowedMs and denied ones after deniedMs', async () => {
    const reviewer = new ScriptedAccessReviewer();
    const authorizer = new DelegatingAuthorizer({ ...options, accessReviewCacheTtls: { allowedMs: 0, deniedMs: 0 } }, reviewer);
    await authorizer.authorize(get);
    await authorizer.authorize(get);
    assert.equal(reviewer.calls.length, 2, 'a zero TTL asks every time');
  });
});
