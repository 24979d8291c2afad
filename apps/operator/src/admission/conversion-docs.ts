import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { BadRequestError } from '@app/api-machinery';
import { ApiStatusResponses } from '../docs/decorators.js';

const UID = '705ab4f5-6393-11e8-b7cc-42010a800002';
const OBJECT = { kind: 'Application', metadata: { name: 'my-app', namespace: 'default', uid: 'e911857d-c318-11e8-bbad-025000000001', resourceVersion: '12', generation: 1 } };
const SPEC = { image: 'nginx:1.25', strategy: 'RollingUpdate' };

/** A v1 object as kube-apiserver sends it for a v1beta1 read. */
export const CONVERSION_REVIEW_REQUEST = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  request: { uid: UID, desiredAPIVersion: 'cloudnative.elide.dev/v1beta1', objects: [{ apiVersion: 'cloudnative.elide.dev/v1', ...OBJECT, spec: { ...SPEC, replicas: 3 } }] },
};

/** `/convert`'s answer to it: `spec.replicas` renamed `spec.replicaCount`, metadata untouched. */
export const CONVERSION_REVIEW_CONVERTED = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'ConversionReview',
  response: { uid: UID, convertedObjects: [{ apiVersion: 'cloudnative.elide.dev/v1beta1', ...OBJECT, spec: { ...SPEC, replicaCount: 3 } }], result: { metadata: {}, status: 'Success' } },
};

const CONVERSION_REVIEW_SCHEMA = {
  type: 'object',
  description: 'apiextensions.k8s.io/v1 (or v1beta1) ConversionReview: `request` in, `response` out.',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', enum: ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'] },
    kind: { type: 'string', enum: ['ConversionReview'] },
    request: {
      type: 'object',
      properties: { uid: { type: 'string' }, desiredAPIVersion: { type: 'string' }, objects: { type: 'array', items: { type: 'object', additionalProperties: true } } },
    },
    response: {
      type: 'object',
      properties: {
        uid: { type: 'string' },
        convertedObjects: { type: 'array', items: { type: 'object', additionalProperties: true } },
        result: { type: 'object', description: 'A meta/v1 Status: `Success`, or `Failure` with a `message`.', properties: { status: { type: 'string', enum: ['Success', 'Failure'] }, message: { type: 'string' } } },
      },
    },
  },
};

/** `POST /convert`: a ConversionReview in, the same review with its response out (200, or 400 for a body that is not a ConversionReview). */
export function ApiConversionReview(): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: 'CRD conversion webhook: Application v1 ⇄ v1beta1 (ConversionReview v1 or v1beta1)' }),
    ApiBody({ schema: CONVERSION_REVIEW_SCHEMA, examples: { seed: { summary: 'my-app (v1) read as v1beta1', value: CONVERSION_REVIEW_REQUEST } } }),
    ApiOkResponse({
      description: 'The objects converted in order, or `result.status: Failure` with a `message` (unknown version or kind, a malformed request).',
      schema: CONVERSION_REVIEW_SCHEMA,
      examples: { seed: { summary: 'Converted', value: CONVERSION_REVIEW_CONVERTED } },
    }),
    ApiStatusResponses([400, 413, 415], {
      400: { description: 'The body is not a ConversionReview (empty, not JSON, another apiVersion or kind, no request).', example: new BadRequestError('kind: must be "ConversionReview", got "AdmissionReview"') },
    }),
  );
}
