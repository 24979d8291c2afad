import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AlreadyExistsError, ConflictError, ExpiredError, ForbiddenError, InvalidError, NotFoundError, PathNotFoundError, StatusError, TooManyRequestsError } from '@app/api-machinery';
import { statusErrorOf } from './status-errors.js';

const status = (code: number, reason: string, message: string, details?: object) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });

describe(statusErrorOf.name, () => {
  it('maps kube-apiserver Status bodies onto the same StatusError subclasses, keeping the server\'s words', () => {
    const cases: Array<[unknown, Function, string]> = [
      [status(404, 'NotFound', 'deployments.apps "web" not found', { name: 'web', group: 'apps', kind: 'deployments' }), NotFoundError, 'deployments.apps "web" not found'],
      [status(409, 'AlreadyExists', 'configmaps "web" already exists', { name: 'web', kind: 'configmaps' }), AlreadyExistsError, 'configmaps "web" already exists'],
      [status(409, 'Conflict', 'Operation cannot be fulfilled on leases.coordination.k8s.io "x": the object has been modified; please apply your changes to the latest version and try again', { name: 'x', group: 'coordination.k8s.io', kind: 'leases' }), ConflictError, 'Operation cannot be fulfilled on leases.coordination.k8s.io "x": the object has been modified; please apply your changes to the latest version and try again'],
      [status(410, 'Expired', 'too old resource version: 5 (190)'), ExpiredError, 'too old resource version: 5 (190)'],
      [status(403, 'Forbidden', 'deployments.apps is forbidden: User "system:serviceaccount:elide-system:application-operator" cannot list resource "deployments"'), ForbiddenError, 'deployments.apps is forbidden: User "system:serviceaccount:elide-system:application-operator" cannot list resource "deployments"'],
      [status(429, 'TooManyRequests', 'too many requests', { retryAfterSeconds: 3 }), TooManyRequestsError, 'too many requests'],
      [status(404, 'NotFound', 'the server could not find the requested resource'), PathNotFoundError, 'the server could not find the requested resource'],
    ];
    for (const [body, type, message] of cases) {
      const error = statusErrorOf(400, body);
      assert.ok(error instanceof type, `${(body as { reason: string }).reason} → ${error.constructor.name}`);
      assert.equal(error.message, message);
      assert.deepEqual(error.toStatus(), body, 'serialises back to the same Status');
    }
  });

  it('keeps 422 causes', () => {
    const causes = [{ reason: 'FieldValueInvalid', message: 'Invalid value: 200: must be less than or equal to 100', field: 'spec.replicas' }];
    const error = statusErrorOf(422, status(422, 'Invalid', 'Application.cloudnative.elide.dev "web" is invalid: spec.replicas: Invalid value: 200: must be less than or equal to 100', { name: 'web', group: 'cloudnative.elide.dev', kind: 'Application', causes }));
    assert.ok(error instanceof InvalidError);
    assert.equal(error.message, 'Application.cloudnative.elide.dev "web" is invalid: spec.replicas: Invalid value: 200: must be less than or equal to 100');
    assert.deepEqual(error.details?.causes, causes);
  });

  it('derives the reason from the code when the body is not a Status', () => {
    const error = statusErrorOf(410, undefined, 'too old resource version (watch /apis/apps/v1/deployments)');
    assert.ok(error instanceof ExpiredError);
    assert.equal(error.message, 'too old resource version (watch /apis/apps/v1/deployments)');
    const other = statusErrorOf(502, '<html>bad gateway</html>');
    assert.ok(other instanceof StatusError);
    assert.deepEqual([other.code, other.reason, other.message], [502, 'Unknown', 'the server responded with 502 Bad Gateway']);
  });
});
