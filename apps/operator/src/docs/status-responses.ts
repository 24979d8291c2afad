import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type ResponseObject } from '@nestjs/swagger';
import {
  AlreadyExistsError,
  BadRequestError,
  ConflictError,
  ExpiredError,
  fieldCause,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  PathNotFoundError,
  RequestEntityTooLargeError,
  StatusError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '@app/api-machinery';

/** The Kubernetes `Status` component (kube's name for it); every error response carries one. */
export const STATUS_SCHEMA = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
export const STATUS_REF = `#/components/schemas/${STATUS_SCHEMA}`;

export type ErrorCode = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422;

interface ErrorResponse {
  /** The component name under `components.responses`. */
  name: string;
  description: string;
  examples: Record<string, StatusError>;
}

const APPLICATIONS = { group: 'cloudnative.elide.dev', resource: 'applications' };
const APPLICATION = { group: 'cloudnative.elide.dev', kind: 'Application' };
const JSON_AND_YAML = ['application/json', 'application/yaml', 'application/apply-patch+yaml', 'application/merge-patch+json', 'application/json-patch+json'];

/** Each error code the operator answers, with examples made by the very errors the server throws. */
const ERRORS: Record<ErrorCode, ErrorResponse> = {
  400: {
    name: 'BadRequest',
    description: 'Bad request: malformed JSON or YAML, a body namespace that differs from the path, a bad selector or query parameter.',
    examples: {
      malformedBody: new BadRequestError('the request body is not valid JSON: Unexpected token \'x\', "x" is not valid JSON'),
      badSelector: new BadRequestError('unable to parse requirement: found \'in\', expected: \'=\', \'!=\', \'==\', \'in\', notin\''),
    },
  },
  401: { name: 'Unauthorized', description: 'No valid bearer token (only when `AUTH_MODE=token`).', examples: { unauthorized: new UnauthorizedError() } },
  403: {
    name: 'Forbidden',
    description: 'Refused by authorization (RBAC, `AUTH_MODE=token`) or by an admission policy.',
    examples: {
      admissionDenied: new ForbiddenError(
        'admission webhook "vapplication.cloudnative.elide.dev" denied the request: applications.cloudnative.elide.dev "web" is forbidden: spec.image: Forbidden: image "nginx:latest" is blocked by policy (matches "*:latest")',
        { name: 'web', group: 'cloudnative.elide.dev', kind: 'applications', causes: [fieldCause.forbidden('spec.image', 'image "nginx:latest" is blocked by policy (matches "*:latest")')] },
      ),
    },
  },
  404: {
    name: 'NotFound',
    description: 'No such object, or no such resource or version.',
    examples: { notFound: new NotFoundError(APPLICATIONS, 'missing'), noSuchPath: new PathNotFoundError() },
  },
  409: {
    name: 'Conflict',
    description: '`AlreadyExists` on a duplicate create; `Conflict` for a stale `metadata.resourceVersion` (compare-and-swap lost).',
    examples: { alreadyExists: new AlreadyExistsError(APPLICATIONS, 'my-app'), conflict: new ConflictError(APPLICATIONS, 'my-app') },
  },
  410: {
    name: 'Expired',
    description: 'A `resourceVersion` or `continue` token older than the compacted history: list again.',
    examples: { expired: new ExpiredError('too old resource version: 12 (40)') },
  },
  413: { name: 'RequestEntityTooLarge', description: 'A body over 3 MiB (kube-apiserver\'s limit).', examples: { tooLarge: new RequestEntityTooLargeError() } },
  415: {
    name: 'UnsupportedMediaType',
    description: 'A body or patch media type that is not supported.',
    examples: { unsupported: new UnsupportedMediaTypeError('text/plain', JSON_AND_YAML) },
  },
  422: {
    name: 'Invalid',
    description: 'Schema or metadata validation failed: one `details.causes[]` entry per field.',
    examples: {
      invalid: new InvalidError(APPLICATION, 'bad', [
        fieldCause.required('spec.image'),
        fieldCause.invalid('spec.replicas', 101, 'spec.replicas in body should be less than or equal to 100'),
      ]),
    },
  },
};

/** An error's `Status` as it goes over the wire (absent fields dropped). */
function wire(error: StatusError): unknown {
  return JSON.parse(JSON.stringify(error.toStatus()));
}

function mediaType(code: ErrorCode, examples: Record<string, StatusError> = ERRORS[code].examples) {
  return { schema: { $ref: STATUS_REF }, examples: Object.fromEntries(Object.entries(examples).map(([key, error]) => [key, { summary: error.reason, value: wire(error) }])) };
}

/** `components.responses`: one reusable response per error code, each a `Status` with examples. */
export function statusResponseComponents(): Record<string, ResponseObject> {
  const codes = Object.keys(ERRORS).map(Number) as ErrorCode[];
  return Object.fromEntries(codes.map((code) => [ERRORS[code].name, { description: ERRORS[code].description, content: { 'application/json': mediaType(code) } }]));
}

/** `{ $ref: '#/components/responses/<Name>' }` for an error code. */
export function statusResponseRef(code: ErrorCode): { $ref: string } {
  return { $ref: `#/components/responses/${ERRORS[code].name}` };
}

/** What one endpoint says about an error code: its own description, and its own example (as the server would throw it). */
export type StatusResponseOverride = string | { description: string; example: StatusError };

/**
 * Documents error responses on a controller method: each code answers a `Status` (always
 * `application/json`, whatever the endpoint produces otherwise), with the server's own examples
 * unless `overrides` gives this endpoint's description or example.
 */
export function ApiStatusResponses(codes: ErrorCode[], overrides: Partial<Record<ErrorCode, StatusResponseOverride>> = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...codes.map((code) => {
      const override = overrides[code];
      const description = typeof override === 'string' ? override : (override?.description ?? ERRORS[code].description);
      const examples = typeof override === 'object' ? { [override.example.reason]: override.example } : undefined;
      return ApiResponse({ status: code, description, content: { 'application/json': mediaType(code, examples) } });
    }),
  );
}
