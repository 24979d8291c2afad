import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestOperator, tempDir } from '../support/operator.js';
import { APPS, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

function kubeconfig(server: string): string {
  return [
    'apiVersion: v1', 'kind: Config',
    'clusters:', '- name: operator', '  cluster:', `    server: ${server}`,
    'contexts:', '- name: operator', '  context:', '    cluster: operator', '    namespace: default', '    user: operator',
    'users:', '- name: operator', '  user: {}',
    'current-context: operator', '',
  ].join('\n');
}

/** Runs the real kubectl with its own kubeconfig, HOME and cache directory (no `--validate=false`). */
function kubectl(dir: string, config: string, ...args: string[]): Promise<KubectlResult> {
  const flags = ['--kubeconfig', join(dir, config), '--cache-dir', join(dir, `${config}.cache`)];
  return new Promise((resolve) => {
    execFile('/usr/bin/kubectl', [...flags, ...args], { env: { ...process.env, HOME: dir }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A proxy that strips aggregated discovery from Accept headers, so kubectl takes the legacy path. */
async function legacyDiscoveryProxy(target: string, seen: string[]): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const headers = { ...req.headers };
    if (/^\/apis?(\?|$)/.test(req.url ?? '')) headers.accept = 'application/json';
    seen.push(req.url ?? '');
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const application = (name: string, spec: string) =>
  `apiVersion: cloudnative.elide.dev/v1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  image: nginx:1.27\n${spec}`;

describe('OpenAPI v3 and aggregated discovery with kubectl (e2e)', () => {
  let operator: RunningOperator;
  let proxy: Server;
  let http: Http;
  const proxied: string[] = [];
  const dir = tempDir('openapi-e2e-');
  const run = (...args: string[]) => kubectl(dir.path, 'direct', ...args);
  const file = (name: string, content: string) => {
    writeFileSync(join(dir.path, name), content);
    return join(dir.path, name);
  };

  before(async () => {
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    http = new Http(operator.url);
    proxy = await legacyDiscoveryProxy(operator.url, proxied);
    writeFileSync(join(dir.path, 'direct'), kubeconfig(operator.url));
    writeFileSync(join(dir.path, 'legacy'), kubeconfig(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`));
  });
  after(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await operator.shutdown();
    dir.remove();
  });

  it('lists the API resources, identically with aggregated and legacy discovery', async () => {
    const aggregated = await run('api-resources');
    assert.equal(aggregated.code, 0, aggregated.stderr);
    assert.match(aggregated.stdout, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/m);
    assert.match(aggregated.stdout, /^applications\s+app\s+cloudnative\.elide\.dev\/v1\s+true\s+Application$/m);
    assert.match(aggregated.stdout, /^events\s+ev\s+v1\s+true\s+Event$/m);
    assert.match(aggregated.stdout, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    assert.match(aggregated.stdout, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
    assert.match(aggregated.stdout, /^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m);
    const legacy = await kubectl(dir.path, 'legacy', 'api-resources');
    assert.equal(legacy.code, 0, legacy.stderr);
    assert.ok(proxied.some((url) => url.startsWith('/apis/cloudnative.elide.dev/v1')), 'the legacy run fetched per-group-version lists');
    assert.equal(legacy.stdout, aggregated.stdout);
  });

  it('answers aggregated discovery only when the Accept header asks for v2', async () => {
    const v2 = await http.get('/apis', { accept: `${AGGREGATED},application/json` });
    assert.equal(v2.headers.get('content-type'), AGGREGATED);
    const applications = v2.body.items.find((item: any) => item.metadata.name === 'cloudnative.elide.dev').versions[0];
    assert.equal(applications.freshness, 'Current');
    assert.deepEqual(applications.resources[0].subresources.map((sub: any) => sub.responseKind), [
      { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' },
      { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    ]);
    const legacy = await http.get('/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' });
    assert.match(legacy.headers.get('content-type')!, /^application\/json(;|$)/);
    assert.equal(legacy.body.kind, 'APIGroupList');
    const notModified = await http.get('/api', { accept: AGGREGATED, 'if-none-match': (await http.get('/api', { accept: AGGREGATED })).headers.get('etag')! });
    assert.equal(notModified.status, 304);
  });

  it('explains fields from the OpenAPI v3 documents', async () => {
    const field = await run('explain', 'applications.spec.replicas');
    assert.equal(field.code, 0, field.stderr);
    assert.match(field.stdout, /^GROUP:\s+cloudnative\.elide\.dev$/m);
    assert.match(field.stdout, /^VERSION:\s+v1$/m);
    assert.match(field.stdout, /^FIELD: replicas <integer>$/m);
    assert.match(field.stdout, /Desired number of running instances \(0 to 100\)\. Defaults to 1\. Exposed\s+through the scale subresource\./);
    const beta = await run('explain', 'applications', '--api-version=cloudnative.elide.dev/v1beta1');
    assert.equal(beta.code, 0, beta.stderr);
    assert.match(beta.stdout, /^VERSION:\s+v1beta1$/m);
    assert.match(beta.stdout, /^ {2}metadata\t<ObjectMeta>$/m);
    assert.match(beta.stdout, /^ {2}spec\t<Object> -required-$/m);
    const replicaCount = await run('explain', 'applications.spec.replicaCount', '--api-version=cloudnative.elide.dev/v1beta1');
    assert.match(replicaCount.stdout, /^FIELD: replicaCount <integer>$/m);
  });

  it('creates and applies with default validation: created, configured, unchanged', async () => {
    const created = await run('create', '-f', file('web.yaml', application('web', '  replicas: 2\n')));
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), 'application.cloudnative.elide.dev/web created');
    const manifest = file('web.yaml', application('web', '  replicas: 3\n'));
    const configured = await run('apply', '-f', manifest);
    assert.equal(configured.code, 0, configured.stderr);
    assert.equal(configured.stdout.trim(), 'application.cloudnative.elide.dev/web configured');
    const before = (await http.get(`${APPS}/namespaces/default/applications/web`)).body;
    assert.equal(before.spec.replicas, 3);
    const unchanged = await run('apply', '-f', manifest);
    assert.equal(unchanged.code, 0, unchanged.stderr);
    assert.equal(unchanged.stdout.trim(), 'application.cloudnative.elide.dev/web unchanged');
    const afterApply = (await http.get(`${APPS}/namespaces/default/applications/web`)).body;
    assert.equal(afterApply.metadata.resourceVersion, before.metadata.resourceVersion);
  });

  it('rejects an unknown field with the server strict validation error', async () => {
    const result = await run('create', '-f', file('bad.yaml', application('bad', '  foo: bar\n')));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /Error from server \(BadRequest\): error when creating ".*bad\.yaml": Application in version "v1" cannot be handled as a Application: strict decoding error: unknown field "spec\.foo"/,
    );
    assert.equal((await http.get(`${APPS}/namespaces/default/applications/bad`)).status, 404);
  });

  it('serves an index of valid OpenAPI 3 documents with kube hashes and caching', async () => {
    const index = await http.get('/openapi/v3', { accept: 'application/json' });
    const paths = Object.keys(index.body.paths);
    for (const path of ['api/v1', 'apis/apiextensions.k8s.io/v1', 'apis/cloudnative.elide.dev/v1', 'apis/cloudnative.elide.dev/v1beta1', 'apis/coordination.k8s.io/v1']) {
      assert.ok(paths.includes(path), path);
    }
    for (const path of paths) {
      const url: string = index.body.paths[path].serverRelativeURL;
      const document = await http.get(url, { accept: 'application/com.github.proto-openapi.spec.v3.v1.0+protobuf,application/json' });
      assert.equal(document.headers.get('content-type'), 'application/json');
      assert.equal(url.split('hash=')[1], createHash('sha512').update(document.text).digest('hex').toUpperCase());
      assert.equal(document.headers.get('cache-control'), 'public, immutable');
      await assert.doesNotReject(SwaggerParser.validate(structuredClone(document.body)), path);
    }
    const etag = (await http.get('/openapi/v3/apis/cloudnative.elide.dev/v1')).headers.get('etag')!;
    assert.equal((await http.get('/openapi/v3/apis/cloudnative.elide.dev/v1', { 'if-none-match': etag })).status, 304);
    const stale = await fetch(`${operator.url}/openapi/v3/apis/cloudnative.elide.dev/v1?hash=0`, { redirect: 'manual' });
    assert.equal(stale.status, 301);
    assert.equal(stale.headers.get('location'), index.body.paths['apis/cloudnative.elide.dev/v1'].serverRelativeURL);
    assert.equal((await http.get('/openapi/v3/apis/nope.example.com/v1')).status, 404);
  });

  it('publishes a CRD created with kubectl at once', async () => {
    const crd = [
      'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', '  name: widgets.example.com', 'spec:',
      '  group: example.com', '  names: {plural: widgets, singular: widget, kind: Widget}', '  scope: Namespaced', '  versions:',
      '  - name: v1alpha1', '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema:', '        type: object',
      '        properties:', '          spec:', '            type: object', '            properties:',
      '              size: {type: integer, description: How big the widget is.}', '',
    ].join('\n');
    const created = await run('create', '-f', file('crd.yaml', crd));
    assert.equal(created.code, 0, created.stderr);
    const index = await http.get('/openapi/v3');
    assert.ok(index.body.paths['apis/example.com/v1alpha1']);
    const explained = await run('explain', 'widgets.spec.size');
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /^FIELD: size <integer>$/m);
    assert.match(explained.stdout, /How big the widget is\./);
  });
});
