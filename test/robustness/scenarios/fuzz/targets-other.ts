import fc from 'fast-check';
import { applicationAdmissionReview } from '@app/admission';
import { mutate, mutations } from './mutation.js';
import { encode, encodeSegment, FuzzTarget, validApplication } from './target.js';
import { acceptHeader } from './targets-applications.js';
import { anyString, dnsName, queryParams, queryValue, selector, textDamage, wrongValue } from './values.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

function admissionReview(operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT' = 'CREATE') {
  return applicationAdmissionReview(validApplication('reviewed'), {
    operation,
    namespace: 'fuzz',
    name: 'reviewed',
    userInfo: { username: 'fuzzer', groups: ['system:authenticated'] },
    oldObject: operation === 'UPDATE' ? validApplication('reviewed') : null,
    dryRun: false,
  });
}

const REVIEW_PATHS = [['apiVersion'], ['kind'], ['request'], ['request', 'uid'], ['request', 'kind'], ['request', 'kind', 'kind'], ['request', 'kind', 'group'], ['request', 'resource'], ['request', 'operation'], ['request', 'object'], ['request', 'object', 'spec'], ['request', 'object', 'spec', 'replicas'], ['request', 'object', 'spec', 'image'], ['request', 'object', 'metadata'], ['request', 'object', 'metadata', 'name'], ['request', 'object', 'metadata', 'labels'], ['request', 'oldObject'], ['request', 'dryRun'], ['request', 'namespace'], ['request', 'userInfo'], ['request', 'options'], ['response']];

/** POST /validate and /mutate: AdmissionReviews with mutated fields, other JSON, damaged JSON. */
export function admissionTarget(path: '/validate' | '/mutate'): FuzzTarget {
  return {
    name: `POST ${path}`,
    arbitrary: fc.record({ operation: fc.constantFrom('CREATE', 'UPDATE', 'DELETE', 'CONNECT'), changes: mutations(REVIEW_PATHS), damage: fc.option(textDamage, { freq: 5, nil: undefined }), raw: fc.option(wrongValue, { freq: 10, nil: undefined }) }),
    build: (input) => ({ method: 'POST', path, headers: JSON_HEADERS, body: encode({ value: input.raw !== undefined ? input.raw : mutate(admissionReview(input.operation), input.changes), damage: input.damage }) }),
  };
}

/** GET /watch (Server-Sent Events): bad kinds, selectors, resourceVersions, Last-Event-ID. */
export const sseWatch: FuzzTarget = {
  name: 'GET /watch (SSE)',
  arbitrary: fc.record({ query: queryParams(['kind', 'namespace', 'name', 'labelSelector', 'include', 'resourceVersion']), selector: fc.option(selector, { nil: undefined }), lastEventId: fc.option(queryValue, { nil: undefined }) }),
  build: (input) => ({
    method: 'GET',
    path: '/watch',
    query: [...input.query, ...(input.selector !== undefined ? [['labelSelector', input.selector] as [string, string]] : [])],
    headers: input.lastEventId !== undefined ? { 'last-event-id': String(input.lastEventId).replace(/[\r\n\u0000-\u001f\u007f-\uffff]/g, '') } : ({} as Record<string, string>),
  }),
};

/** GET /events and the Kubernetes event lists with filters. */
export const events: FuzzTarget = {
  name: 'GET events',
  arbitrary: fc.record({ kube: fc.boolean(), query: queryParams(['namespace', 'kind', 'name', 'type', 'severity', 'reason', 'since', 'limit', 'fieldSelector', 'labelSelector', 'continue']), selector: fc.option(selector, { nil: undefined }) }),
  build: (input) => ({
    method: 'GET',
    path: input.kube ? '/api/v1/namespaces/fuzz/events' : '/events',
    query: [...input.query, ...(input.selector !== undefined ? [['fieldSelector', input.selector] as [string, string]] : [])],
  }),
};

