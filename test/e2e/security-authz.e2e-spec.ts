import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { APPS, application, Http } from '../support/http.js';
import { startTestOperator, tempDir } from '../support/operator.js';
import { as, eventually, openStream, securityEnv } from './security-fixtures.js';

const TEAM_A = `${APPS}/namespaces/team-a/applications`;
const TEAM_B = `${APPS}/namespaces/team-b/applications`;

describe('Security: authentication and RBAC (e2e)', () => {
  let operator: RunningOperator;
  let anonymous: Http;
  const dir = tempDir('security-authz-');

  before(async () => {
    operator = await startTestOperator({ ...securityEnv(dir.path), RECONCILER_ENABLED: 'false' });
    anonymous = new Http(operator.url);
    const admin = as(operator.url, 'admin');
    assert.equal((await admin.post(TEAM_A, application('web'))).status, 201);
    assert.equal((await admin.post(TEAM_A, application('api'))).status, 201);
    assert.equal((await admin.post(TEAM_B, application('db'))).status, 201);
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  describe('authentication', () => {
    const unauthorized = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    };

    it('answers 401 Unauthorized without a token or with a wrong one', async () => {
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }, { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` }, { authorization: 'Bearer ' }];
      for (const headers of attempts) {
        const res = await anonymous.get(TEAM_A, headers);
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.deepEqual(res.body, unauthorized);
      }
      assert.equal((await anonymous.post(TEAM_A, application('x'))).status, 401);
      assert.equal((await anonymous.get('/apis')).status, 401);
    });

    it('answers 401 on watches and on the SSE stream before streaming anything', async () => {
      for (const path of [`${TEAM_A}?watch=true`, `${APPS}/applications?watch=1`, `${APPS}/watch/namespaces/team-a/applications`, '/watch', '/watch?kind=Application', '/events']) {
        for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
          const res = await anonymous.get(path, headers);
          assert.equal(res.status, 401, path);
          assert.equal(res.body.reason, 'Unauthorized');
        }
      }
    });

    it('serves probes, /version and the dashboard assets to anyone; /metrics needs a grant', async () => {
      for (const path of ['/healthz', '/livez', '/readyz', '/version', '/security/dashboard-auth.js']) {
        const res = await anonymous.get(path);
        assert.ok(res.status < 400, `${path}: ${res.status}`);
      }
      assert.equal((await anonymous.get('/metrics')).status, 401);
      const denied = await as(operator.url, 'dave').get('/metrics');
      assert.equal(denied.status, 403);
      assert.equal(denied.body.message, 'forbidden: User "dave" cannot get path "/metrics"');
      const scraped = await as(operator.url, 'prometheus').get('/metrics');
      assert.equal(scraped.status, 200);
      assert.match(scraped.text, /# TYPE/);
    });

    it('passes the authenticated user to admission (tracking annotation)', async () => {
      const created = await as(operator.url, 'alice').post(TEAM_A, application('by-alice'));
      assert.equal(created.status, 201);
      assert.equal(created.body.metadata.annotations['cloudnative.elide.dev/last-admitted-by'], 'alice');
      const patched = await as(operator.url, 'carol').patch(`${TEAM_A}/web`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
      assert.equal(patched.status, 200);
      assert.equal(patched.body.metadata.annotations['cloudnative.elide.dev/last-admitted-by'], 'carol');
    });
  });

  describe('authorization (403 per verb, resource, subresource, namespace, resourceName)', () => {
    it('allows a verb the role grants and refuses one it does not, with kube-apiserver\'s message', async () => {
      const bob = as(operator.url, 'bob');
      assert.equal((await bob.get(TEAM_A)).status, 200);
      assert.equal((await bob.get(`${TEAM_B}/db`)).status, 200);
      const create = await bob.post(TEAM_A, application('nope'));
      assert.equal(create.status, 403);
      assert.deepEqual(create.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'applications.cloudnative.elide.dev is forbidden: User "bob" cannot create resource "applications" in API group "cloudnative.elide.dev" in the namespace "team-a"',
        reason: 'Forbidden',
        details: { group: 'cloudnative.elide.dev', kind: 'applications' },
        code: 403,
      });
      const del = await bob.delete(`${TEAM_A}/web`);
      assert.equal(del.status, 403);
      assert.equal(del.body.message, 'applications.cloudnative.elide.dev "web" is forbidden: User "bob" cannot delete resource "applications" in API group "cloudnative.elide.dev" in the namespace "team-a"');
      assert.deepEqual(del.body.details, { name: 'web', group: 'cloudnative.elide.dev', kind: 'applications' });
      assert.equal((await as(operator.url, 'dave').get(TEAM_A)).status, 403);
    });

    it('refuses a resource the role does not name', async () => {
      const res = await as(operator.url, 'bob').get('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings');
      assert.equal(res.status, 403);
      assert.equal(res.body.message, 'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "bob" cannot list resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope');
    });

    it('treats subresources separately: edit may scale but not write status', async () => {
      const alice = as(operator.url, 'alice');
      const scaled = await alice.patch(`${TEAM_A}/api/scale`, { spec: { replicas: 4 } }, 'application/merge-patch+json');
      assert.equal(scaled.status, 200);
      const status = await alice.patch(`${TEAM_A}/api/status`, { status: { phase: 'Running' } }, 'application/merge-patch+json');
      assert.equal(status.status, 403);
      assert.equal(status.body.message, 'applications.cloudnative.elide.dev "api" is forbidden: User "alice" cannot patch resource "applications/status" in API group "cloudnative.elide.dev" in the namespace "team-a"');
      const bobScale = await as(operator.url, 'bob').put(`${TEAM_A}/api/scale`, { spec: { replicas: 1 } });
      assert.equal(bobScale.status, 403);
      assert.match(bobScale.body.message, /cannot update resource "applications\/scale"/);
    });

    it('limits a RoleBinding to its namespace, and a namespaced grant never covers the cluster scope', async () => {
      const alice = as(operator.url, 'alice');
      assert.equal((await alice.get(TEAM_A)).status, 200);
      const other = await alice.get(TEAM_B);
      assert.equal(other.status, 403);
      assert.match(other.body.message, /cannot list resource "applications" in API group "cloudnative.elide.dev" in the namespace "team-b"$/);
      const all = await alice.get(`${APPS}/applications`);
      assert.equal(all.status, 403);
      assert.match(all.body.message, /cannot list resource "applications" in API group "cloudnative.elide.dev" at the cluster scope$/);
      assert.equal((await as(operator.url, 'bob').get(`${APPS}/applications`)).status, 200);
    });

    it('limits a rule with resourceNames to those objects', async () => {
      const carol = as(operator.url, 'carol');
      assert.equal((await carol.get(`${TEAM_A}/web`)).status, 200);
      assert.equal((await carol.get(`${TEAM_A}/web/scale`)).status, 200);
      const api = await carol.get(`${TEAM_A}/api`);
      assert.equal(api.status, 403);
      assert.equal(api.body.message, 'applications.cloudnative.elide.dev "api" is forbidden: User "carol" cannot get resource "applications" in API group "cloudnative.elide.dev" in the namespace "team-a"');
      assert.equal((await carol.get(TEAM_A)).status, 403, 'a list has no name, so resourceNames never match it');
      assert.equal((await carol.delete(`${TEAM_A}/web`)).status, 403);
    });

    it('lets every authenticated user discover the API, the RBAC resources and the self reviews', async () => {
      const dave = as(operator.url, 'dave');
      const reviews = await dave.get('/apis/authorization.k8s.io/v1');
      assert.equal(reviews.status, 200);
      const byName = new Map(reviews.body.resources.map((r: { name: string; verbs: string[] }) => [r.name, r.verbs]));
      assert.deepEqual(byName.get('selfsubjectaccessreviews'), ['create']);
      assert.deepEqual(byName.get('selfsubjectrulesreviews'), ['create']);
      const rbac = await dave.get('/apis/rbac.authorization.k8s.io/v1');
      assert.deepEqual(rbac.body.resources.map((r: { name: string }) => r.name).sort(), ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles']);
      assert.equal((await dave.get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).status, 403, 'only create is granted');
      assert.equal((await as(operator.url, 'admin').get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).status, 405);
    });

    it('serves RBAC objects as resources and applies changes made through the API', async () => {
      const admin = as(operator.url, 'admin');
      const list = await admin.get('/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((b: { metadata: { name: string } }) => b.metadata.name).sort(), ['carol-web', 'team-a-devs-edit']);
      const dave = as(operator.url, 'dave');
      assert.equal((await dave.get(TEAM_B)).status, 403);
      const binding = {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'dave-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', name: 'dave' }],
      };
      assert.equal((await admin.post('/apis/rbac.authorization.k8s.io/v1/namespaces/team-b/rolebindings', binding)).status, 201);
      await eventually(async () => (await dave.get(TEAM_B)).status === 200);
      assert.equal((await admin.delete('/apis/rbac.authorization.k8s.io/v1/namespaces/team-b/rolebindings/dave-view')).status, 200);
      await eventually(async () => (await dave.get(TEAM_B)).status === 403);
      const invalid = await admin.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { ...binding, kind: 'ClusterRoleBinding', metadata: { name: 'x' }, roleRef: { ...binding.roleRef, kind: 'Role' } });
      assert.equal(invalid.status, 422);
    });
  });

  describe('watches show only what the caller may watch', () => {
    it('refuses a cluster-wide watch to a namespace-only user and streams their namespace', async () => {
      const denied = await openStream(operator.url, `${APPS}/applications?watch=true`, 'alice');
      assert.equal(denied.status, 403);
      const status = JSON.parse(await denied.text());
      assert.match(status.message, /cannot watch resource "applications" in API group "cloudnative.elide.dev" at the cluster scope$/);
      const stream = await openStream(operator.url, `${TEAM_A}?watch=true`, 'alice');
      assert.equal(stream.status, 200);
      await stream.waitFor(/"name":"web"/);
      assert.doesNotMatch(stream.received(), /"namespace":"team-b"/);
      stream.close();
    });

    it('lets a resourceNames grant watch its object through a metadata.name field selector', async () => {
      const stream = await openStream(operator.url, `${TEAM_A}?watch=true&fieldSelector=metadata.name%3Dweb`, 'carol');
      assert.equal(stream.status, 200);
      await stream.waitFor(/"name":"web"/);
      stream.close();
      const other = await openStream(operator.url, `${TEAM_A}?watch=true&fieldSelector=metadata.name%3Dapi`, 'carol');
      assert.equal(other.status, 403);
      other.close();
    });

    it('streams every namespace to a cluster-wide viewer', async () => {
      const stream = await openStream(operator.url, `${APPS}/applications?watch=true`, 'bob');
      assert.equal(stream.status, 200);
      await stream.waitFor(/"namespace":"team-b"/);
      await stream.waitFor(/"namespace":"team-a"/);
      stream.close();
    });

    it('answers /events only where the caller may list events', async () => {
      const alice = as(operator.url, 'alice');
      const all = await alice.get('/events');
      assert.equal(all.status, 403);
      assert.equal(all.body.message, 'events is forbidden: User "alice" cannot list resource "events" in API group "" at the cluster scope');
      assert.equal((await alice.get('/events?namespace=team-a')).status, 200);
      assert.equal((await alice.get('/events?namespace=team-b')).status, 403);
      assert.equal((await as(operator.url, 'bob').get('/events')).status, 200);
    });
  });
});
