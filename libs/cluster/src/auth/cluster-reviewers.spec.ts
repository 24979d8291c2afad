import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { Counter, Histogram, Registry } from 'prom-client';
import { resolveClusterOptions } from '../cluster.options.js';
import { KubeApiResourceClientFactory } from '../client/kube-api-resource-client.factory.js';
import { ClusterAccessReviewer } from './cluster-access-reviewer.js';
import { ClusterTokenReviewer } from './cluster-token-reviewer.js';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A fake kube-apiserver answering reviews from `answer`, recording what it received. */
describe('ClusterTokenReviewer and ClusterAccessReviewer', () => {
  const received: Received[] = [];
  let answer: (body: any) => [number, unknown] = () => [500, {}];
  let server: Server;
  let clients: KubeApiResourceClientFactory;
  const registry = new Registry();
  const metric = (name: string) => ({
    total: new Counter({ name: `${name}_total`, help: name, labelNames: ['code'], registers: [registry] }),
    duration: new Histogram({ name: `${name}_seconds`, help: name, labelNames: ['code'], registers: [registry] }),
  });
  const authn = metric('authn');
  const authz = metric('authz');
  const count = async (counter: Counter<string>) => Object.fromEntries((await counter.get()).values.map((v) => [v.labels.code, v.value]));
  const tokenReviewer = () => new ClusterTokenReviewer(clients, authn.total, authn.duration);
  const accessReviewer = () => new ClusterAccessReviewer(clients, authz.total, authz.duration);

  before(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        const body = JSON.parse(text);
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        const [status, reply] = answer(body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
      users: [{ name: 'operator', token: 'operator-sa-token' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'operator' }],
      currentContext: 'x',
    });
    clients = new KubeApiResourceClientFactory(kubeConfig, resolveClusterOptions({ requestTimeoutMs: 2000 }));
  });
  after(() => {
    clients.onModuleDestroy();
    server.close();
  });

  it('reviews a token with a TokenReview sent with the operator\'s own credentials', async () => {
    answer = (body) => [201, { ...body, status: body.spec.token === 'good' ? { authenticated: true, user: { username: 'system:serviceaccount:monitoring:prometheus', uid: 'u-9', groups: ['system:serviceaccounts'], extra: { 'authentication.kubernetes.io/pod-name': ['prometheus-0'] } } } : { user: {} } }];
    const reviewer = tokenReviewer();
    const user = await reviewer.review('good');
    assert.deepEqual(user, { username: 'system:serviceaccount:monitoring:prometheus', uid: 'u-9', groups: ['system:serviceaccounts', 'system:authenticated'], extra: { 'authentication.kubernetes.io/pod-name': ['prometheus-0'] } });
    assert.equal(await reviewer.review('bad'), undefined);
    const [first] = received.splice(0);
    assert.deepEqual([first.method, first.url, first.headers.authorization], ['POST', '/apis/authentication.k8s.io/v1/tokenreviews', 'Bearer operator-sa-token']);
    assert.deepEqual(first.body, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'good' } });
  });

  it('rejects when the cluster refuses the review (the operator lacks create tokenreviews)', async () => {
    answer = () => [403, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'tokenreviews.authentication.k8s.io is forbidden' }];
    await assert.rejects(tokenReviewer().review('good'), /forbidden/);
    received.splice(0);
    assert.deepEqual(await count(authn.total), { '201': 2, '403': 1 }, 'every TokenReview counted by code');
  });

  it('asks a SubjectAccessReview for the user and resource or path, and reads allowed and the reason', async () => {
    answer = (body) => [201, { ...body, status: body.spec.resourceAttributes?.verb === 'list' ? { allowed: true, reason: 'RBAC: allowed by RoleBinding "view/shop"' } : { allowed: false, denied: false, evaluationError: 'role "x" not found' } }];
    const reviewer = accessReviewer();
    const user = { username: 'alice', uid: 'a-1', groups: ['dev', 'system:authenticated'] };
    const list = await reviewer.review({ kind: 'resource', user, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'events', namespace: 'shop' });
    assert.deepEqual(list, { allowed: true, reason: 'RBAC: allowed by RoleBinding "view/shop"' });
    const metrics = await reviewer.review({ kind: 'nonResource', user, verb: 'get', path: '/metrics' });
    assert.deepEqual(metrics, { allowed: false, reason: 'role "x" not found' });
    const [first, second] = received.splice(0);
    assert.deepEqual([first.url, first.headers.authorization], ['/apis/authorization.k8s.io/v1/subjectaccessreviews', 'Bearer operator-sa-token']);
    assert.deepEqual(first.body.spec, { resourceAttributes: { namespace: 'shop', verb: 'list', group: '', version: 'v1', resource: 'events', subresource: '', name: '' }, user: 'alice', uid: 'a-1', groups: ['dev', 'system:authenticated'] });
    assert.deepEqual(second.body.spec, { nonResourceAttributes: { path: '/metrics', verb: 'get' }, user: 'alice', uid: 'a-1', groups: ['dev', 'system:authenticated'] });
    assert.deepEqual(await count(authz.total), { '201': 2 });
    server.closeAllConnections();
  });

  it('counts a review that got no answer as <error>', async () => {
    const unreachable = new KubeConfig();
    unreachable.loadFromOptions({ clusters: [{ name: 'c', server: 'http://127.0.0.1:1', skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    const factory = new KubeApiResourceClientFactory(unreachable, resolveClusterOptions({ requestTimeoutMs: 2000 }));
    await assert.rejects(new ClusterAccessReviewer(factory, authz.total, authz.duration).review({ kind: 'nonResource', user: { username: 'a' }, verb: 'get', path: '/' }));
    assert.equal((await count(authz.total))['<error>'], 1);
    factory.onModuleDestroy();
  });
});
