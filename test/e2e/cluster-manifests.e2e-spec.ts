import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadConfig } from '@app/config';
import { CONSOLE_PATHS } from '@app/security';
import { withConversionWebhook } from '@app/cluster';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { CRD_MANIFEST_PATH, fetchCrdManifest } from '../../apps/operator/src/cluster/crd-manifest-file.js';
import { startTestOperator } from '../support/operator.js';
import { KUSTOMIZE_DIR, kustomize, Manifest } from './cluster-harness.js';

/**
 * The validator module of each apiVersion (the `@kubernetes-models/*` packages: Kubernetes'
 * OpenAPI schemas compiled to validators). A missing package fails the test, naming it.
 */
const MODEL_PACKAGES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'rbac.authorization.k8s.io/v1': 'kubernetes-models/rbac.authorization.k8s.io/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'admissionregistration.k8s.io/v1': 'kubernetes-models/admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1': 'kubernetes-models/apiextensions.k8s.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  'cert-manager.io/v1': '@kubernetes-models/cert-manager/cert-manager.io/v1',
};
const PACKAGES_NEEDED = 'kubernetes-models@5.1.0, @kubernetes-models/prometheus-operator@6.0.0, @kubernetes-models/cert-manager@6.0.0';

type Model = new (data: unknown) => { validate(): void };

