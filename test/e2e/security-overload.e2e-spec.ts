import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClientRequest, request } from 'node:http';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { APPS, application } from '../support/http.js';
import { startTestOperator, tempDir } from '../support/operator.js';
import { as, openStream, securityEnv, USERS, UserName } from './security-fixtures.js';

const TEAM_A = `${APPS}/namespaces/team-a/applications`;

interface SlowResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  elapsedMs: number;
}

/** A create whose body arrives slowly: one byte of a declared 1000, then nothing until the server answers. */
function slowCreate(port: number, user: UserName, live: ClientRequest[]): Promise<SlowResponse> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: TEAM_A, method: 'POST', agent: false, headers: { authorization: `Bearer ${USERS[user].token}`, 'content-type': 'application/json', 'content-length': '1000' } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text), elapsedMs: Date.now() - started }));
      },
    );
    req.on('error', reject);
    req.write('{');
    live.push(req);
  });
}

describe('Security: overload protection (e2e)', () => {
  let operator: RunningOperator;
  const dir = tempDir('security-overload-');
  const live: ClientRequest[] = [];

  before(async () => {
    operator = await startTestOperator({
      ...securityEnv(dir.path),
      RECONCILER_ENABLED: 'false',
      MAX_REQUESTS_INFLIGHT: '2',
      MAX_MUTATING_REQUESTS_INFLIGHT: '2',
      REQUEST_TIMEOUT_SECONDS: '2',
    });
    assert.equal((await as(operator.url, 'admin').post(TEAM_A, application('web'))).status, 201);
  });
  after(async () => {
    live.forEach((req) => req.destroy());
    await operator.shutdown();
    dir.remove();
  });

  it('answers 429 with Retry-After over the cap, never queues, keeps probes at 200, then times the slow requests out with 504', async () => {
    const holding = [slowCreate(operator.port, 'alice', live), slowCreate(operator.port, 'alice', live)];
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refused = await Promise.all([1, 2, 3, 4].map(() => slowCreate(operator.port, 'alice', live)));
    for (const response of refused) {
      assert.equal(response.status, 429);
      assert.equal(response.headers['retry-after'], '1');
      assert.deepEqual(response.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Too many requests, please try again later.',
        reason: 'TooManyRequests',
        details: { retryAfterSeconds: 1 },
        code: 429,
      });
      assert.ok(response.elapsedMs < 1000, `refused at once, not queued (${response.elapsedMs} ms)`);
    }
    for (let i = 0; i < 5; i++) {
      assert.equal((await fetch(`${operator.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${operator.url}/readyz`)).status, 200);
    }
    assert.equal((await as(operator.url, 'alice').get(TEAM_A)).status, 200, 'read-only requests have their own pool');
    assert.equal((await as(operator.url, 'admin').post(TEAM_A, application('by-admin'))).status, 201, 'system:masters is never refused');

    const timedOut = await Promise.all(holding);
    for (const response of timedOut) {
      assert.equal(response.status, 504);
      assert.equal(response.headers.connection, 'close');
      assert.equal(response.body.reason, 'Timeout');
      assert.equal(response.body.message, 'Timeout: request did not complete within requested timeout - context deadline exceeded');
      assert.ok(response.elapsedMs >= 1900 && response.elapsedMs < 4000, `answered at the deadline (${response.elapsedMs} ms)`);
    }
    assert.equal((await as(operator.url, 'alice').post(TEAM_A, application('after-timeout'))).status, 201, 'the timed-out requests released their seats');
  });

  it('does not count watches in flight', async () => {
    const streams = [];
    for (let i = 0; i < 4; i++) {
      const stream = await openStream(operator.url, `${TEAM_A}?watch=true`, 'alice');
      assert.equal(stream.status, 200);
      await stream.waitFor(/"name":"web"/);
      streams.push(stream);
    }
    const sse = await openStream(operator.url, '/watch', 'alice');
    assert.equal(sse.status, 200);
    streams.push(sse);
    assert.equal((await as(operator.url, 'alice').get(TEAM_A)).status, 200, 'four watches and an SSE stream hold no seat of the 2 read-only ones');
    assert.equal((await as(operator.url, 'alice').get(`${TEAM_A}/web`)).status, 200);
    streams.forEach((stream) => stream.close());
  });

  it('honours a shorter ?timeout= from the client', async () => {
    const started = Date.now();
    const response = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: operator.port, path: `${TEAM_A}?timeout=300ms`, method: 'POST', agent: false, headers: { authorization: `Bearer ${USERS.alice.token}`, 'content-type': 'application/json', 'content-length': '10' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write('{');
      live.push(req);
    });
    assert.equal(response, 504);
    assert.ok(Date.now() - started < 1500);
  });
});