const OTHER_BASES: Record<string, { path: string; body: (name: string) => Record<string, unknown> }> = {
  configmaps: { path: '/api/v1/namespaces/fuzz-other/configmaps', body: (name) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } }) },
  leases: { path: '/apis/coordination.k8s.io/v1/namespaces/fuzz-other/leases', body: (name) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: 'x', leaseDurationSeconds: 10 } }) },
  events: { path: '/api/v1/namespaces/fuzz-other/events', body: (name) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Application', name: 'x', namespace: 'fuzz-other' }, reason: 'Fuzz', message: 'm', type: 'Normal' }) },
  namespaces: { path: '/api/v1/namespaces', body: (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `fzns-${name}`.slice(0, 63) } }) },
  deployments: { path: '/apis/apps/v1/namespaces/fuzz-other/deployments', body: (name) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }) },
  crds: { path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body: (name) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `things${name}.fuzz.example.com` }, spec: { group: 'fuzz.example.com', names: { plural: `things${name}`, kind: 'Thing', singular: `thing${name}` }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] } }) },
};

const OTHER_PATHS = [['metadata', 'name'], ['metadata', 'labels'], ['kind'], ['apiVersion'], ['data'], ['data', 'k'], ['spec'], ['spec', 'holderIdentity'], ['spec', 'leaseDurationSeconds'], ['spec', 'renewTime'], ['spec', 'replicas'], ['spec', 'group'], ['spec', 'names'], ['spec', 'names', 'plural'], ['spec', 'names', 'kind'], ['spec', 'scope'], ['spec', 'versions'], ['spec', 'versions', '0'], ['involvedObject'], ['type'], ['reason'], ['count'], ['firstTimestamp']];

/** Creates and patches of the built-in kinds the operator serves (namespaced writes stay in fuzz-other). */
export const otherResources: FuzzTarget = {
  name: 'built-in resources (configmaps, leases, events, namespaces, deployments, CRDs)',
  arbitrary: fc.record({ kind: fc.constantFrom(...Object.keys(OTHER_BASES)), name: dnsName, changes: mutations(OTHER_PATHS), method: fc.constantFrom('POST', 'PATCH', 'PUT'), damage: fc.option(textDamage, { freq: 6, nil: undefined }) }),
  build: (input) => {
    const base = OTHER_BASES[input.kind];
    const name = `fz-${input.name}`.slice(0, 40);
    const value = mutate(base.body(name), input.changes);
    if (input.method === 'POST') return { method: 'POST', path: base.path, headers: JSON_HEADERS, body: encode({ value, damage: input.damage }) };
    const path = `${base.path}/${input.kind === 'namespaces' ? `fzns-${name}` : input.kind === 'crds' ? `things${name}.fuzz.example.com` : name}`;
    const contentType = input.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    return { method: input.method, path, headers: { 'content-type': contentType }, body: encode({ value, damage: input.damage }) };
  },
};

const NON_RESOURCE = ['/', '/version', '/crd', '/crds', '/leader', '/debug/queue', '/healthz', '/livez', '/readyz', '/healthz/store', '/metrics', '/openapi/v3', '/openapi/v3/apis/cloudnative.elide.dev/v1', '/api', '/apis', '/api/v1', '/apis/cloudnative.elide.dev', '/apis/cloudnative.elide.dev/v1', '/dashboard', '/events', '/webhook/ca.crt', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'];

/** GETs of every non-resource path and discovery document, with odd suffixes and query parameters. */
export const nonResource: FuzzTarget = {
  name: 'GET discovery, probes, openapi, dashboard',
  arbitrary: fc.record({ path: fc.constantFrom(...NON_RESOURCE), suffix: fc.option(anyString, { freq: 3, nil: undefined }), query: queryParams(['pretty', 'timeout', 'verbose', 'exclude', 'format', 'watch', 'limit']), accept: fc.constantFrom(undefined, 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json', 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf', 'text/plain;version=0.0.4', 'application/openmetrics-text', '*/*', 'x/y') }),
  build: (input) => ({ method: 'GET', path: input.path + (input.suffix !== undefined ? `/${encodeSegment(input.suffix)}` : ''), query: input.query, headers: acceptHeader(input.accept) }),
};
