import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { probeResponse, singleCheckResponse } from './health-response.js';
import { HealthReport } from './health.types.js';

const passing: HealthReport = {
  ok: true,
  checks: [
    { name: 'store', ok: true },
    { name: 'informer-sync', ok: true, excluded: true },
  ],
  unknownExclusions: [],
  details: { leader: { ready: true, message: 'leading' } },
};
const failing: HealthReport = {
  ok: false,
  checks: [
    { name: 'store', ok: true },
    { name: 'leader-election', ok: false, message: 'no known leader (lease default/application-operator)' },
  ],
  unknownExclusions: ['nope'],
};

describe(probeResponse.name, () => {
  it('answers kube-apiserver verbose text when every check passes', () => {
    assert.deepEqual(probeResponse('readyz', passing, true), {
      status: 200,
      contentType: 'text/plain',
      body: '[+]store ok\n[+]informer-sync excluded: ok\nreadyz check passed\n',
    });
  });

  it('answers 503 with the failed check and its reason', () => {
    const response = probeResponse('readyz', failing, true);
    assert.equal(response.status, 503);
    assert.equal(
      response.body,
      '[+]store ok\n[-]leader-election failed: no known leader (lease default/application-operator)\nwarn: some health checks cannot be excluded: no matches for "nope"\nreadyz check failed\n',
    );
  });

  it('answers JSON with each check and the details', () => {
    const ok = probeResponse('readyz', passing, false);
    assert.equal(ok.contentType, 'application/json');
    assert.deepEqual(JSON.parse(ok.body), { status: 'ok', checks: { store: 'ok', 'informer-sync': 'excluded' }, leader: { ready: true, message: 'leading' } });
    const failed = probeResponse('livez', failing, false);
    assert.equal(failed.status, 503);
    assert.deepEqual(JSON.parse(failed.body), {
      status: 'failed',
      checks: { store: 'ok', 'leader-election': 'no known leader (lease default/application-operator)' },
      unknownExclusions: ['nope'],
    });
  });
});

describe(singleCheckResponse.name, () => {
  it('answers ok, or 503 with the reason', () => {
    assert.deepEqual(singleCheckResponse({ name: 'store', ok: true }), { status: 200, contentType: 'text/plain', body: 'ok' });
    assert.deepEqual(singleCheckResponse({ name: 'store', ok: false, message: 'closed' }), { status: 503, contentType: 'text/plain', body: 'internal server error: closed\n' });
  });
});
