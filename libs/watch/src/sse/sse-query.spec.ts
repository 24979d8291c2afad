import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '@app/api-machinery';
import { parseSseRequest } from './sse-query.js';

describe(parseSseRequest.name, () => {
  it('defaults to Applications from now', () => {
    assert.deepEqual(parseSseRequest({}), {
      kinds: ['Application'],
      namespace: undefined,
      name: undefined,
      labelSelector: undefined,
      includeEvents: false,
      fromRevision: undefined,
    });
  });

  it('reads comma lists and repeated parameters for kind and include', () => {
    const request = parseSseRequest({ kind: ['Application,Lease', 'Event'], include: 'events', namespace: 'team-a', name: 'web', labelSelector: 'tier=web' });
    assert.deepEqual(request.kinds, ['Application', 'Lease', 'Event']);
    assert.equal(request.includeEvents, true);
    assert.equal(request.namespace, 'team-a');
    assert.equal(request.name, 'web');
    assert.equal(request.labelSelector, 'tier=web');
  });

  it('resumes from Last-Event-ID in preference to resourceVersion; "0" means from now', () => {
    assert.equal(parseSseRequest({ resourceVersion: '7' }).fromRevision, 7);
    assert.equal(parseSseRequest({ resourceVersion: '7' }, '12').fromRevision, 12);
    assert.equal(parseSseRequest({ resourceVersion: '0' }).fromRevision, undefined);
    assert.equal(parseSseRequest({}, '').fromRevision, undefined);
  });

  it('rejects malformed input with 400 BadRequest', () => {
    const bad = (query: Record<string, unknown>, lastEventId?: string, message?: RegExp) =>
      assert.throws(() => parseSseRequest(query, lastEventId), (error: unknown) => error instanceof BadRequestError && error.code === 400 && (!message || message.test(error.message)));
    bad({ resourceVersion: 'abc' }, undefined, /invalid resourceVersion "abc"/);
    bad({}, '-1', /invalid resourceVersion "-1"/);
    bad({ kind: 'Applic ation' }, undefined, /invalid kind/);
    bad({ include: 'logs' }, undefined, /unsupported include "logs"/);
    bad({ namespace: ['a', 'b'] }, undefined, /may be given once/);
  });
});
