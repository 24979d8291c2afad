import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isTrue, parseRequestInfo } from './request-info.js';

describe('parseRequestInfo', () => {
  const apps = '/apis/cloudnative.elide.dev/v1/namespaces/ns/applications';

  const verb = (query: Record<string, unknown>) => {
    const info = parseRequestInfo('GET', apps, query);
    return info?.kind === 'resource' ? info.verb : undefined;
  };

  it('reads watch=<bool> as apimachinery converts query booleans', () => {
    for (const value of ['true', 'True', 'TRUE', '1', 't', '']) assert.equal(verb({ watch: value }), 'watch', value);
    for (const value of ['false', 'False', '0']) assert.equal(verb({ watch: value }), 'list', value);
    assert.equal(verb({}), 'list');
  });

  it('parses the legacy /watch/ prefix, names and subresources', () => {
    assert.deepEqual(parseRequestInfo('GET', '/apis/cloudnative.elide.dev/v1/watch/namespaces/ns/applications', {}), {
      kind: 'resource', verb: 'watch', group: 'cloudnative.elide.dev', version: 'v1', namespace: 'ns', resource: 'applications', name: undefined, subresource: undefined,
    });
    assert.deepEqual(parseRequestInfo('PUT', `${apps}/web/scale`, {}), {
      kind: 'resource', verb: 'update', group: 'cloudnative.elide.dev', version: 'v1', namespace: 'ns', resource: 'applications', name: 'web', subresource: 'scale',
    });
  });
});

describe('isTrue', () => {
  it('takes the first of repeated values', () => {
    assert.equal(isTrue(['false', 'true']), false);
    assert.equal(isTrue(['True']), true);
    assert.equal(isTrue(true), true);
    assert.equal(isTrue(undefined), false);
  });
});
