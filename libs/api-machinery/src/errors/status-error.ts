import { GroupResource, qualifiedKind, qualifiedResource, Status, StatusCause, StatusDetails } from '../meta/types.js';

/**
 * A failure that maps one-to-one onto a Kubernetes `Status` response. Libraries throw these;
 * the app's exception filter serialises them. Never used for success.
 */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** Extra response headers (for example `Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details && Object.keys(this.details).length > 0) status.details = this.details;
    return status;
  }
}

export class BadRequestError extends StatusError {
  constructor(message: string, causes?: StatusCause[]) {
    super(400, 'BadRequest', message, causes ? { causes } : undefined);
  }
}

export class UnauthorizedError extends StatusError {
  constructor(message = 'Unauthorized') {
    super(401, 'Unauthorized', message);
  }
}

export class ForbiddenError extends StatusError {
  constructor(message: string, details?: StatusDetails) {
    super(403, 'Forbidden', message, details);
  }
}

export class NotFoundError extends StatusError {
  constructor(resource: GroupResource, name: string) {
    super(404, 'NotFound', `${qualifiedResource(resource)} "${name}" not found`, {
      name,
      group: resource.group || undefined,
      kind: resource.resource,
    });
  }
}

/** A 404 for a path that serves nothing (no such resource type). */
export class PathNotFoundError extends StatusError {
  constructor(message = 'the server could not find the requested resource') {
    super(404, 'NotFound', message, {});
  }
}

export class MethodNotAllowedError extends StatusError {
  constructor(method: string, path: string) {
    super(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource: ${method} ${path}`);
  }
}

export class AlreadyExistsError extends StatusError {
  constructor(resource: GroupResource, name: string) {
    super(409, 'AlreadyExists', `${qualifiedResource(resource)} "${name}" already exists`, {
      name,
      group: resource.group || undefined,
      kind: resource.resource,
    });
  }
}

export class ConflictError extends StatusError {
  constructor(resource: GroupResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again', causes?: StatusCause[]) {
    super(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${name}": ${why}`, {
      name,
      group: resource.group || undefined,
      kind: resource.resource,
      ...(causes ? { causes } : {}),
    });
  }
}

/** 410: a resourceVersion (or continue token) older than the compacted history. */
export class ExpiredError extends StatusError {
  constructor(message: string) {
    super(410, 'Expired', message);
  }
}

export class RequestEntityTooLargeError extends StatusError {
  constructor(message = 'Request entity too large: limit is 3145728') {
    super(413, 'RequestEntityTooLarge', message);
  }
}

export class UnsupportedMediaTypeError extends StatusError {
  constructor(contentType: string, supported: string[]) {
    super(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`, {});
    this.contentType = contentType;
  }
  readonly contentType: string;
}

export class NotAcceptableError extends StatusError {
  constructor(message: string) {
    super(406, 'NotAcceptable', message);
  }
}

/** 422 with one cause per invalid field, as kube-apiserver's field.ErrorList. */
export class InvalidError extends StatusError {
  constructor(kind: { group: string; kind: string }, name: string, causes: StatusCause[]) {
    const summary = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ');
    const list = causes.length > 1 ? `[${summary}]` : summary;
    super(422, 'Invalid', `${qualifiedKind(kind)} "${name}" is invalid: ${list}`, {
      name,
      group: kind.group || undefined,
      kind: kind.kind,
      causes,
    });
  }
}

export class TooManyRequestsError extends StatusError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'TooManyRequests', message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export class InternalError extends StatusError {
  constructor(message: string) {
    super(500, 'InternalError', `Internal error occurred: ${message}`);
  }
}

export class ServiceUnavailableError extends StatusError {
  constructor(message: string) {
    super(503, 'ServiceUnavailable', message);
  }
}

export class TimeoutError extends StatusError {
  constructor(message: string) {
    super(504, 'Timeout', message);
  }
}

/** Helpers to build causes with kube-apiserver's field.Error wording. */
export const fieldCause = {
  invalid: (field: string, value: unknown, detail: string): StatusCause => ({
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${formatValue(value)}: ${detail}`,
    field,
  }),
  required: (field: string, detail = ''): StatusCause => ({
    reason: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
    field,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): StatusCause => ({
    reason: 'FieldValueNotSupported',
    message: `Unsupported value: ${formatValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
    field,
  }),
  forbidden: (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field }),
  duplicate: (field: string, value: unknown): StatusCause => ({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${formatValue(value)}`, field }),
  typeInvalid: (field: string, value: unknown, detail: string): StatusCause => ({
    reason: 'FieldValueTypeInvalid',
    message: `Invalid value: ${formatValue(value)}: ${detail}`,
    field,
  }),
  tooLong: (field: string, max: number): StatusCause => ({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${max} bytes`, field }),
};

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'null';
  if (typeof value === 'object' && value !== null) return `"${typeof value === 'object' && Array.isArray(value) ? 'array' : 'object'}"`;
  return String(value);
}
