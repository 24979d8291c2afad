import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kubeRouteTemplate, routeLabel, UNMATCHED_ROUTE } from './http-route.js';

describe(kubeRouteTemplate.name, () => {
  const cases: Array<[string, string | undefined]> = [
    ['/api', '/api'],
    ['/apis/', '/apis'],
    ['/api/v1', '/api/{version}'],
    ['/apis/cloudnative.elide.dev', '/apis/{group}'],
    ['/apis/cloudnative.elide.dev/v1', '/apis/{group}/{version}'],
    ['/apis/cloudnative.elide.dev/v1/applications', '/apis/{group}/{version}/{resource}'],
    ['/apis/cloudnative.elide.dev/v1/namespaces/team-a/applications', '/apis/{group}/{version}/namespaces/{namespace}/{resource}'],
    ['/apis/cloudnative.elide.dev/v1/namespaces/team-a/applications/web', '/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}'],
    ['/apis/cloudnative.elide.dev/v1/namespaces/team-a/applications/web/status', '/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}/{subresource}'],
    ['/apis/cloudnative.elide.dev/v1/watch/namespaces/a/applications', '/apis/{group}/{version}/watch/namespaces/{namespace}/{resource}'],
    ['/api/v1/namespaces', '/api/{version}/{resource}'],
    ['/api/v1/namespaces/team-a', '/api/{version}/namespaces/{name}'],
    ['/api/v1/namespaces/team-a/finalize', '/api/{version}/namespaces/{name}/{subresource}'],
    ['/api/v1/namespaces/team-a/events/e1', '/api/{version}/namespaces/{namespace}/{resource}/{name}'],
    ['/apis/x/v1/namespaces/a/apps/b/c/d', UNMATCHED_ROUTE],
    ['/healthz', undefined],
    ['/apiserver', undefined],
  ];
  for (const [path, expected] of cases) {
    it(`${path} → ${expected}`, () => assert.equal(kubeRouteTemplate(path), expected));
  }
});

describe(routeLabel.name, () => {
  const fixed = new Set(['/validate', '/leader', '/']);

  it('prefers the Kubernetes template, even when Express matched the catch-all route', () => {
    assert.equal(routeLabel({ path: '/apis/g/v1/namespaces/a/apps/x', route: { path: ['apis/*path'] } }, fixed), '/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}');
  });

  it('uses the matched route pattern, never the raw path', () => {
    assert.equal(routeLabel({ path: '/dashboard/assets/main.js', route: { path: '/dashboard/assets/:file' } }, fixed), '/dashboard/assets/:file');
  });

  it('uses a fixed route for requests answered before routing', () => {
    assert.equal(routeLabel({ path: '/validate' }, fixed), '/validate');
    assert.equal(routeLabel({ path: '/validate/' }, fixed), '/validate');
    assert.equal(routeLabel({ path: '/' }, fixed), '/');
  });

  it('labels unknown paths as unmatched', () => {
    assert.equal(routeLabel({ path: '/nope/secret-name' }, fixed), UNMATCHED_ROUTE);
  });
});
