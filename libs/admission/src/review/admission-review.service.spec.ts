import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, BadRequestError, JsonPatchOperation, KubeObject } from '@app/api-machinery';
import { AdmissionEngine } from '../engine/admission-engine.js';
import fc from 'fast-check';
import { decodeAdmissionReview } from './review-decoder.js';
import { application, attributesFor, counterValue, fixedClock, fixedPolicies, reviewBody, testMetrics } from '../testing/admission-fixtures.js';
import { AdmissionReviewService } from './admission-review.service.js';
import { applicationAdmissionReview } from './admission-review-request.js';

function service() {
  const { metrics, registry } = testMetrics();
  const engine = new AdmissionEngine(fixedPolicies(), metrics, fixedClock);
  return { service: new AdmissionReviewService(engine, metrics), engine, registry };
}

const decodePatch = (patch: string) => JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as JsonPatchOperation[];

/** The seed's example: an Application with image nginx:1.25 and 3 replicas, CREATE. */
const seedReview = applicationAdmissionReview({
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name: 'test-app', namespace: 'default' },
  spec: { image: 'nginx:1.25', replicas: 3 },
});

describe(AdmissionReviewService.name, () => {
  it('validates the seed example: allowed, with the resource-hint warning', () => {
    assert.deepEqual(service().service.validate(seedReview), {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: {
        uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
        allowed: true,
        warnings: ['spec.resources is not set: the application declares no resource requests or limits'],
      },
    });
  });

  it('mutates the seed example with a JSONPatch that yields exactly the mutated object', () => {
    const { response } = service().service.mutate(seedReview);
    assert.equal(response.allowed, true);
    assert.equal(response.patchType, 'JSONPatch');
    const patch = decodePatch(response.patch!);
    assert.deepEqual(patch, [
      { op: 'add', path: '/metadata/labels', value: { 'app.kubernetes.io/managed-by': 'application-operator' } },
      { op: 'add', path: '/metadata/annotations', value: { 'cloudnative.elide.dev/last-admitted-by': 'admin', 'cloudnative.elide.dev/last-admitted-at': '2025-03-01T10:20:30Z' } },
      { op: 'add', path: '/spec/strategy', value: 'RollingUpdate' },
    ]);
    const { engine } = service();
    const decoded = decodeAdmissionReview(seedReview);
    assert.ok(decoded.ok);
    const mutated = engine.mutate(decoded.attributes).object;
    assert.deepEqual(applyJsonPatch(seedReview.request.object, patch), mutated);
    assert.deepEqual(mutated?.spec, { image: 'nginx:1.25', replicas: 3, strategy: 'RollingUpdate' });
  });

  it('answers patches that turn any Application into exactly the engine\'s mutation of it', () => {
    const { service: s, engine } = service();
    const spec = fc.record({ image: fc.string(), replicas: fc.option(fc.integer()), strategy: fc.option(fc.constantFrom('Recreate', 'RollingUpdate')), extra: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] });
    const metadata = fc.record({ name: fc.constant('a'), labels: fc.dictionary(fc.string(), fc.string()), annotations: fc.dictionary(fc.string(), fc.string()) }, { requiredKeys: ['name'] });
    fc.assert(
      fc.property(spec, metadata, fc.constantFrom('v1', 'v1beta1'), (specValue, metadataValue, version) => {
        const original = JSON.parse(JSON.stringify({ apiVersion: `cloudnative.elide.dev/${version}`, kind: 'Application', metadata: metadataValue, spec: specValue })) as KubeObject;
        const { response } = s.mutate(reviewBody('CREATE', original));
        const expected = engine.mutate(attributesFor('CREATE', original)).object;
        assert.deepEqual(response.patch ? applyJsonPatch(original, decodePatch(response.patch)) : original, expected);
      }),
      { numRuns: 200 },
    );
  });

  it('answers a mutation patch that applies to the v1beta1 original', () => {
    const original = application({ replicas: undefined, strategy: undefined }, 'v1beta1', { labels: { a: 'b' } });
    const { response } = service().service.mutate(reviewBody('CREATE', original));
    const mutated = applyJsonPatch(original, decodePatch(response.patch!)) as KubeObject;
    assert.deepEqual(mutated.spec, { image: 'nginx:1.25', resources: { cpu: '100m' }, strategy: 'RollingUpdate', replicaCount: 1 });
    assert.deepEqual(mutated.metadata?.labels, { a: 'b', 'app.kubernetes.io/managed-by': 'application-operator' });
  });

  it('omits patchType and patch when nothing changes', () => {
    const done = service().service.mutate(reviewBody('CREATE', application())).response;
    const mutated = applyJsonPatch(application(), decodePatch(done.patch!)) as KubeObject;
    const noop = service().service.mutate(reviewBody('UPDATE', mutated, mutated)).response;
    assert.deepEqual(noop, { uid: 'b1f6a0f4-0000-4000-8000-000000000001', allowed: true });
    assert.deepEqual(service().service.mutate(reviewBody('DELETE', undefined, application())).response, { uid: 'b1f6a0f4-0000-4000-8000-000000000001', allowed: true });
  });

  it('denies with the rule status and echoes the uid', () => {
    const { response } = service().service.validate(reviewBody('UPDATE', application({ replicas: 300 }), application()));
    assert.equal(response.uid, 'b1f6a0f4-0000-4000-8000-000000000001');
    assert.equal(response.allowed, false);
    assert.equal(response.status?.code, 422);
    assert.equal(response.status?.reason, 'Invalid');
    assert.deepEqual(response.status?.metadata, {});
  });

  it('admits DELETE with an oldObject and CONNECT', () => {
    assert.equal(service().service.validate(reviewBody('DELETE', undefined, application({ replicas: 900 }))).response.allowed, true);
    assert.equal(service().service.validate(reviewBody('CONNECT')).response.allowed, true);
    const connect = reviewBody('CONNECT');
    (connect.request as Record<string, unknown>).kind = { group: '', version: 'v1', kind: 'PodExecOptions' };
    assert.equal(service().service.validate(connect).response.allowed, true);
  });

  it('accepts a hand-written review without resource or kind, taking them from the object', () => {
    const body = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', object: application({ replicas: 1000 }) } };
    const { response } = service().service.validate(body);
    assert.equal(response.status?.code, 422);
    assert.match(response.status!.message, /^Application.cloudnative.elide.dev "web" is invalid/);
  });

  it('counts reviews, including malformed ones', async () => {
    const { service: s, registry } = service();
    s.validate(seedReview);
    s.validate({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' });
    assert.throws(() => s.mutate([]), BadRequestError);
    assert.equal(await counterValue(registry, { webhook: 'validate', operation: 'CREATE', allowed: 'true' }), 1);
    assert.equal(await counterValue(registry, { webhook: 'validate', operation: 'UNKNOWN', allowed: 'false' }), 1);
    assert.equal(await counterValue(registry, { webhook: 'mutate', operation: 'UNKNOWN', allowed: 'false' }), 1);
  });
});
