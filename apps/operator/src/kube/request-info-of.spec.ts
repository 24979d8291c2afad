import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '@app/api-machinery';
import { parseRequestInfo } from './request-info.js';
import { requestInfoOf } from './request-info-of.js';

function request(method: string, url: string) {
  const parsed = new URL(url, 'http://x');
  return { method, url, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) };
}

describe(requestInfoOf.name, () => {
  it('parses as parseRequestInfo does, once per request', () => {
    const req = request('GET', '/apis/cloudnative.elide.dev/v1/namespaces/a/applications?watch=1');
    const info = requestInfoOf(req);
    assert.deepEqual(info, parseRequestInfo('GET', req.path, req.query));
    assert.equal(requestInfoOf(req), info);
    assert.equal(requestInfoOf(request('GET', '/healthz')), undefined);
  });

  it('parses again when the method or URL changed', () => {
    const req = request('GET', '/apis/g/v1/things/a');
    const verb = () => {
      const info = requestInfoOf(req);
      return info?.kind === 'resource' ? info.verb : undefined;
    };
    assert.equal(verb(), 'get');
    Object.assign(req, request('DELETE', '/apis/g/v1/things/a'));
    assert.equal(verb(), 'delete');
  });

  it('throws the parse error at every call', () => {
    const req = request('GET', '/apis/g/v1/things/%E0%A4%A');
    assert.throws(() => requestInfoOf(req), (error) => error instanceof StatusError && error.code === 400);
    assert.throws(() => requestInfoOf(req), (error) => error instanceof StatusError && error.code === 400);
  });
});
