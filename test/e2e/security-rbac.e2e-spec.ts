import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { Http } from '../support/http.js';
import { startTestOperator, tempDir } from '../support/operator.js';
import { eventually } from './security-fixtures.js';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const TEAM = `${RBAC}/namespaces/team-x`;
const G = 'rbac.authorization.k8s.io';
const TOKENS = { admin: 'adm-5d1e', erin: 'erin-77a0', frank: 'frank-0b3c', gina: 'gina-c9d2' } as const;

/** erin: `edit` + writing Roles/RoleBindings in team-x. frank: the same + `escalate` roles and `bind` the `admin` ClusterRole there. */
const POLICY = `apiVersion: ${G}/v1
kind: Role
metadata: {name: rbac-writer, namespace: team-x}
rules: [{apiGroups: [${G}], resources: [roles, rolebindings], verbs: [get, list, watch, create, update, patch, delete, deletecollection]}]
---
apiVersion: ${G}/v1
kind: ClusterRole
metadata: {name: "delegator:escalate-bind"}
rules:
- {apiGroups: [${G}], resources: [roles], verbs: [escalate]}
- {apiGroups: [${G}], resources: [clusterroles], resourceNames: [admin], verbs: [bind]}
${['erin', 'frank'].map((user) => binding(user, 'edit', 'ClusterRole') + binding(user, 'rbac-writer', 'Role')).join('')}${binding('frank', 'delegator:escalate-bind', 'ClusterRole')}`;

function binding(user: string, role: string, kind: string): string {
  return `---
apiVersion: ${G}/v1
kind: RoleBinding
metadata: {name: "${user}-${role}", namespace: team-x}
roleRef: {apiGroup: ${G}, kind: ${kind}, name: "${role}"}
subjects: [{kind: User, name: ${user}}]
`;
}

const role = (name: string, rules: unknown[]) => ({ apiVersion: `${G}/v1`, kind: 'Role', metadata: { name }, rules });
const roleBinding = (name: string, roleName: string, subject = 'gina') => ({
  apiVersion: `${G}/v1`,
  kind: 'RoleBinding',
  metadata: { name },
  roleRef: { apiGroup: G, kind: 'ClusterRole', name: roleName },
  subjects: [{ kind: 'User', name: subject }],
});
const STATUS_WRITE = { apiGroups: ['cloudnative.elide.dev'], resources: ['applications/status'], verbs: ['update'] };
const NOT_HELD = 'is attempting to grant RBAC permissions not currently held:\n';

