import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Request } from 'express';
import { classifyRequest } from './request-classifier.js';

function req(method: string, url: string, encrypted = false): Request {
  const parsed = new URL(url, 'http://x');
  return { method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), socket: { encrypted } } as unknown as Request;
}
const classify = (method: string, url: string, options = { metricsAnonymous: false }, encrypted = false) => classifyRequest(req(method, url, encrypted), options);

describe(classifyRequest.name, () => {
  it('reads resource requests as kube-apiserver does, naming list and watch objects by field selector', () => {
    assert.deepEqual(classify('PATCH', '/apis/cloudnative.elide.dev/v1/namespaces/a/applications/web/scale').attributes, {
      kind: 'resource', verb: 'patch', apiGroup: 'cloudnative.elide.dev', apiVersion: 'v1', resource: 'applications', subresource: 'scale', namespace: 'a', name: 'web',
    });
    const watch = classify('GET', '/apis/cloudnative.elide.dev/v1/namespaces/a/applications?watch=true&fieldSelector=metadata.name%3Dweb');
    assert.equal(watch.attributes.kind === 'resource' && watch.attributes.name, 'web');
    assert.equal(watch.longRunning, true);
    assert.equal(classify('GET', '/api/v1/namespaces/a/events?fieldSelector=metadata.name!%3Dx').attributes.kind === 'resource', true);
    assert.deepEqual(classify('GET', '/apis').attributes, { kind: 'nonResource', verb: 'get', path: '/apis' });
    assert.deepEqual(classify('POST', '/validate').attributes, { kind: 'nonResource', verb: 'post', path: '/validate' });
  });

  it('marks watches and the SSE stream long-running, however the path is spelled', () => {
    for (const url of ['/watch', '/watch/', '/Watch?kind=Application', '/api/v1/watch/namespaces/a/events']) assert.equal(classify('GET', url).longRunning, true, url);
    assert.equal(classify('GET', '/apis/cloudnative.elide.dev/v1/applications').longRunning, false);
    assert.equal(classify('GET', '/watch/').route, '/watch');
  });

  it('keeps the public surface small', () => {
    for (const url of ['/healthz', '/livez', '/readyz', '/version', '/dashboard', '/dashboard/assets/main.js', '/docs', '/docs/swagger-ui.css', '/docs-json', '/webhook/ca.crt', '/security/dashboard-auth.js']) {
      assert.equal(classify('GET', url).public, true, url);
    }
    for (const url of ['/', '/metrics', '/events', '/watch', '/leader', '/debug/queue', '/apis', '/healthz/', '/dashboard/assets/../../apis/x', '/dashboard/assets/..%2F..%2Fapis', '/docs/..\\x']) {
      assert.equal(classify('GET', url).public, false, url);
    }
    assert.equal(classify('POST', '/dashboard').public, false);
    assert.equal(classify('GET', '/metrics', { metricsAnonymous: true }).public, true);
    assert.equal(classify('POST', '/validate').public, false, 'webhooks over plain HTTP need a token');
    assert.equal(classify('POST', '/validate', { metricsAnonymous: false }, true).public, true, 'kube-apiserver calls them over TLS without one');
  });

  it('tells probes and mutating requests apart', () => {
    assert.equal(classify('GET', '/readyz').probe, true);
    assert.equal(classify('GET', '/metrics').probe, false);
    assert.equal(classify('DELETE', '/apis/g/v1/namespaces/a/applications').mutating, true);
    assert.equal(classify('HEAD', '/apis/g/v1/namespaces/a/applications').mutating, false);
  });
});
