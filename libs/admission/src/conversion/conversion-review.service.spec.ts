import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, KubeObject } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { counterValue, testMetrics } from '../testing/admission-fixtures.js';
import { ConversionReviewService } from './conversion-review.service.js';
import { ConversionReviewResponse } from './conversion-review.types.js';

const UID = '705ab4f5-6393-11e8-b7cc-42010a800002';
const V1 = 'cloudnative.elide.dev/v1';
const V1BETA1 = 'cloudnative.elide.dev/v1beta1';

function app(name: string, apiVersion: string, replicasField: 'replicas' | 'replicaCount', replicas: number): KubeObject {
  return {
    apiVersion,
    kind: 'Application',
    metadata: {
      name,
      namespace: 'team-a',
      uid: `uid-${name}`,
      resourceVersion: '42',
      generation: 3,
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: name },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{}}' },
      finalizers: ['cloudnative.elide.dev/cleanup'],
      managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: V1, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
    },
    spec: { image: 'nginx:1.27', [replicasField]: replicas, strategy: 'RollingUpdate', config: { A: '1' }, port: 8080 },
    status: { phase: 'Running', replicas, readyReplicas: replicas, observedGeneration: 3, conditions: [{ type: 'Ready', status: 'True', reason: 'Available', message: 'ok', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}

function review(desiredAPIVersion: unknown, objects: unknown, apiVersion = 'apiextensions.k8s.io/v1', uid: unknown = UID): Record<string, unknown> {
  return { apiVersion, kind: 'ConversionReview', request: { uid, desiredAPIVersion, objects } };
}

function setup() {
  const registry = new CrdRegistry();
  registry.registerDefaults();
  const { metrics, registry: prometheus } = testMetrics();
  return { service: new ConversionReviewService(registry, metrics), prometheus };
}

function failureOf(answer: ConversionReviewResponse): string | undefined {
  assert.equal(answer.response.result.status, 'Failure');
  assert.deepEqual(answer.response.convertedObjects, []);
  return answer.response.result.message;
}

describe(ConversionReviewService.name, () => {
  it('converts v1 objects to v1beta1 (spec.replicas → spec.replicaCount) in order, echoing the uid', () => {
    const { service } = setup();
    const objects = [app('web', V1, 'replicas', 3), app('api', V1, 'replicas', 0), app('db', V1, 'replicas', 7)];
    const answer = service.convert(review(V1BETA1, objects));
    assert.deepEqual(answer, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      response: {
        uid: UID,
        convertedObjects: [app('web', V1BETA1, 'replicaCount', 3), app('api', V1BETA1, 'replicaCount', 0), app('db', V1BETA1, 'replicaCount', 7)],
        result: { metadata: {}, status: 'Success' },
      },
    });
    assert.deepEqual(objects[0], app('web', V1, 'replicas', 3), 'the request objects are not modified');
  });

  it('converts v1beta1 objects to v1 (spec.replicaCount → spec.replicas), keeping the spec\'s field order', () => {
    const { service } = setup();
    const answer = service.convert(review(V1, [app('web', V1BETA1, 'replicaCount', 5)]));
    assert.equal(answer.response.result.status, 'Success');
    const [converted] = answer.response.convertedObjects;
    assert.deepEqual(converted, app('web', V1, 'replicas', 5));
    assert.deepEqual(Object.keys(converted.spec as object), ['image', 'replicas', 'strategy', 'config', 'port']);
  });

  it('round-trips v1 → v1beta1 → v1 losslessly, metadata and status byte for byte', () => {
    const { service } = setup();
    const original = [app('web', V1, 'replicas', 3), { apiVersion: V1, kind: 'Application', metadata: { name: 'bare', namespace: 'x' }, spec: { image: 'busybox' } }];
    const beta = service.convert(review(V1BETA1, original)).response.convertedObjects;
    const back = service.convert(review(V1, beta)).response.convertedObjects;
    assert.equal(JSON.stringify(back), JSON.stringify(original));
  });

  it('answers a v1beta1 ConversionReview in v1beta1', () => {
    const { service } = setup();
    const answer = service.convert(review(V1BETA1, [app('web', V1, 'replicas', 2)], 'apiextensions.k8s.io/v1beta1'));
    assert.equal(answer.apiVersion, 'apiextensions.k8s.io/v1beta1');
    assert.equal(answer.response.uid, UID);
    assert.deepEqual(answer.response.convertedObjects, [app('web', V1BETA1, 'replicaCount', 2)]);
  });

  it('decodes a raw JSON body, and converts an empty list to an empty list', () => {
    const { service } = setup();
    const answer = service.convert(Buffer.from(JSON.stringify(review(V1, []))));
    assert.deepEqual(answer.response, { uid: UID, convertedObjects: [], result: { metadata: {}, status: 'Success' } });
  });

  it('fails an unknown desired version with the scheme\'s message, converting nothing', () => {
    const { service } = setup();
    const answer = service.convert(review('cloudnative.elide.dev/v2', [app('web', V1, 'replicas', 1)]));
    assert.equal(answer.response.uid, UID);
    assert.equal(failureOf(answer), 'no kind "Application" is registered for version "cloudnative.elide.dev/v2"');
  });

  it('fails an object of an unknown version, group or kind, naming it', () => {
    const { service } = setup();
    const good = app('web', V1, 'replicas', 1);
    assert.equal(failureOf(service.convert(review(V1, [good, { ...good, apiVersion: 'cloudnative.elide.dev/v1alpha1' }]))), 'no kind "Application" is registered for version "cloudnative.elide.dev/v1alpha1"');
    assert.equal(failureOf(service.convert(review(V1, [{ ...good, apiVersion: 'other.example.com/v1' }]))), 'no kind "Application" is registered for version "other.example.com/v1"');
    assert.equal(failureOf(service.convert(review(V1, [{ ...good, kind: 'Widget' }]))), 'no kind "Widget" is registered for version "cloudnative.elide.dev/v1"');
    assert.equal(failureOf(service.convert(review(V1, [{ ...good, kind: 'ApplicationList' }]))), 'no kind "ApplicationList" is registered for version "cloudnative.elide.dev/v1"');
    assert.equal(failureOf(service.convert(review('apps/v1', [good]))), 'no kind "Application" is registered for version "apps/v1"');
    assert.equal(failureOf(service.convert(review(V1, [{ ...good, kind: undefined }]))), "Object 'Kind' is missing in the object at index 0");
    assert.equal(failureOf(service.convert(review(V1, [good, { kind: 'Application' }]))), "Object 'apiVersion' is missing in the object at index 1");
  });

  it('converts no built-in kinds (only custom resources have versions to convert)', () => {
    const { service } = setup();
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'x' } };
    assert.equal(failureOf(service.convert(review('coordination.k8s.io/v1', [lease]))), 'no kind "Lease" is registered for version "coordination.k8s.io/v1"');
  });

  it('fails a request with wrong fields, naming each, echoing whatever uid it has', () => {
    const { service } = setup();
    assert.equal(failureOf(service.convert(review(V1, 'nope'))), 'request.objects: must be an array, got "nope"');
    assert.equal(failureOf(service.convert(review(V1, [app('web', V1, 'replicas', 1), 3]))), 'request.objects[1]: must be an object, got a number');
    const noUid = service.convert({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { desiredAPIVersion: 7 } });
    assert.equal(noUid.response.uid, '');
    assert.equal(failureOf(noUid), 'request.uid: required; request.desiredAPIVersion: must be a string, got a number; request.objects: required');
    assert.equal(failureOf(service.convert(review(V1, [], 'apiextensions.k8s.io/v1', { id: 1 }))), 'request.uid: must be a string, got an object');
  });

  it('refuses with BadRequestError a body that is not a ConversionReview', () => {
    const { service } = setup();
    const refusals: Array<[unknown, RegExp]> = [
      ['', /the request body is empty/],
      ['{', /the request body is not valid JSON/],
      [[], /must be a ConversionReview JSON object, not an array/],
      [{ ...review(V1, []), apiVersion: 'admission.k8s.io/v1' }, /apiVersion: must be "apiextensions.k8s.io\/v1" or "apiextensions.k8s.io\/v1beta1", got "admission.k8s.io\/v1"/],
      [{ ...review(V1, []), kind: 'AdmissionReview' }, /kind: must be "ConversionReview", got "AdmissionReview"/],
      [{ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview' }, /request: required/],
    ];
    for (const [body, message] of refusals) assert.throws(() => service.convert(body), (error: unknown) => error instanceof BadRequestError && message.test(error.message));
  });

  it('counts calls as webhook="convert": converted, failed and undecodable', async () => {
    const { service, prometheus } = setup();
    service.convert(review(V1BETA1, [app('web', V1, 'replicas', 1)]));
    service.convert(review(V1BETA1, [app('web', V1, 'replicas', 1)]));
    service.convert(review('cloudnative.elide.dev/v9', [app('web', V1, 'replicas', 1)]));
    assert.throws(() => service.convert('not json'));
    assert.equal(await counterValue(prometheus, { webhook: 'convert', operation: 'CONVERT', allowed: 'true' }), 2);
    assert.equal(await counterValue(prometheus, { webhook: 'convert', operation: 'CONVERT', allowed: 'false' }), 1);
    assert.equal(await counterValue(prometheus, { webhook: 'convert', operation: 'UNKNOWN', allowed: 'false' }), 1);
  });
});
