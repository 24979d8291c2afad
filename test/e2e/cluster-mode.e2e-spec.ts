import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Http } from '../support/http.js';
import { Kubectl, writeKubeconfig } from '../support/kubectl.js';
import { freePort, OperatorProcess, spawnOperator, tempDir } from '../support/operator.js';
import { KUSTOMIZE_DIR, kustomize, openStream, PolicyRule, postOverTls, rbacYaml, RecordingProxy, requestAttributes, RequestAttributes, ruleAllows, until } from './cluster-harness.js';
import { bearer, clusterTokens, LOCAL_ADMIN_TOKEN, TOKEN, userBindings } from './cluster-identities.js';

const NS = 'shop';
/** A namespace the viewer may not read. */
const OTHER_NS = 'billing';
const LEASE_NAMESPACE = 'elide-system';
const APP = `/apis/cloudnative.elide.dev/v1/namespaces/${NS}/applications/web`;
const DEPLOYMENT = `/apis/apps/v1/namespaces/${NS}/deployments/web`;
const CONFIGMAP = `/api/v1/namespaces/${NS}/configmaps/web`;
const LEASE = `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases/application-operator`;

/** One MODE=cluster process, the proxy recording what it sends, and an HTTP client for its own port (as `ops`). */
interface Replica {
  name: string;
  process: OperatorProcess;
  proxy: RecordingProxy;
  http: Http;
}

const APPLICATION = `apiVersion: cloudnative.elide.dev/v1
kind: Application
metadata:
  name: web
  namespace: ${NS}
spec:
  image: nginx:1.27
  replicas: 2
  port: 8080
  config:
    GREETING: hello
    COLOR: blue
  resources:
    requests:
      cpu: 100m
`;