describe('Security: RBAC escalation checks, aggregation, roleRef and names (e2e)', () => {
  let operator: RunningOperator;
  const dir = tempDir('security-rbac-');
  const as = (user: keyof typeof TOKENS) => new Http(operator.url, { authorization: `Bearer ${TOKENS[user]}` });

  before(async () => {
    writeFileSync(join(dir.path, 'tokens.csv'), `${TOKENS.admin},admin,1,"system:masters"\n${TOKENS.erin},erin,2\n${TOKENS.frank},frank,3\n${TOKENS.gina},gina,4\n`);
    writeFileSync(join(dir.path, 'rbac.yaml'), POLICY);
    operator = await startTestOperator({ TOKEN_AUTH_FILE: join(dir.path, 'tokens.csv'), RBAC_FILE: join(dir.path, 'rbac.yaml'), RECONCILER_ENABLED: 'false' });
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  it('lets a user create a Role only with rules they hold, with kube-apiserver\'s 403', async () => {
    const erin = as('erin');
    assert.equal((await erin.post(`${TEAM}/roles`, role('app-reader', [{ apiGroups: ['cloudnative.elide.dev'], resources: ['applications'], verbs: ['get', 'list'] }]))).status, 201);
    const refused = await erin.post(`${TEAM}/roles`, role('status-writer', [STATUS_WRITE]));
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `roles.rbac.authorization.k8s.io "status-writer" is forbidden: user "erin" (groups=["system:authenticated"]) ${NOT_HELD}{APIGroups:["cloudnative.elide.dev"], Resources:["applications/status"], Verbs:["update"]}`,
      reason: 'Forbidden',
      details: { name: 'status-writer', group: G, kind: 'roles' },
      code: 403,
    });
    const dryRun = await erin.post(`${TEAM}/roles?dryRun=All`, role('status-writer', [STATUS_WRITE]));
    assert.equal(dryRun.status, 403, 'dryRun is checked too');
    const widened = await erin.patch(`${TEAM}/roles/app-reader`, { rules: [STATUS_WRITE] }, 'application/merge-patch+json');
    assert.equal(widened.status, 403);
    assert.match(widened.body.message, /^roles.rbac.authorization.k8s.io "app-reader" is forbidden: user "erin"/);
  });

  it('lets a user bind only a role they hold (or may `bind`)', async () => {
    const erin = as('erin');
    assert.equal((await erin.post(`${TEAM}/rolebindings`, roleBinding('gina-view', 'view'))).status, 201);
    const refused = await erin.post(`${TEAM}/rolebindings`, roleBinding('gina-admin', 'admin'));
    assert.equal(refused.status, 403);
    assert.equal(
      refused.body.message,
      `rolebindings.rbac.authorization.k8s.io "gina-admin" is forbidden: user "erin" (groups=["system:authenticated"]) ${NOT_HELD}{APIGroups:["cloudnative.elide.dev"], Resources:["applications/status"], Verbs:["patch" "update"]}`,
    );
    const missing = await erin.post(`${TEAM}/rolebindings`, roleBinding('gina-ghost', 'ghost'));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'clusterroles.rbac.authorization.k8s.io "ghost" not found');
  });

  it('lets `escalate` and `bind` (limited by resourceNames) through', async () => {
    const frank = as('frank');
    assert.equal((await frank.post(`${TEAM}/roles`, role('status-writer', [STATUS_WRITE]))).status, 201);
    assert.equal((await frank.post(`${TEAM}/rolebindings`, roleBinding('gina-admin', 'admin'))).status, 201);
    const other = await frank.post(`${TEAM}/rolebindings`, roleBinding('gina-root', 'cluster-admin'));
    assert.equal(other.status, 403);
    assert.match(other.body.message, /is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}\n\{NonResourceURLs:\["\*"\], Verbs:\["\*"\]\}$/);
    assert.equal((await as('admin').post(`${TEAM}/rolebindings`, roleBinding('gina-root', 'cluster-admin'))).status, 201, 'system:masters is never checked');
    assert.equal((await as('admin').delete(`${TEAM}/rolebindings/gina-root`)).status, 200);
  });

  it('refuses to change a binding\'s roleRef (422), after the escalation check (403)', async () => {
    const admin = as('admin');
    const current = (await admin.get(`${TEAM}/rolebindings/gina-view`)).body;
    const changed = await admin.put(`${TEAM}/rolebindings/gina-view`, { ...current, roleRef: { ...current.roleRef, name: 'edit' } });
    assert.equal(changed.status, 422);
    assert.equal(changed.body.message, 'RoleBinding.rbac.authorization.k8s.io "gina-view" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef');
    assert.deepEqual(changed.body.details.causes, [{ reason: 'FieldValueInvalid', message: 'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef', field: 'roleRef' }]);
    const patched = await as('erin').patch(`${TEAM}/rolebindings/gina-view`, { roleRef: { name: 'admin' } }, 'application/merge-patch+json');
    assert.equal(patched.status, 403, 'binding admin is checked first, as in kube-apiserver');
    assert.equal((await admin.patch(`${TEAM}/rolebindings/gina-view`, { subjects: [{ kind: 'User', name: 'gina' }, { kind: 'User', name: 'hal' }] }, 'application/merge-patch+json')).status, 200);
  });

  it('aggregates ClusterRoles into `view` and follows label changes, visible to GET and to authorization', async () => {
    const admin = as('admin');
    const gina = as('gina');
    const configmaps = '/api/v1/namespaces/team-x/configmaps';
    assert.equal((await gina.get(configmaps)).status, 403);
    const reader = { apiVersion: `${G}/v1`, kind: 'ClusterRole', metadata: { name: 'configmap-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] };
    assert.equal((await admin.post(`${RBAC}/clusterroles`, reader)).status, 201);
    const hasConfigmaps = async (name: string) => JSON.stringify((await admin.get(`${RBAC}/clusterroles/${name}`)).body.rules).includes('configmaps');
    await eventually(() => hasConfigmaps('view'));
    await eventually(() => hasConfigmaps('edit'));
    await eventually(() => hasConfigmaps('admin'));
    await eventually(async () => (await gina.get(configmaps)).status === 200);
    const view = (await admin.get(`${RBAC}/clusterroles/view`)).body;
    assert.equal((await admin.put(`${RBAC}/clusterroles/view`, { ...view, rules: [] })).status, 200);
    await eventually(() => hasConfigmaps('view'));
    assert.equal((await admin.patch(`${RBAC}/clusterroles/configmap-reader`, { metadata: { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': null } } }, 'application/merge-patch+json')).status, 200);
    await eventually(async () => !(await hasConfigmaps('view')));
    await eventually(async () => (await gina.get(configmaps)).status === 403);
  });

  it('accepts kube\'s RBAC names (`foo:bar`) and serves the default policy under kube\'s names', async () => {
    const admin = as('admin');
    const clusterRole = { apiVersion: `${G}/v1`, kind: 'ClusterRole', metadata: { name: 'foo:bar' }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] };
    assert.equal((await as('gina').get('/metrics')).status, 403);
    assert.equal((await admin.post(`${RBAC}/clusterroles`, clusterRole)).status, 201);
    const crb = { ...roleBinding('foo:bar', 'foo:bar'), kind: 'ClusterRoleBinding' };
    assert.equal((await admin.post(`${RBAC}/clusterrolebindings`, crb)).status, 201);
    assert.equal((await admin.get(`${RBAC}/clusterroles/foo:bar`)).body.metadata.name, 'foo:bar');
    await eventually(async () => (await as('gina').get('/metrics')).status === 200);
    const invalid = await admin.post(`${RBAC}/clusterroles`, { ...clusterRole, metadata: { name: 'a%b' } });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.message, 'ClusterRole.rbac.authorization.k8s.io "a%b" is invalid: metadata.name: Invalid value: "a%b": may not contain \'%\'');
    for (const name of ['system:discovery', 'system:basic-user', 'system:monitoring', 'system:auth-delegator', 'system:aggregate-to-view']) {
      assert.equal((await admin.get(`${RBAC}/clusterroles/${name}`)).status, 200, name);
    }
    assert.equal((await admin.get(`${RBAC}/clusterroles/system-discovery`)).status, 404);
  });
});

describe('Security: default policy upgrade to kube\'s names (e2e)', () => {
  const dir = tempDir('security-rbac-upgrade-');
  after(() => dir.remove());

  it('removes the dash-named defaults of earlier versions, unless a user took them over', async () => {
    const env = { TOKEN_AUTH_FILE: join(dir.path, 'tokens.csv'), STORAGE: 'sqlite', DATA_DIR: dir.path, RECONCILER_ENABLED: 'false' };
    writeFileSync(env.TOKEN_AUTH_FILE, `${TOKENS.admin},admin,1,"system:masters"\n`);
    let operator = await startTestOperator(env);
    const admin = new Http(operator.url, { authorization: `Bearer ${TOKENS.admin}` });
    const legacy = (name: string, autoupdate: string) => ({
      apiVersion: `${G}/v1`,
      kind: 'ClusterRole',
      metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': autoupdate } },
      rules: [{ nonResourceURLs: ['/version'], verbs: ['get'] }],
    });
    assert.equal((await admin.post(`${RBAC}/clusterroles`, legacy('system-discovery', 'true'))).status, 201);
    assert.equal((await admin.post(`${RBAC}/clusterrolebindings`, { ...roleBinding('system-discovery', 'system-discovery'), kind: 'ClusterRoleBinding', metadata: legacy('system-discovery', 'true').metadata })).status, 201);
    assert.equal((await admin.post(`${RBAC}/clusterroles`, legacy('system-monitoring', 'false'))).status, 201);
    await operator.shutdown();
    operator = await startTestOperator(env);
    try {
      const again = new Http(operator.url, { authorization: `Bearer ${TOKENS.admin}` });
      assert.equal((await again.get(`${RBAC}/clusterroles/system-discovery`)).status, 404);
      assert.equal((await again.get(`${RBAC}/clusterrolebindings/system-discovery`)).status, 404);
      assert.equal((await again.get(`${RBAC}/clusterroles/system-monitoring`)).status, 200, 'autoupdate "false": left alone');
      assert.equal((await again.get(`${RBAC}/clusterroles/system:discovery`)).status, 200);
    } finally {
      await operator.shutdown();
    }
  });
});
