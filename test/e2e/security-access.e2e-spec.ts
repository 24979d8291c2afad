import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { APPS, application } from '../support/http.js';
import { freePort, startTestOperator, tempDir } from '../support/operator.js';
import { as, eventually, kubectlAs, openStream, securityEnv, USERS } from './security-fixtures.js';

const TEAM_A = `${APPS}/namespaces/team-a/applications`;
const TEAM_B = `${APPS}/namespaces/team-b/applications`;

describe('Security: kubectl auth can-i, filtered SSE, audit log (e2e)', () => {
  let operator: RunningOperator;
  let server: string;
  let ca: string;
  const dir = tempDir('security-access-');
  const auditLog = join(dir.path, 'audit', 'audit.log');

  before(async () => {
    const webhookPort = await freePort();
    operator = await startTestOperator({
      ...securityEnv(dir.path),
      RECONCILER_ENABLED: 'false',
      DATA_DIR: dir.path,
      WEBHOOK_TLS: 'auto',
      WEBHOOK_PORT: String(webhookPort),
      AUDIT_LOG_PATH: auditLog,
      AUDIT_LEVEL: 'Request',
    });
    server = `https://localhost:${webhookPort}`;
    const bundle = await fetch(`${operator.url}/webhook/ca.crt`);
    assert.equal(bundle.status, 200, 'the CA bundle is public');
    ca = await bundle.text();
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  describe('kubectl auth can-i', () => {
    it('answers yes for what RBAC allows and no for what it does not', async () => {
      const alice = kubectlAs(dir.path, server, ca, 'alice');
      const yes = await alice.run(['auth', 'can-i', 'create', 'applications', '-n', 'team-a']);
      assert.deepEqual([yes.code, yes.stdout.trim()], [0, 'yes'], yes.stderr);
      const no = await alice.run(['auth', 'can-i', 'create', 'applications', '-n', 'team-b']);
      assert.deepEqual([no.code, no.stdout.trim()], [1, 'no'], no.stderr);
      const status = await alice.run(['auth', 'can-i', 'patch', 'applications', '--subresource=status', '-n', 'team-a']);
      assert.equal(status.stdout.trim(), 'no');
      const scale = await alice.run(['auth', 'can-i', 'patch', 'applications', '--subresource=scale', '-n', 'team-a']);
      assert.equal(scale.stdout.trim(), 'yes');
      const carol = kubectlAs(dir.path, server, ca, 'carol');
      assert.equal((await carol.run(['auth', 'can-i', 'get', 'applications/web', '-n', 'team-a'])).stdout.trim(), 'yes');
      assert.equal((await carol.run(['auth', 'can-i', 'get', 'applications/api', '-n', 'team-a'])).stdout.trim(), 'no');
      assert.equal((await kubectlAs(dir.path, server, ca, 'prometheus').run(['auth', 'can-i', 'get', '/metrics'])).stdout.trim(), 'yes');
      assert.equal((await alice.run(['auth', 'can-i', 'get', '/metrics'])).stdout.trim(), 'no');
      const admin = kubectlAs(dir.path, server, ca, 'admin');
      assert.equal((await admin.run(['auth', 'can-i', '*', '*', '--all-namespaces'])).stdout.trim(), 'yes');
    });

    it('lists what the user may do with --list', async () => {
      const listed = await kubectlAs(dir.path, server, ca, 'alice').ok(['auth', 'can-i', '--list', '-n', 'team-a']);
      const line = (resource: string) => listed.split('\n').find((l) => l.startsWith(`${resource} `)) ?? '';
      assert.match(line('applications.cloudnative.elide.dev'), /\[create delete deletecollection patch update get list watch\]/);
      assert.match(line('applications.cloudnative.elide.dev/scale'), /create/);
      assert.match(line('applications.cloudnative.elide.dev/status'), /\[get list watch\]$/);
      assert.match(line('selfsubjectaccessreviews.authorization.k8s.io'), /\[create\]/);
      assert.match(listed, /\[\/watch\]\s+\[\]\s+\[get\]/);
      const elsewhere = await kubectlAs(dir.path, server, ca, 'alice').ok(['auth', 'can-i', '--list', '-n', 'team-b']);
      assert.doesNotMatch(elsewhere, /applications\.cloudnative\.elide\.dev/);
    });

    it('works with kubectl get over HTTPS with a token, and refuses what RBAC refuses', async () => {
      await as(operator.url, 'admin').post(TEAM_A, application('kubectl-app'));
      const bob = kubectlAs(dir.path, server, ca, 'bob');
      assert.match(await bob.ok(['get', 'applications', '-n', 'team-a']), /kubectl-app/);
      const denied = await bob.run(['delete', 'application', 'kubectl-app', '-n', 'team-a']);
      assert.notEqual(denied.code, 0);
      assert.match(denied.stderr, /Error from server \(Forbidden\): applications.cloudnative.elide.dev "kubectl-app" is forbidden: User "bob" cannot delete resource "applications" in API group "cloudnative.elide.dev" in the namespace "team-a"/);
    });
  });

  describe('reviews for delegating servers and kubectl auth whoami', () => {
    it('tells each user who they are (kubectl auth whoami, a SelfSubjectReview)', async () => {
      const whoami = await kubectlAs(dir.path, server, ca, 'alice').ok(['auth', 'whoami']);
      assert.match(whoami, /Username\s+alice/);
      assert.match(whoami, /Groups\s+\[team-a-devs system:authenticated\]/);
    });

    it('authenticates a token in a TokenReview for who may create tokenreviews, and only for them', async () => {
      const review = (token: string) => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
      const known = await as(operator.url, 'admin').post('/apis/authentication.k8s.io/v1/tokenreviews', review(USERS.bob.token));
      assert.equal(known.status, 201, known.text);
      assert.deepEqual(known.body.status, { authenticated: true, user: { username: 'bob', uid: 'uid-bob', groups: ['system:authenticated'] } });
      const unknown = await as(operator.url, 'admin').post('/apis/authentication.k8s.io/v1/tokenreviews', review('not-a-token'));
      assert.deepEqual([unknown.status, unknown.body.status], [201, { user: {} }]);
      const denied = await as(operator.url, 'alice').post('/apis/authentication.k8s.io/v1/tokenreviews', review(USERS.bob.token));
      assert.equal(denied.status, 403);
      assert.equal(denied.body.message, 'tokenreviews.authentication.k8s.io is forbidden: User "alice" cannot create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope');
      assert.equal((await as(operator.url, 'admin').get('/apis/authentication.k8s.io/v1/tokenreviews')).status, 405, 'nothing is stored to list');
    });

    it('answers SubjectAccessReview and LocalSubjectAccessReview with RBAC\'s decision for the named subject', async () => {
      const admin = as(operator.url, 'admin');
      const attributes = { verb: 'create', group: 'cloudnative.elide.dev', resource: 'applications', namespace: 'team-a' };
      const sar = await admin.post('/apis/authorization.k8s.io/v1/subjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'alice', groups: ['team-a-devs'], resourceAttributes: attributes } });
      assert.equal(sar.status, 201, sar.text);
      assert.deepEqual(sar.body.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "team-a-devs-edit/team-a" of ClusterRole "edit" to Group "team-a-devs"' });
      const elsewhere = await admin.post('/apis/authorization.k8s.io/v1/namespaces/team-b/localsubjectaccessreviews', { kind: 'LocalSubjectAccessReview', spec: { user: 'alice', groups: ['team-a-devs'], resourceAttributes: { ...attributes, namespace: 'team-b' } } });
      assert.deepEqual([elsewhere.status, elsewhere.body.status.allowed, elsewhere.body.metadata.namespace], [201, false, 'team-b']);
      const mismatch = await admin.post('/apis/authorization.k8s.io/v1/namespaces/team-b/localsubjectaccessreviews', { kind: 'LocalSubjectAccessReview', spec: { user: 'alice', resourceAttributes: attributes } });
      assert.deepEqual([mismatch.status, mismatch.body.reason], [422, 'Invalid']);
      const noSubject = await admin.post('/apis/authorization.k8s.io/v1/subjectaccessreviews', { kind: 'SubjectAccessReview', spec: { resourceAttributes: attributes } });
      assert.deepEqual([noSubject.status, noSubject.body.details.causes[0].field], [422, 'spec.user']);
      const bob = await as(operator.url, 'bob').post('/apis/authorization.k8s.io/v1/subjectaccessreviews', { kind: 'SubjectAccessReview', spec: { user: 'bob', resourceAttributes: attributes } });
      assert.equal(bob.status, 403, 'asking about others needs create subjectaccessreviews');
    });
  });

  describe('SSE /watch', () => {
    const sse = async (user: 'alice' | 'bob' | 'dave', query = 'kind=Application') => {
      const stream = await openStream(operator.url, `/watch?${query}`, user);
      assert.equal(stream.status, 200, 'the stream is open to every authenticated user');
      await stream.waitFor(/event: ready/);
      return stream;
    };

    it('streams only the changes the caller may watch', async () => {
      const alice = await sse('alice');
      const bob = await sse('bob');
      const admin = as(operator.url, 'admin');
      assert.equal((await admin.post(TEAM_B, application('hidden-from-alice'))).status, 201);
      assert.equal((await admin.post(TEAM_A, application('seen-by-alice'))).status, 201);
      await alice.waitFor(/"name":"seen-by-alice"/);
      await bob.waitFor(/"name":"seen-by-alice"/);
      assert.doesNotMatch(alice.received(), /hidden-from-alice/);
      assert.match(bob.received(), /hidden-from-alice/);
      alice.close();
      bob.close();
    });

    it('shows nothing to a user who may watch nothing, events included', async () => {
      const dave = await sse('dave', 'kind=Application&include=events');
      const bob = await sse('bob', 'kind=Application&include=events');
      await as(operator.url, 'admin').post(TEAM_A, application('dave-cannot-see'));
      await bob.waitFor(/"name":"dave-cannot-see"/);
      await as(operator.url, 'alice').post(TEAM_A, application('marker'));
      await bob.waitFor(/"name":"marker"/);
      assert.doesNotMatch(dave.received(), /dave-cannot-see|marker/);
      dave.close();
      bob.close();
    });
  });

  describe('audit log', () => {
    it('records allowed and denied requests as audit.k8s.io/v1 Events, without any token', async () => {
      const alice = as(operator.url, 'alice');
      assert.equal((await alice.post(TEAM_A, application('audited'))).status, 201);
      assert.equal((await alice.get(`${TEAM_B}/db`)).status, 403);
      assert.equal((await alice.get(`${TEAM_A}?access_token=${USERS.admin.token}`)).status, 200);
      assert.equal((await as(operator.url, 'admin').get('/healthz')).status, 200);
      await fetch(`${operator.url}${TEAM_A}`, { headers: { authorization: 'Bearer forged-token-123' } });
      let events: Record<string, any>[] = [];
      await eventually(async () => {
        events = readFileSync(auditLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
        return events.some((e) => e.responseStatus?.code === 401 && e.requestURI === TEAM_A);
      });
      const created = events.find((e) => e.verb === 'create' && e.objectRef?.name === 'audited');
      assert.ok(created, 'the create is audited');
      assert.equal(created.kind, 'Event');
      assert.equal(created.apiVersion, 'audit.k8s.io/v1');
      assert.equal(created.level, 'Request');
      assert.equal(created.stage, 'ResponseComplete');
      assert.match(created.auditID, /^[0-9a-f-]{36}$/);
      assert.equal(created.requestURI, TEAM_A);
      assert.deepEqual(created.user, { username: 'alice', uid: 'uid-alice', groups: ['team-a-devs', 'system:authenticated'] });
      assert.deepEqual(created.objectRef, { resource: 'applications', namespace: 'team-a', name: 'audited', apiGroup: 'cloudnative.elide.dev', apiVersion: 'v1' });
      assert.deepEqual(created.responseStatus, { metadata: {}, code: 201 });
      assert.equal(created.requestObject.metadata.name, 'audited');
      assert.equal(created.annotations['authorization.k8s.io/decision'], 'allow');
      assert.match(created.annotations['authorization.k8s.io/reason'], /RoleBinding "team-a-devs-edit\/team-a" of ClusterRole "edit" to Group "team-a-devs"/);
      assert.ok(created.sourceIPs.includes('127.0.0.1'));
      assert.match(created.requestReceivedTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      assert.ok(created.stageTimestamp >= created.requestReceivedTimestamp);
      const tokenReview = events.find((e) => e.objectRef?.resource === 'tokenreviews' && e.stage === 'ResponseComplete');
      assert.ok(tokenReview, 'the TokenReview of the reviews test is audited');
      assert.deepEqual([tokenReview.level, tokenReview.requestObject], ['Metadata', undefined], 'a TokenReview body is a token: never logged');

      const denied = events.find((e) => e.verb === 'get' && e.objectRef?.name === 'db' && e.user.username === 'alice');
      assert.ok(denied, 'the denied get is audited');
      assert.equal(denied.annotations['authorization.k8s.io/decision'], 'forbid');
      assert.equal(denied.responseStatus.code, 403);
      assert.equal(denied.responseStatus.reason, 'Forbidden');
      assert.match(denied.responseStatus.message, /^applications.cloudnative.elide.dev "db" is forbidden: User "alice" cannot get resource "applications"/);
      assert.equal(denied.requestObject, undefined);

      const unauthenticated = events.find((e) => e.responseStatus?.code === 401 && e.requestURI === TEAM_A);
      assert.deepEqual(unauthenticated?.user, {});
      assert.ok(events.some((e) => e.requestURI === `${TEAM_A}?access_token=REDACTED`), 'credential query parameters are redacted');
      assert.ok(!events.some((e) => e.requestURI === '/healthz'), 'probes are not audited');
      const stream = events.filter((e) => e.requestURI === '/watch?kind=Application' && e.user.username === 'alice');
      assert.deepEqual(stream.map((e) => e.stage), ['RequestReceived', 'ResponseComplete'], 'a long-running request is audited when it starts and when it ends');

      const text = readFileSync(auditLog, 'utf8');
      for (const secret of [...Object.values(USERS).map((u) => u.token), 'forged-token-123']) assert.ok(!text.includes(secret), `a token appears in the audit log: ${secret}`);
      assert.doesNotMatch(text, /Bearer |"[Aa]uthorization"\s*:/, 'no Authorization header is recorded');
    });
  });
});