describe('MODE=cluster against a standalone operator playing the cluster (e2e)', () => {
  const dir = tempDir('cluster-mode-');
  let cluster: OperatorProcess;
  let api: Http;
  let kubectl: Kubectl;
  const replicas: Replica[] = [];
  let uid: string;
  let webhookPort: number;

  /** The standalone "cluster": durable and on a fixed port, so it can be restarted under the replicas. */
  let clusterEnv: Record<string, string>;

  before(async () => {
    // The "cluster" authenticates (its token file, and an admin token from AUTH_BOOTSTRAP) and
    // authorizes with the RBAC objects deploy/kubernetes installs, plus the users' bindings.
    writeFileSync(join(dir.path, 'cluster-tokens.csv'), `${clusterTokens(LEASE_NAMESPACE).join('\n')}\n`, { mode: 0o600 });
    writeFileSync(join(dir.path, 'cluster-rbac.yaml'), rbacYaml(await kustomize(KUSTOMIZE_DIR)) + `---${userBindings(NS)}`);
    writeFileSync(join(dir.path, 'op-a-tokens.csv'), `${LOCAL_ADMIN_TOKEN},local-admin,uid-local-admin,"system:masters"\n`, { mode: 0o600 });
    const clusterData = join(dir.path, 'cluster');
    clusterEnv = {
      ENABLE_LEADER_ELECTION: 'false', RECONCILER_ENABLED: 'false', STORAGE: 'sqlite', DATA_DIR: clusterData, PORT: String(await freePort()),
      TOKEN_AUTH_FILE: join(dir.path, 'cluster-tokens.csv'), RBAC_FILE: join(dir.path, 'cluster-rbac.yaml'), AUTH_BOOTSTRAP: 'true', WEBHOOK_PORT: String(await freePort()),
    };
    cluster = await spawnOperator(clusterEnv);
    api = new Http(cluster.url, bearer(readFileSync(join(clusterData, 'bootstrap-tokens.csv'), 'utf8').split(',')[0]));
    // kubectl sends its token only over HTTPS: the bootstrap kubeconfig targets the cluster's TLS port.
    mkdirSync(join(dir.path, 'kubectl'));
    const adminKubeconfig = await until('the admin kubeconfig', async () => readFileSync(join(clusterData, 'admin.kubeconfig'), 'utf8').includes('https://') && join(clusterData, 'admin.kubeconfig'));
    kubectl = new Kubectl(adminKubeconfig, join(dir.path, 'kubectl'));
    webhookPort = await freePort();
    for (const name of ['op-a', 'op-b']) {
      const proxy = await RecordingProxy.start(cluster.url);
      const webhooks: Record<string, string> = name === 'op-a' ? { WEBHOOK_TLS: 'auto', WEBHOOK_PORT: String(webhookPort), TOKEN_AUTH_FILE: join(dir.path, 'op-a-tokens.csv') } : { WEBHOOK_TLS: 'off' };
      const process = await spawnOperator({
        MODE: 'cluster',
        POD_NAME: name,
        // The replicas act as the operator's service account (through the recording proxy).
        KUBECONFIG: writeKubeconfig(dir.path, proxy.url, 'default', `kubeconfig-${name}`, TOKEN.operator),
        DATA_DIR: join(dir.path, name),
        ENABLE_LEADER_ELECTION: 'true',
        LEASE_NAMESPACE,
        LEASE_DURATION_SECONDS: '4',
        RENEW_DEADLINE_SECONDS: '2',
        RETRY_PERIOD_SECONDS: '1',
        ...webhooks,
      });
      replicas.push({ name, process, proxy, http: new Http(process.url, bearer(TOKEN.ops)) });
    }
  });

  after(async () => {
    await Promise.all(replicas.map((replica) => replica.process.kill('SIGKILL')));
    await cluster?.kill();
    await Promise.all(replicas.map((replica) => replica.proxy.close()));
    dir.remove();
  });

  const leaderOf = (candidates: Replica[]) =>
    until('a leader', async () => {
      for (const replica of candidates) if ((await replica.http.get('/leader')).body.isLeader) return replica;
      return undefined;
    });

  it('checks the CRD in the cluster, becomes ready, and elects one leader through a Lease in the cluster', async () => {
    const leader = await leaderOf(replicas);
    for (const replica of replicas) {
      const ready = await until(`${replica.name} ready`, async () => (await replica.http.get('/readyz')).status === 200);
      assert.equal(ready, true);
      assert.equal((await replica.http.get('/')).body.mode, 'cluster');
      assert.equal((await replica.http.get('/crd')).body.metadata.name, 'applications.cloudnative.elide.dev');
    }
    const lease = await api.get(LEASE);
    assert.equal(lease.status, 200);
    assert.equal(lease.body.spec.holderIdentity, leader.name);
    assert.equal(replicas.filter((replica) => replica !== leader).length, 1);
  });

  it('serves the admission webhooks over TLS, as kube-apiserver calls them', async () => {
    const ca = (await replicas[0].http.get('/webhook/ca.crt')).text;
    const review = (object: unknown) => ({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'r-1', operation: 'CREATE', namespace: NS, kind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' }, resource: { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' }, object },
    });
    const app = (replicas: number) => ({ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'x', namespace: NS }, spec: { image: 'nginx:1.27', replicas } });
    assert.equal((await postOverTls(webhookPort, '/validate', review(app(1)), ca)).response.allowed, true);
    const refused = (await postOverTls(webhookPort, '/validate', review(app(500)), ca)).response;
    assert.deepEqual([refused.uid, refused.allowed, refused.status.code], ['r-1', false, 422]);
  });

  it('gives an Application created with kubectl a Deployment and a ConfigMap it controls', async () => {
    await kubectl.ok(['apply', '-f', '-'], APPLICATION);
    uid = (await api.get(APP)).body.metadata.uid;
    const deployment = await until('the Deployment', async () => ((await api.get(DEPLOYMENT)).status === 200 ? (await api.get(DEPLOYMENT)).body : undefined));
    const configMap = (await api.get(CONFIGMAP)).body;
    const owner = [{ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', name: 'web', uid, controller: true, blockOwnerDeletion: true }];
    assert.deepEqual(deployment.metadata.ownerReferences, owner);
    assert.deepEqual(configMap.metadata.ownerReferences, owner);
    assert.deepEqual(configMap.data, { COLOR: 'blue', GREETING: 'hello' });
    assert.equal(deployment.spec.replicas, 2);
    assert.deepEqual(deployment.spec.selector, { matchLabels: { 'app.kubernetes.io/instance': 'web' } });
    assert.equal(deployment.spec.template.metadata.labels['app.kubernetes.io/instance'], 'web');
    assert.equal(deployment.spec.strategy.type, 'RollingUpdate');
    const [container] = deployment.spec.template.spec.containers;
    assert.deepEqual([container.name, container.image, container.envFrom, container.ports, container.resources], [
      'app', 'nginx:1.27', [{ configMapRef: { name: 'web' } }], [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], { requests: { cpu: '100m' } },
    ]);
    assert.ok(deployment.metadata.managedFields.some((entry: { manager: string; operation: string }) => entry.manager === 'application-operator' && entry.operation === 'Apply'));
    const app = await until('the finalizer and a Pending status', async () => {
      const body = (await api.get(APP)).body;
      return body.metadata.finalizers?.includes('cloudnative.elide.dev/finalizer') && body.status?.phase === 'Pending' ? body : undefined;
    });
    assert.equal(app.status.readyReplicas, 0);
    const table = await kubectl.ok(['get', 'deploy,cm', '-n', NS]);
    assert.match(table, /deployment\.apps\/web\s+0\/2\s+0\s+0\s+\d+s/);
    assert.match(table, /configmap\/web\s+2\s+\d+s/);
  });

  it('streams the cluster\'s Application changes on /watch, each only to whom the cluster lets watch it', async () => {
    const ops = openStream(replicas[0].process.url, TOKEN.ops);
    const viewer = openStream(replicas[0].process.url, TOKEN.viewer);
    try {
      await Promise.all([ops.read('the stream to be ready', /event: ready/), viewer.read('the stream to be ready', /event: ready/)]);
      await kubectl.ok(['apply', '-f', '-'], APPLICATION.replaceAll(`namespace: ${NS}`, `namespace: ${OTHER_NS}`).replace('name: web', 'name: api'));
      await kubectl.ok(['label', 'application', 'web', '-n', NS, 'tier=frontend']);
      await ops.read('an ADDED event for the other namespace', () => /event: ADDED/.test(ops.text()) && ops.text().includes(`"namespace":"${OTHER_NS}"`));
      await ops.read('a MODIFIED event with the label', () => ops.text().includes('"tier":"frontend"'));
      // The viewer may watch Applications in shop only: the earlier change in the other namespace is not streamed.
      await viewer.read('a MODIFIED event with the label', () => /event: MODIFIED/.test(viewer.text()) && viewer.text().includes('"tier":"frontend"'));
      assert.ok(!viewer.text().includes(`"namespace":"${OTHER_NS}"`), viewer.text());
    } finally {
      ops.close();
      viewer.close();
    }
    await kubectl.ok(['delete', 'application', 'api', '-n', OTHER_NS, '--timeout=30s']);
  });

  it('authenticates its own port with the cluster (TokenReview) after its token file, and authorizes with the cluster\'s RBAC (SubjectAccessReview)', async () => {
    const replica = replicas[0];
    const as = (token?: string) => new Http(replica.process.url, token === undefined ? {} : bearer(token));
    const since = replica.proxy.requests.length;
    for (const token of [undefined, 'a-token-nobody-issued']) {
      const refused = await as(token).get(`/events?namespace=${NS}`);
      assert.equal(refused.status, 401);
      assert.deepEqual([refused.body.kind, refused.body.reason, refused.body.message, refused.body.code], ['Status', 'Unauthorized', 'Unauthorized', 401]);
    }
    assert.equal(replica.proxy.count('POST', '/apis/authentication.k8s.io/v1/tokenreviews', since), 1, 'the unknown token was reviewed by the cluster');
    const viewer = as(TOKEN.viewer);
    const events = await viewer.get(`/events?kind=Application&name=web&namespace=${NS}`);
    assert.equal(events.status, 200, events.text);
    assert.ok(events.body.items.length > 0);
    const list = await viewer.get(`/apis/cloudnative.elide.dev/v1/namespaces/${NS}/applications`);
    assert.deepEqual([list.status, list.body.items.map((item: { metadata: { name: string } }) => item.metadata.name)], [200, ['web']]);
    const forbidden: [Http, string, string][] = [
      [viewer, '/metrics', 'forbidden: User "viewer" cannot get path "/metrics"'],
      [viewer, '/events', 'events is forbidden: User "viewer" cannot list resource "events" in API group "" at the cluster scope'],
      [viewer, '/apis/cloudnative.elide.dev/v1/applications', 'applications.cloudnative.elide.dev is forbidden: User "viewer" cannot list resource "applications" in API group "cloudnative.elide.dev" at the cluster scope'],
      [viewer, `/apis/cloudnative.elide.dev/v1/namespaces/${OTHER_NS}/applications/api`, `applications.cloudnative.elide.dev "api" is forbidden: User "viewer" cannot get resource "applications" in API group "cloudnative.elide.dev" in the namespace "${OTHER_NS}"`],
      // (The standalone "cluster"'s default policy lets every authenticated user reach the console paths; the events are another matter.)
      [as(TOKEN.outsider), `/events?namespace=${NS}`, `events is forbidden: User "outsider" cannot list resource "events" in API group "" in the namespace "${NS}"`],
      [as(TOKEN.outsider), '/metrics', 'forbidden: User "outsider" cannot get path "/metrics"'],
    ];
    for (const [client, path, message] of forbidden) {
      const answer = await client.get(path);
      assert.deepEqual([answer.status, answer.body.reason, answer.body.message], [403, 'Forbidden', message], path);
    }
    for (const path of ['/readyz', '/livez', '/version', '/dashboard', '/webhook/ca.crt']) assert.equal((await as().get(path)).status, 200, path);
    // The webhooks need no token over TLS (the test above); on the plain HTTP port they are an ordinary, authenticated path.
    assert.equal((await as().post('/validate', {})).status, 401);
  });

  it('knows the tokens of its own TOKEN_AUTH_FILE without asking the cluster', async () => {
    const replica = replicas[0];
    const since = replica.proxy.requests.length;
    const metrics = await new Http(replica.process.url, bearer(LOCAL_ADMIN_TOKEN)).get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /# TYPE /);
    const reviews = replica.proxy.count('POST', '/tokenreviews', since) + replica.proxy.count('POST', '/subjectaccessreviews', since);
    assert.equal(reviews, 0, 'a local system:masters token needs no TokenReview nor SubjectAccessReview');
  });

  it('reviews a token and a decision once, then answers from its caches', async () => {
    const replica = replicas[1]; // the Prometheus token was never sent to op-b
    const since = replica.proxy.requests.length;
    const prometheus = new Http(replica.process.url, bearer(TOKEN.prometheus));
    for (let i = 0; i < 5; i++) assert.equal((await prometheus.get('/metrics')).status, 200, 'components/monitoring binds the metrics reader to Prometheus');
    const outsider = new Http(replica.process.url, bearer(TOKEN.outsider));
    for (let i = 0; i < 3; i++) assert.equal((await outsider.get('/metrics')).status, 403);
    assert.equal(replica.proxy.count('POST', '/apis/authentication.k8s.io/v1/tokenreviews', since), 2, 'one TokenReview per token');
    assert.equal(replica.proxy.count('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', since), 2, 'one SubjectAccessReview per user and request (allowed and denied alike)');
  });

  it('carries a scale change and a config change to the Deployment and ConfigMap', async () => {
    const before = (await api.get(DEPLOYMENT)).body.spec.template.metadata.annotations['cloudnative.elide.dev/config-hash'];
    await kubectl.ok(['scale', 'application', 'web', '-n', NS, '--replicas=3']);
    await until('3 replicas on the Deployment', async () => (await api.get(DEPLOYMENT)).body.spec.replicas === 3);
    await kubectl.ok(['patch', 'application', 'web', '-n', NS, '--type=merge', '-p', '{"spec":{"config":{"GREETING":"hi","COLOR":null}}}']);
    const configMap = await until('the new config', async () => {
      const body = (await api.get(CONFIGMAP)).body;
      return body.data?.GREETING === 'hi' ? body : undefined;
    });
    assert.deepEqual(configMap.data, { GREETING: 'hi' });
    const after = await until('a new pod template', async () => {
      const hash = (await api.get(DEPLOYMENT)).body.spec.template.metadata.annotations['cloudnative.elide.dev/config-hash'];
      return hash !== before ? hash : undefined;
    });
    assert.match(after, /^[0-9a-f]{16}$/);
  });

  it('mirrors the Deployment status a kubelet reports into the Application status', async () => {
    await reportStatus({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [condition('Available', 'True', 'MinimumReplicasAvailable')] });
    const running = await until('Running', async () => {
      const body = (await api.get(APP)).body;
      return body.status?.phase === 'Running' ? body.status : undefined;
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}\napplication: ${JSON.stringify((await api.get(APP)).body)}\ndeployment: ${JSON.stringify((await api.get(DEPLOYMENT)).body)}`);
    });
    assert.deepEqual([running.replicas, running.readyReplicas, running.updatedReplicas, running.availableReplicas], [3, 3, 3, 3]);
    assert.equal(running.conditions.find((c: { type: string }) => c.type === 'Ready').status, 'True');
    await reportStatus({ replicas: 3, readyReplicas: 1, updatedReplicas: 3, availableReplicas: 1, conditions: [condition('Progressing', 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-1" has timed out progressing.')] });
    const degraded = await until('Degraded', async () => (await api.get(APP)).body.status?.conditions?.find((c: { type: string; status: string }) => c.type === 'Degraded' && c.status === 'True'));
    assert.deepEqual([degraded.reason, degraded.message], ['ProgressDeadlineExceeded', 'ReplicaSet "web-1" has timed out progressing.']);
    await reportStatus({ replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [condition('Available', 'True', 'MinimumReplicasAvailable')] });
    await until('Running again', async () => (await api.get(APP)).body.status?.phase === 'Running');
  });

  it('keeps reconciling after the API server restarts: every watch reconnects', async () => {
    await cluster.kill('SIGTERM');
    cluster = await spawnOperator(clusterEnv);
    await kubectl.ok(['scale', 'application', 'web', '-n', NS, '--replicas=4']);
    await until('4 replicas on the Deployment', async () => (await api.get(DEPLOYMENT)).body.spec.replicas === 4, 40_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${replicas.map((replica) => `--- ${replica.name}:\n${replica.process.output().split('\n').filter((line) => !/RouterExplorer|InstanceLoader|RoutesResolver/.test(line)).slice(-40).join('\n')}`).join('\n')}`);
    });
    await reportStatus({ replicas: 4, readyReplicas: 4, updatedReplicas: 4, availableReplicas: 4, conditions: [condition('Available', 'True', 'MinimumReplicasAvailable')] });
    await until('4 ready replicas on the Application', async () => (await api.get(APP)).body.status?.readyReplicas === 4, 40_000);
  });

  it('fails over through the Lease when the leader is killed, and the new leader reconciles', async () => {
    const leader = await leaderOf(replicas);
    const transitions = (await api.get(LEASE)).body.spec.leaseTransitions;
    await leader.process.kill('SIGKILL');
    const survivor = replicas.find((replica) => replica !== leader)!;
    await leaderOf([survivor]);
    const lease = (await api.get(LEASE)).body.spec;
    assert.deepEqual([lease.holderIdentity, lease.leaseTransitions], [survivor.name, transitions + 1]);
    await kubectl.ok(['patch', 'application', 'web', '-n', NS, '--type=merge', '-p', '{"spec":{"image":"nginx:1.28","strategy":"Recreate"}}']);
    const spec = await until('the new image', async () => {
      const body = (await api.get(DEPLOYMENT)).body;
      return body.spec.template.spec.containers[0].image === 'nginx:1.28' ? body.spec : undefined;
    });
    assert.deepEqual(spec.strategy, { type: 'Recreate' });
  });

  it('serves /events, /metrics, /readyz, /dashboard and its Application list from the cluster on the surviving replica', async () => {
    const survivor = await leaderOf(replicas.filter((replica) => replica.process.child.exitCode === null && replica.process.child.signalCode === null));
    const events = (await survivor.http.get(`/events?kind=Application&name=web&namespace=${NS}`)).body;
    const reasons = new Set(events.items.map((event: { reason: string }) => event.reason));
    for (const reason of ['Created', 'Updated']) assert.ok(reasons.has(reason), `expected a ${reason} event, got ${[...reasons].join(', ')}`);
    assert.ok((await api.get(`/api/v1/namespaces/${NS}/events`)).body.items.some((event: { involvedObject: { uid: string } }) => event.involvedObject.uid === uid));
    const metrics = (await survivor.http.get('/metrics')).text;
    assert.match(metrics, /controller_reconcile_total\{[^}]*\} [1-9]/);
    assert.equal((await survivor.http.get('/readyz')).status, 200);
    assert.equal((await survivor.http.get('/dashboard')).status, 200);
    const list = (await survivor.http.get('/apis/cloudnative.elide.dev/v1/applications')).body;
    assert.deepEqual([list.kind, list.items.map((item: { metadata: { name: string } }) => item.metadata.name)], ['ApplicationList', ['web']]);
    assert.match(list.metadata.resourceVersion, /^\d+$/, 'the dashboard resumes /watch from it');
  });

  it('removes the Deployment and the ConfigMap when the Application is deleted', async () => {
    await kubectl.ok(['delete', 'application', 'web', '-n', NS, '--timeout=30s']);
    assert.equal((await api.get(APP)).status, 404);
    assert.equal((await api.get(DEPLOYMENT)).status, 404);
    assert.equal((await api.get(CONFIGMAP)).status, 404);
  });

  it('sends only requests the ClusterRole and Role in deploy/kubernetes grant, and needs every rule', async () => {
    const manifests = await kustomize(`${KUSTOMIZE_DIR}/base`);
    const clusterRole = manifests.find((m) => m.kind === 'ClusterRole' && m.metadata.name === 'application-operator')!.rules as PolicyRule[];
    const role = manifests.find((m) => m.kind === 'Role')!;
    assert.equal(role.metadata.namespace, LEASE_NAMESPACE);
    const allowed = (request: RequestAttributes) =>
      clusterRole.some((rule) => ruleAllows(rule, request)) || (request.namespace === role.metadata.namespace && (role.rules as PolicyRule[]).some((rule) => ruleAllows(rule, request)));
    const sent = replicas.flatMap((replica) => replica.proxy.requests.map((request) => ({ ...request, attributes: requestAttributes(request.method, request.url) })));
    assert.ok(sent.length > 20, `expected the replicas' requests to be recorded, got ${sent.length}`);
    const denied = sent.filter((request) => !allowed(request.attributes)).map((request) => `${request.method} ${request.url}`);
    assert.deepEqual(denied, [], 'requests the RBAC rules do not grant');
    const granted = [...clusterRole.map((rule) => ({ rule, namespace: undefined })), ...(role.rules as PolicyRule[]).map((rule) => ({ rule, namespace: role.metadata.namespace }))];
    const unused = granted.flatMap(({ rule, namespace }) =>
      rule.resources!.flatMap((resource) => rule.verbs.map((verb) => ({ resource, verb, rule, namespace }))),
    ).filter(({ resource, verb, rule }) => !sent.some(({ attributes }) => attributes.resource === resource && attributes.verb === verb && ruleAllows(rule, attributes)));
    const unexplained = unused.map(({ resource, verb }) => `${verb} ${resource}`).filter((grant) => !NOT_EXERCISED.includes(grant));
    assert.deepEqual(unexplained, [], 'grants no request used (least privilege: drop them, or explain them in NOT_EXERCISED)');
  });

  /** PUT .../deployments/web/status as a kubelet-driven deployment controller would. */
  async function reportStatus(status: Record<string, unknown>): Promise<void> {
    const deployment = (await api.get(DEPLOYMENT)).body;
    const response = await api.put(`${DEPLOYMENT}/status`, { ...deployment, status: { observedGeneration: deployment.metadata.generation, ...status } });
    assert.equal(response.status, 200, response.text);
  }
});

/**
 * Grants this scenario does not exercise, each for a reason: `applications/finalizers` is checked
 * by kube-apiserver's OwnerReferencesPermissionEnforcement plugin when blockOwnerDeletion is set
 * (the standalone server has no such plugin); `get applications` and `get events` are the reads
 * after a 409 Conflict; `update events` is an aggregated event's second write.
 */
const NOT_EXERCISED = ['update applications/finalizers', 'get applications', 'get events', 'update events'];

function condition(type: string, status: string, reason: string, message = reason) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}
