import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BadRequestError } from '@app/api-machinery';
import { AdmissionEngine } from '../engine/admission-engine.js';
import { application, fixedClock, fixedPolicies, reviewBody, testMetrics } from '../testing/admission-fixtures.js';
import { AdmissionReviewService } from './admission-review.service.js';
import { decodeAdmissionReview } from './review-decoder.js';

const { metrics } = testMetrics();
const service = new AdmissionReviewService(new AdmissionEngine(fixedPolicies(), metrics, fixedClock), metrics);

function edited(edit: (request: Record<string, unknown>, review: Record<string, unknown>) => void): Record<string, unknown> {
  const review = reviewBody('UPDATE', application(), application());
  edit(review.request as Record<string, unknown>, review);
  return review;
}

/** Asserts a 200-style refusal: allowed false, 400 BadRequest with `message`, uid echoed. */
function assertRefused(body: unknown, message: RegExp, uid = 'b1f6a0f4-0000-4000-8000-000000000001'): void {
  for (const answer of [service.validate(body), service.mutate(body)]) {
    assert.equal(answer.apiVersion, 'admission.k8s.io/v1');
    assert.equal(answer.kind, 'AdmissionReview');
    assert.equal(answer.response.uid, uid);
    assert.equal(answer.response.allowed, false);
    assert.equal(answer.response.status?.code, 400);
    assert.equal(answer.response.status?.reason, 'BadRequest');
    assert.deepEqual(answer.response.status?.metadata, {});
    assert.match(answer.response.status!.message, message);
    assert.equal(answer.response.patch, undefined);
  }
}

describe(decodeAdmissionReview.name, () => {
  it('throws BadRequestError for bodies that cannot be decoded', () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /request body is empty/],
      [null, /request body is empty/],
      ['', /request body is empty/],
      ['{"apiVersion": ', /not valid JSON/],
      [Buffer.from('not json'), /not valid JSON/],
      [[], /must be an AdmissionReview JSON object, not an array/],
      ['[1,2]', /not an array/],
      [42, /not a number/],
      ['"text"', /not "text"/],
    ];
    for (const [body, message] of cases) {
      assert.throws(() => service.validate(body), (error: unknown) => error instanceof BadRequestError && error.code === 400 && message.test(error.message));
    }
  });

  it('decodes raw JSON text like a parsed body', () => {
    assert.equal(service.validate(JSON.stringify(reviewBody('CREATE', application()))).response.allowed, true);
  });

  it('refuses a wrong apiVersion or kind', () => {
    assertRefused(edited((_, review) => (review.apiVersion = 'admission.k8s.io/v1beta1')), /apiVersion: must be "admission.k8s.io\/v1", got "admission.k8s.io\/v1beta1"/);
    assertRefused(edited((_, review) => (review.kind = 'Pod')), /kind: must be "AdmissionReview", got "Pod"/);
    assertRefused(edited((_, review) => delete review.kind), /kind: must be "AdmissionReview", got nothing/);
  });

  it('refuses a review without request or uid', () => {
    assertRefused({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /request: required/, '');
    assertRefused({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: 'x' }, /request: required/, '');
    assertRefused(edited((request) => delete request.uid), /request.uid: required/, '');
    assertRefused(edited((request) => (request.uid = 7)), /request.uid: must be a non-empty string, got a number/, '');
  });

  it('refuses CREATE and UPDATE without object, UPDATE without oldObject', () => {
    assertRefused(edited((request) => delete request.object), /request.object: required for operation UPDATE/);
    assertRefused(edited((request) => (request.oldObject = null)), /request.oldObject: required for operation UPDATE/);
    assertRefused(edited((request) => ((request.operation = 'CREATE'), (request.object = null))), /request.object: required for operation CREATE/);
  });

  it('refuses fields of the wrong type, naming each', () => {
    assertRefused(edited((request) => (request.object = [])), /request.object: must be an object, got an array/);
    assertRefused(edited((request) => (request.operation = 'PATCH')), /request.operation: must be one of CREATE, UPDATE, DELETE, CONNECT, got "PATCH"/);
    assertRefused(edited((request) => (request.kind = { group: 'g', version: 1, kind: '' })), /request.kind.version: must be a non-empty string, got a number; request.kind.kind: must be a non-empty string/);
    assertRefused(edited((request) => (request.resource = 'applications')), /request.resource: must be an object/);
    assertRefused(edited((request) => (request.dryRun = 'yes')), /request.dryRun: must be a boolean/);
    assertRefused(edited((request) => (request.userInfo = { username: 1, groups: 'a' })), /request.userInfo.username: must be a string.*request.userInfo.groups: must be a list of strings/);
    assertRefused(edited((request) => (request.namespace = {})), /request.namespace: must be a non-empty string, got an object/);
    assertRefused(edited((request) => (request.options = 5)), /request.options: must be an object/);
  });

  it('refuses an object nested too deeply and handles a huge one', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`) as unknown;
    assertRefused(edited((request) => ((request.object as Record<string, unknown>).spec = deep)), /request.object: nesting exceeds the maximum depth of 1000/);
    const huge = application({ config: Object.fromEntries(Array.from({ length: 50000 }, (_, i) => [`key${i}`, 'v'.repeat(40)])) });
    const answer = service.mutate(reviewBody('CREATE', huge));
    assert.equal(answer.response.allowed, true);
    assert.equal(answer.response.patchType, 'JSONPatch');
  });

  it('never throws anything but BadRequestError and always answers an AdmissionReview', () => {
    const arbitraryRequest = fc.record({ uid: fc.anything(), operation: fc.oneof(fc.constantFrom('CREATE', 'UPDATE', 'DELETE', 'CONNECT'), fc.anything()), kind: fc.anything(), object: fc.oneof(fc.anything(), fc.constant(application())), oldObject: fc.anything(), userInfo: fc.anything() }, { requiredKeys: [] });
    const body = fc.oneof(fc.anything(), fc.record({ apiVersion: fc.constant('admission.k8s.io/v1'), kind: fc.constant('AdmissionReview'), request: arbitraryRequest }));
    fc.assert(
      fc.property(body, (input) => {
        for (const call of [() => service.validate(input), () => service.mutate(input)]) {
          try {
            const answer = call();
            assert.equal(answer.kind, 'AdmissionReview');
            assert.equal(typeof answer.response.allowed, 'boolean');
            if (!answer.response.allowed) assert.ok(answer.response.status && answer.response.status.code >= 400 && answer.response.status.code < 500);
          } catch (error) {
            assert.ok(error instanceof BadRequestError, String(error));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
