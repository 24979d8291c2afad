import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiParam, ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { ADMISSION_REVIEW_MUTATED, ADMISSION_REVIEW_REQUEST, ADMISSION_REVIEW_VALIDATED, SSE_STREAM_EXAMPLE } from './examples.js';
import { SCHEMA, schemaRef } from './operator-schemas.js';
import { BadRequestError, PathNotFoundError } from '@app/api-machinery';
import { ApiStatusResponses } from './status-responses.js';

/**
 * Composite Swagger decorators for the endpoints whose parameters or media types take more
 * than a line to describe. Each documents; none changes how a request is handled.
 */

/** `GET /watch`: its filters, the Last-Event-ID header and the `text/event-stream` answer. */
export function ApiSseWatch(): MethodDecorator {
  const query = (name: string, description: string, example?: string) => ApiQuery({ name, description, required: false, schema: { type: 'string' }, ...(example ? { example } : {}) });
  return applyDecorators(
    query('kind', 'Kinds or plural resource names, comma-separated or repeated, case-insensitive (default `Application`). Any served resource.', 'Application'),
    query('namespace', 'Only objects in this namespace.'),
    query('name', 'Only the object with this name.'),
    query('labelSelector', 'Only objects whose labels match (`app=web,tier!=db`, `env in (prod,staging)`); does not apply to events.'),
    query('include', '`events`: also stream the core Events about the matching objects (reconcile outcomes among them).', 'events'),
    query('resourceVersion', 'Resume after this revision (replays every later change, then follows live). Below the compacted revision: an `expired` event.'),
    ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Set by EventSource on reconnect; wins over `resourceVersion`.' }),
    ApiProduces('text/event-stream'),
    ApiOkResponse({
      description:
        'A Server-Sent Events stream: `ready` (id = the starting revision), then `ADDED` / `MODIFIED` / `DELETED` with `id:` = resourceVersion and `data:` a JSON `SseChange`; ' +
        '`expired` (resume impossible: list again), `failure` (the feed failed: reconnect), `dropped` (the client read too slowly). A `: heartbeat` comment every 15 s.',
      content: { 'text/event-stream': { schema: { type: 'string', description: `Event stream; each change's data is ${SCHEMA.sseChange}.` }, example: SSE_STREAM_EXAMPLE } },
    }),
    ApiStatusResponses([400], { 400: { description: 'A bad filter or resourceVersion (answered before any streaming).', example: new BadRequestError('invalid resourceVersion "x": must be a revision (a non-negative integer)') } }),
  );
}

const CHECKS = ['event-loop', 'store', 'startup', 'informer-sync', 'leader-election', 'shutdown'];

/** A probe's answers (JSON, or kube's text with `?verbose`), passing or with `store` failing. */
function probeContent(passing: boolean) {
  const failed = (check: string) => !passing && check === 'store';
  const checks = Object.fromEntries(CHECKS.map((check) => [check, failed(check) ? 'store is closed' : 'ok']));
  const lines = CHECKS.map((check) => (failed(check) ? `[-]${check} failed: store is closed` : `[+]${check} ok`));
  return {
    'application/json': { schema: schemaRef(SCHEMA.probeReport), example: { status: passing ? 'ok' : 'failed', checks } },
    'text/plain': { schema: { type: 'string' }, example: `${lines.join('\n')}\nreadyz check ${passing ? 'passed' : 'failed'}\n` },
  };
}

/** `/healthz`, `/livez`, `/readyz`: `?verbose` and `?exclude=`, JSON or kube's text form, 200 or 503. */
export function ApiProbe(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'verbose', required: false, allowEmptyValue: true, schema: { type: 'string' }, description: 'Present: answer kube-apiserver\'s text form (`[+]store ok` ...).' }),
    ApiQuery({ name: 'exclude', required: false, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true, description: 'Skip a check (repeatable, or comma-separated).' }),
    ApiResponse({ status: 200, description: 'Every check passes.', content: probeContent(true) }),
    ApiResponse({ status: 503, description: 'A check fails.', content: probeContent(false) }),
  );
}

/** `/<probe>/<check>`: one check, as kube-apiserver answers it. */
export function ApiProbeCheck(): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'check', description: 'A check name (`store`, `informer-sync`, `leader-election`, ...).', example: 'store' }),
    ApiResponse({ status: 200, description: 'The check passes.', content: { 'text/plain': { schema: { type: 'string' }, example: 'ok' } } }),
    ApiResponse({ status: 503, description: 'The check fails.', content: { 'text/plain': { schema: { type: 'string' }, example: 'internal server error: store is closed\n' } } }),
    ApiStatusResponses([404], { 404: { description: 'No check of that name.', example: new PathNotFoundError() } }),
  );
}

/** `POST /validate`, `POST /mutate`: an AdmissionReview in, the same review with its response out (always 200). */
export function ApiAdmissionReview(webhook: 'validate' | 'mutate'): MethodDecorator {
  const answer = webhook === 'validate' ? ADMISSION_REVIEW_VALIDATED : ADMISSION_REVIEW_MUTATED;
  return applyDecorators(
    ApiBody({ schema: schemaRef(SCHEMA.admissionReview), examples: { seed: { summary: 'CREATE of my-app (nginx:1.25, 3 replicas)', value: ADMISSION_REVIEW_REQUEST } } }),
    ApiOkResponse({
      description: 'The decision: `allowed`, `warnings`, and on denial `status` (code, reason, message, causes)' + (webhook === 'mutate' ? '; a base64 JSON `patch` when something changes.' : '.'),
      schema: schemaRef(SCHEMA.admissionReview),
      examples: { seed: { summary: 'Allowed, with a warning', value: answer } },
    }),
    ApiStatusResponses([400, 413, 415], {
      400: { description: 'The body is not an AdmissionReview object at all (empty, not JSON, an array or a scalar).', example: new BadRequestError('the request body must be an AdmissionReview JSON object, not an array') },
    }),
  );
}

/** A JSON answer with a component schema. */
export function ApiJsonOk(schema: string, description = 'OK', example?: unknown): MethodDecorator {
  return ApiOkResponse({ description, schema: schemaRef(schema), ...(example === undefined ? {} : { example }) });
}
