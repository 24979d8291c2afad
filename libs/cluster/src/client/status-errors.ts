import { STATUS_CODES } from 'node:http';
import {
  AlreadyExistsError,
  BadRequestError,
  ConflictError,
  ExpiredError,
  ForbiddenError,
  InternalError,
  InvalidError,
  NotFoundError,
  PathNotFoundError,
  ServiceUnavailableError,
  Status,
  StatusDetails,
  StatusError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@app/api-machinery';

/** Reasons kube-apiserver pairs with each code when a response carries no Status. */
const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 406: 'NotAcceptable',
  409: 'Conflict', 410: 'Expired', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests',
  500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

/**
 * The StatusError subclass a kube-apiserver failure stands for, decided by code and reason,
 * carrying the server's own message and details verbatim: callers see NotFoundError,
 * ConflictError, ExpiredError, InvalidError, ... exactly as they do against the embedded store.
 */
export function statusErrorOf(code: number, body: unknown, fallbackMessage?: string): StatusError {
  const status = isStatus(body) ? body : undefined;
  const httpCode = status?.code ?? code;
  const reason = status?.reason ?? REASON_BY_CODE[httpCode] ?? 'Unknown';
  const message = status?.message ?? fallbackMessage ?? `the server responded with ${httpCode} ${STATUS_CODES[httpCode] ?? ''}`.trim();
  const error = typed(httpCode, reason, message, status?.details ?? {});
  Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true });
  if (status?.details) Object.assign(error, { details: status.details });
  return error;
}

function typed(code: number, reason: string, message: string, details: StatusDetails): StatusError {
  const resource = { group: details.group ?? '', resource: details.kind ?? '' };
  const name = details.name ?? '';
  switch (code) {
    case 400: return new BadRequestError(message, details.causes);
    case 401: return new UnauthorizedError(message);
    case 403: return new ForbiddenError(message, details);
    case 404: return details.kind ? new NotFoundError(resource, name) : new PathNotFoundError(message);
    case 409: return reason === 'AlreadyExists' ? new AlreadyExistsError(resource, name) : new ConflictError(resource, name, undefined, details.causes);
    case 410: return new ExpiredError(message);
    case 422: return new InvalidError({ group: resource.group, kind: resource.resource }, name, details.causes ?? []);
    case 429: return new TooManyRequestsError(message, details.retryAfterSeconds ?? 1);
    case 500: return reason === 'InternalError' ? new InternalError(message) : new StatusError(code, reason, message, details);
    case 503: return new ServiceUnavailableError(message);
    case 504: return new TimeoutError(message);
    default: return new StatusError(code, reason, message, details);
  }
}

/** The API server could not be reached (connection refused, reset, TLS failure, timeout). */
export class KubeConnectionError extends Error {
  constructor(server: string, cause: unknown) {
    super(`cannot reach the Kubernetes API at ${server}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'KubeConnectionError';
  }
}