async function validateWithModels(manifest: Manifest): Promise<string | undefined> {
  const specifier = MODEL_PACKAGES[manifest.apiVersion];
  if (!specifier) return `no validator known for ${manifest.apiVersion}`;
  let module: Record<string, Model>;
  try {
    module = (await import(specifier)) as Record<string, Model>;
  } catch (error) {
    return `cannot load ${specifier} (${(error as Error).message}): the manifests are validated with ${PACKAGES_NEEDED}`;
  }
  const ModelClass = module[manifest.kind];
  if (!ModelClass) return `${specifier} has no ${manifest.kind}`;
  try {
    new ModelClass(manifest).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Fields the schemas do not know (a typo such as readOnlyRootFileSystem passes the validators,
 * which check types and required fields only): walks each object along the model classes of the
 * python client (python3-kubernetes, Kubernetes 1.22's API), printing unknown paths.
 */
const UNKNOWN_FIELDS_PY = `
import json, re, sys
import kubernetes.client as c
def walk(t, value, path, out):
    inner = re.fullmatch(r"list\\[(.+)\\]", t)
    if inner and isinstance(value, list):
        for i, item in enumerate(value): walk(inner.group(1), item, f"{path}[{i}]", out)
        return
    inner = re.fullmatch(r"dict\\(str, (.+)\\)", t)
    if inner and isinstance(value, dict):
        for key, item in value.items(): walk(inner.group(1), item, f"{path}.{key}", out)
        return
    cls = getattr(c, t, None) if t.startswith("V") else None
    if cls is None or not isinstance(value, dict): return
    names = {v: k for k, v in cls.attribute_map.items()}
    for key, item in value.items():
        if key not in names: out.append(f"{path}.{key}")
        else: walk(cls.openapi_types[names[key]], item, f"{path}.{key}", out)
result = {}
for doc in json.load(sys.stdin):
    t = "V" + doc["apiVersion"].split("/")[-1][1:] + doc["kind"]
    if getattr(c, t, None) is None: continue
    out = []
    walk(t, doc, doc["kind"], out)
    result[doc["kind"] + "/" + doc["metadata"]["name"]] = out
print(json.dumps(result))
`;
/** Fields newer than the python client's Kubernetes 1.22 models. */
const NEWER_FIELDS = [/^CustomResourceDefinition\.spec\.versions\[\d+\]\.selectableFields$/];

function unknownFields(manifests: Manifest[]): Promise<Record<string, string[]>> {
  return new Promise((resolve, reject) => {
    const child = execFile('/usr/bin/python3', ['-c', UNKNOWN_FIELDS_PY], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout))));
    child.stdin!.end(JSON.stringify(manifests));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are free-form JSON
const find = (manifests: Manifest[], kind: string, name?: string): any => {
  const found = manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  assert.ok(found, `no ${kind}${name ? ` ${name}` : ''} rendered`);
  return found;
};

describe('deploy/kubernetes (e2e)', () => {
  let full: Manifest[];
  let base: Manifest[];
  let operator: RunningOperator;

  before(async () => {
    [full, base] = await Promise.all([kustomize(KUSTOMIZE_DIR), kustomize(`${KUSTOMIZE_DIR}/base`)]);
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
  });

  after(() => operator?.shutdown());

  it('renders offline with kubectl kustomize: every object the issue lists', () => {
    const kinds = full.map((m) => m.kind).sort();
    assert.deepEqual(kinds, [
      'Certificate', 'ClusterRole', 'ClusterRole', 'ClusterRole', 'ClusterRole', 'ClusterRoleBinding', 'ClusterRoleBinding', 'CustomResourceDefinition', 'Deployment', 'Issuer',
      'MutatingWebhookConfiguration', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget', 'Role', 'RoleBinding', 'Service', 'ServiceAccount', 'ServiceMonitor',
      'ValidatingWebhookConfiguration',
    ]);
    assert.deepEqual(base.map((m) => m.kind).filter((kind) => ['Certificate', 'Issuer', 'ServiceMonitor'].includes(kind)), [], 'base/ needs no CRDs but its own');
    for (const manifest of full.filter((m) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].includes(m.kind))) {
      assert.equal(manifest.metadata.namespace, 'elide-system', `${manifest.kind} ${manifest.metadata.name}`);
    }
  });

  it('validates every rendered object against the Kubernetes schemas (@kubernetes-models validators)', async () => {
    const failures: string[] = [];
    for (const manifest of full) {
      const problem = await validateWithModels(manifest);
      if (problem) failures.push(`${manifest.kind} ${manifest.metadata.name}: ${problem}`);
    }
    assert.deepEqual(failures, []);
    const broken = structuredClone(find(full, 'Deployment'));
    broken.spec.replicas = 'three';
    assert.match((await validateWithModels(broken)) ?? '', /spec\/replicas must be integer/, 'the validators see a wrong type');
  });

  it('has no field the Kubernetes API does not know', async () => {
    const unknown = Object.fromEntries(
      Object.entries(await unknownFields(full))
        .map(([object, paths]) => [object, paths.filter((path) => !NEWER_FIELDS.some((pattern) => pattern.test(path)))])
        .filter(([, paths]) => paths.length > 0),
    );
    assert.deepEqual(unknown, {});
    const typo = structuredClone(find(full, 'Deployment'));
    typo.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem = true;
    assert.deepEqual(Object.values(await unknownFields([typo])), [['Deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem']], 'the check sees a typo');
  });

  it('commits the Application CRD exactly as the server serves it, converting through the webhook (regenerate: npm run gen:crd)', async () => {
    const served = await fetchCrdManifest(operator.url);
    const expected = withConversionWebhook(served);
    assert.deepEqual(parse(readFileSync(CRD_MANIFEST_PATH, 'utf8')), expected);
    assert.deepEqual(find(full, 'CustomResourceDefinition').spec, expected.spec);
    assert.deepEqual((served.spec as { conversion: unknown }).conversion, { strategy: 'None' }, 'the standalone server converts in process');
  });

  it('has the CRD convert v1 ⇄ v1beta1 through the operator\'s /convert, its caBundle injected by cert-manager', () => {
    const crd = find(full, 'CustomResourceDefinition');
    assert.deepEqual(crd.spec.versions.filter((v: { served: boolean }) => v.served).map((v: { name: string }) => v.name), ['v1', 'v1beta1']);
    const { strategy, webhook } = crd.spec.conversion;
    assert.equal(strategy, 'Webhook');
    assert.deepEqual(webhook.conversionReviewVersions, ['v1']);
    const { name, namespace, port, path } = webhook.clientConfig.service;
    assert.deepEqual([namespace, path], ['elide-system', '/convert']);
    const service = find(full, 'Service', name);
    assert.equal(service.metadata.namespace, namespace);
    assert.deepEqual(service.spec.ports.find((p: { port: number }) => p.port === port), { name: 'webhook', port: 443, targetPort: 'webhook', protocol: 'TCP' }, 'the Service\'s webhook port (TLS)');
    assert.ok(find(full, 'Certificate').spec.dnsNames.includes(`${name}.${namespace}.svc`), 'the serving certificate names the Service');
    assert.equal(crd.metadata.annotations['cert-manager.io/inject-ca-from'], 'elide-system/application-operator-webhook');
    assert.equal(find(base, 'CustomResourceDefinition').metadata.annotations, undefined, 'base/ leaves the caBundle to the installer');
  });

  it('runs three hardened replicas in cluster mode, spread across nodes', () => {
    const deployment = find(full, 'Deployment');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(pod.serviceAccountName, 'application-operator');
    assert.deepEqual(pod.securityContext.seccompProfile, { type: 'RuntimeDefault' });
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.deepEqual(container.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, privileged: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual([container.readinessProbe.httpGet.path, container.livenessProbe.httpGet.path, container.startupProbe.httpGet.path], ['/readyz', '/livez', '/livez']);
    assert.ok(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory);
    assert.ok(pod.topologySpreadConstraints.some((c: { topologyKey: string }) => c.topologyKey === 'kubernetes.io/hostname'));
    const mounts = Object.fromEntries(container.volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, m.name]));
    const volumes = Object.fromEntries(pod.volumes.map((v: { name: string }) => [v.name, v]));
    assert.ok(volumes[mounts['/data']].emptyDir && volumes[mounts['/tmp']].emptyDir, '/data and /tmp are emptyDirs');
    assert.equal(volumes[mounts['/etc/webhook/tls']].secret.secretName, find(full, 'Certificate').spec.secretName);
  });

  it('configures the operator with variables it accepts, in cluster mode', () => {
    const [container] = find(full, 'Deployment').spec.template.spec.containers;
    const env = Object.fromEntries(container.env.map((e: { name: string; value?: string; valueFrom?: unknown }) => [e.name, e.value ?? (e.name === 'POD_NAME' ? 'application-operator-0' : 'elide-system')]));
    const config = loadConfig(env);
    assert.deepEqual([config.MODE, config.HOST, config.PORT, config.WEBHOOK_PORT, config.WEBHOOK_TLS, config.LEASE_NAMESPACE], ['cluster', '0.0.0.0', 3000, 9443, 'files', 'elide-system']);
    assert.equal(env.AUTH_MODE, undefined, 'cluster mode authenticates by default (TokenReview, SubjectAccessReview)');
    assert.equal(config.AUTH_MODE, 'token');
    assert.deepEqual(container.ports.map((p: { containerPort: number }) => p.containerPort).sort(), [3000, 9443]);
  });

  it('wires the Service, the webhooks, the certificate, the PodDisruptionBudget and the ServiceMonitor together', () => {
    const service = find(full, 'Service');
    const ports = Object.fromEntries(service.spec.ports.map((p: { name: string; port: number; targetPort: string }) => [p.name, [p.port, p.targetPort]]));
    assert.deepEqual(ports, { http: [80, 'http'], metrics: [3000, 'http'], webhook: [443, 'webhook'] });
    const dnsNames = find(full, 'Certificate').spec.dnsNames;
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      const configuration = find(full, kind);
      assert.equal(configuration.metadata.annotations['cert-manager.io/inject-ca-from'], 'elide-system/application-operator-webhook');
      const [webhook] = configuration.webhooks;
      assert.deepEqual([webhook.sideEffects, webhook.failurePolicy, webhook.matchPolicy, webhook.admissionReviewVersions], ['None', 'Fail', 'Equivalent', ['v1']]);
      assert.ok(webhook.timeoutSeconds > 0 && webhook.timeoutSeconds <= 30);
      assert.deepEqual(webhook.rules, [{ apiGroups: ['cloudnative.elide.dev'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['applications'], scope: 'Namespaced' }]);
      const { name, namespace, port, path } = webhook.clientConfig.service;
      assert.deepEqual([name, namespace, port, path], ['application-operator', 'elide-system', 443, kind.startsWith('Validating') ? '/validate' : '/mutate']);
      assert.ok(dnsNames.includes(`${name}.${namespace}.svc`), 'the serving certificate names the Service');
    }
    assert.equal(find(full, 'PodDisruptionBudget').spec.maxUnavailable, 1);
    const monitor = find(full, 'ServiceMonitor');
    assert.deepEqual(monitor.spec.endpoints.map((e: { port: string; path: string; bearerTokenFile: string }) => [e.port, e.path, e.bearerTokenFile]), [
      ['metrics', '/metrics', '/var/run/secrets/kubernetes.io/serviceaccount/token'],
    ]);
    const scraper = find(full, 'ClusterRoleBinding', 'application-operator-metrics-reader');
    assert.equal(scraper.roleRef.name, find(full, 'ClusterRole', 'application-operator-metrics-reader').metadata.name);
    assert.deepEqual(scraper.subjects, [{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' }], 'Prometheus\' service account (a patch point)');
    assert.equal(base.find((m) => m.kind === 'ClusterRoleBinding' && m.metadata.name === 'application-operator-metrics-reader'), undefined, 'bound only with the monitoring component');
    assert.deepEqual(monitor.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'application-operator' });
    assert.equal(service.metadata.labels['app.kubernetes.io/name'], 'application-operator', 'the ServiceMonitor selects the Service');
    const policy = find(full, 'NetworkPolicy');
    assert.deepEqual(policy.spec.policyTypes, ['Ingress', 'Egress']);
    assert.deepEqual(policy.spec.podSelector, find(full, 'Deployment').spec.selector);
  });

  it('binds the ClusterRole and the leader-election Role to the operator\'s ServiceAccount', () => {
    const account = find(full, 'ServiceAccount');
    for (const [kind, name] of [['ClusterRole', 'application-operator'], ['Role', 'application-operator-leader-election']] as const) {
      const bound = find(full, `${kind}Binding`, name);
      assert.deepEqual(bound.subjects, [{ kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace }]);
      assert.deepEqual([bound.roleRef.kind, bound.roleRef.name], [kind, find(full, kind, name).metadata.name]);
    }
    const rules = find(full, 'ClusterRole', 'application-operator').rules;
    assert.ok(rules.every((rule: { verbs: string[]; resources: string[] }) => !rule.verbs.includes('*') && !rule.resources.includes('*')), 'no wildcards');
    const delegation = rules.filter((rule: { apiGroups: string[] }) => rule.apiGroups.some((group) => group.endsWith('.k8s.io') && group !== 'apiextensions.k8s.io'));
    assert.deepEqual(delegation, [
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ], 'what system:auth-delegator grants, for the requests to its own port');
  });

  it('ships read-only roles to bind for the console, the Applications and /metrics', () => {
    const console = find(base, 'ClusterRole', 'application-operator-console');
    assert.deepEqual(console.rules, [{ nonResourceURLs: CONSOLE_PATHS, verbs: ['get'] }], 'the console paths the standalone policy grants');
    const viewer = find(base, 'ClusterRole', 'application-operator-viewer');
    assert.equal(viewer.metadata.labels['rbac.authorization.k8s.io/aggregate-to-view'], 'true');
    assert.deepEqual(viewer.rules.map((rule: { apiGroups: string[]; resources: string[] }) => [rule.apiGroups, rule.resources]), [
      [['cloudnative.elide.dev'], ['applications', 'applications/status', 'applications/scale']],
      [[''], ['events']],
    ]);
    assert.deepEqual(find(base, 'ClusterRole', 'application-operator-metrics-reader').rules, [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]);
    for (const role of [console, viewer]) assert.ok(role.rules.every((rule: { verbs: string[] }) => rule.verbs.every((verb) => ['get', 'list', 'watch'].includes(verb))), `${role.metadata.name} only reads`);
    assert.equal(base.filter((m) => m.kind.endsWith('Binding') && /console|viewer/.test(m.roleRef ? String((m.roleRef as { name: string }).name) : '')).length, 0, 'bound by the user, not the install');
  });
});
