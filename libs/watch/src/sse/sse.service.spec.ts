import { describe, it, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { StatusError } from '@app/api-machinery';
import { SessionEndReason } from '../stream/client-session.js';
import { APPLICATIONS, application, coreEvent, EVENTS, LEASES } from '../testing/fake-change-feed.js';
import { StreamClient } from '../testing/http-harness.js';
import { changeIds, parseSse } from '../testing/sse-parse.js';
import { metricValue } from '../testing/test-metrics.js';
import { watchFixture } from '../testing/watch-fixture.js';
import { SseOptions } from '../watch-module-options.interface.js';
import { SseService } from './sse.service.js';

function queryOf(req: IncomingMessage): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(req.url ?? '/', 'http://localhost').searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

/** A server answering `/watch?...` through SseService, as the Nest controller does. */
async function sseFixture(sse: SseOptions = {}) {
  const fixture = await watchFixture({ sse });
  const service = new SseService(fixture.hub, { sse }, fixture.metrics.sent, fixture.metrics.dropped);
  const sessions: Array<Promise<SessionEndReason>> = [];
  fixture.handle((req, res) => {
    try {
      const lastEventId = req.headers['last-event-id'];
      sessions.push(service.open(res, queryOf(req), typeof lastEventId === 'string' ? lastEventId : undefined).done);
    } catch (error) {
      const status = (error as StatusError).toStatus();
      res.writeHead(status.code, { 'Content-Type': 'application/json' }).end(JSON.stringify(status));
    }
  });
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const client = await StreamClient.open(`${fixture.url}${path}`, headers);
    if (client.response.statusCode === 200) await client.until((text) => text.includes('event: ready'));
    return client;
  };
  return { ...fixture, service, sessions, open };
}

describe(SseService.name, () => {
  afterEach(() => mock.timers.reset());

  it('flushes the SSE headers, a retry hint and a ready event, then one message per change', async () => {
    const fixture = await sseFixture();
    fixture.feed.emit('ADDED', APPLICATIONS, application('default', 'old'));
    const client = await fixture.open('/watch');
    const headers = client.response.headers;
    assert.equal(headers['content-type'], 'text/event-stream');
    assert.equal(headers['cache-control'], 'no-cache');
    assert.equal(headers.connection, 'keep-alive');
    assert.equal(headers['x-accel-buffering'], 'no');
    assert.equal(client.text, 'retry: 2000\n\nid: 1\nevent: ready\ndata: {"resourceVersion":"1"}\n\n');
    const change = fixture.feed.emit('ADDED', APPLICATIONS, application('default', 'web'));
    const text = await client.until((t) => t.includes('event: ADDED'));
    const expected = `id: 2\nevent: ADDED\ndata: ${JSON.stringify({ type: 'ADDED', kind: 'Application', object: change.object })}\n\n`;
    assert.equal(text.slice(text.indexOf('id: 2')), expected);
    assert.equal(await metricValue(fixture.metrics.sent, 'sse'), 1);
    client.destroy();
    assert.equal(await fixture.sessions[0], 'closed');
    assert.equal(fixture.hub.clientCount('sse'), 0);
    await fixture.close();
  });

  it('filters by kind, namespace, name and label selector, and adds involved Events with include=events', async () => {
    const fixture = await sseFixture();
    const paths = {
      byDefault: '/watch',
      leases: '/watch?kind=Lease',
      teamA: '/watch?namespace=team-a',
      named: '/watch?name=web',
      labelled: '/watch?labelSelector=tier%3Ddb',
      withEvents: '/watch?kind=Application&include=events&namespace=team-a',
      several: '/watch?kind=Application,Lease',
    };
    const clients = Object.fromEntries(await Promise.all(Object.entries(paths).map(async ([key, path]) => [key, await fixture.open(path)] as const)));
    fixture.feed.emit('ADDED', APPLICATIONS, application('team-a', 'web', { tier: 'web' }));
    fixture.feed.emit('ADDED', APPLICATIONS, application('team-b', 'db', { tier: 'db' }));
    fixture.feed.emit('MODIFIED', LEASES, { kind: 'Lease', metadata: { namespace: 'default', name: 'application-operator' } });
    fixture.feed.emit('ADDED', EVENTS, coreEvent('team-a', 'web.1', { kind: 'Application', name: 'web' }));
    fixture.feed.emit('ADDED', EVENTS, coreEvent('team-b', 'db.1', { kind: 'Application', name: 'db' }));
    fixture.feed.emit('DELETED', APPLICATIONS, application('team-a', 'web', { tier: 'web' }));
    await fixture.close();
    const ids = Object.fromEntries(await Promise.all(Object.entries(clients).map(async ([key, client]) => [key, changeIds(await client.closed())] as const)));
    assert.deepEqual(ids, {
      byDefault: ['1', '2', '6'],
      leases: ['3'],
      teamA: ['1', '6'],
      named: ['1', '6'],
      labelled: ['2'],
      withEvents: ['1', '4', '6'],
      several: ['1', '2', '3', '6'],
    });
    const event = parseSse(clients.withEvents.text).find((message) => message.id === '4');
    assert.equal(event?.event, 'ADDED');
    assert.deepEqual((event?.data as { kind: string }).kind, 'Event');
    assert.equal(fixture.feed.liveSubscriptions, 1);
  });

  it('sends only the changes the caller may see when an authorization predicate is given', async () => {
    const fixture = await watchFixture();
    const service = new SseService(fixture.hub, {}, fixture.metrics.sent, fixture.metrics.dropped);
    let done!: Promise<SessionEndReason>;
    fixture.handle((_req, res) => {
      done = service.open(res, {}, undefined, (change) => change.object.metadata?.namespace === 'team-a').done;
    });
    const client = await StreamClient.open(`${fixture.url}/watch`);
    await client.until((t) => t.includes('event: ready'));
    fixture.feed.emit('ADDED', APPLICATIONS, application('team-b', 'hidden'));
    fixture.feed.emit('ADDED', APPLICATIONS, application('team-a', 'shown'));
    await client.until((t) => t.includes('id: 2'));
    assert.deepEqual(changeIds(client.text), ['2']);
    client.destroy();
    assert.equal(await done, 'closed');
    await fixture.close();
  });

  it('resumes from Last-Event-ID (over ?resourceVersion): replays every later change, then live, with no gap', async () => {
    const fixture = await sseFixture();
    for (const name of ['a', 'b', 'c', 'd', 'e']) fixture.feed.emit('ADDED', APPLICATIONS, application('default', name));
    const client = await fixture.open('/watch?resourceVersion=4', { 'Last-Event-ID': '2' });
    fixture.feed.emit('MODIFIED', APPLICATIONS, application('default', 'a'));
    await client.until((t) => t.includes('id: 6'));
    const messages = parseSse(client.text);
    assert.deepEqual(messages.slice(1, 2).map((m) => [m.event, m.id]), [['ready', '2']]);
    assert.deepEqual(changeIds(client.text), ['3', '4', '5', '6']);
    const byQuery = await fixture.open('/watch?resourceVersion=4');
    await byQuery.until((t) => t.includes('id: 6\nevent: MODIFIED'));
    assert.deepEqual(changeIds(byQuery.text), ['5', '6']);
    await fixture.close();
  });

  it('answers a resume below the compacted revision with an expired event and ends the stream', async () => {
    const fixture = await sseFixture();
    for (const name of ['a', 'b', 'c', 'd']) fixture.feed.emit('ADDED', APPLICATIONS, application('default', name));
    fixture.feed.compactedRevision = 3;
    const client = await StreamClient.open(`${fixture.url}/watch`, { 'Last-Event-ID': '1' });
    const text = await client.closed();
    assert.equal(await fixture.sessions[0], 'expired');
    const expired = parseSse(text).find((message) => message.event === 'expired');
    assert.deepEqual(expired?.data, {
      resourceVersion: '1',
      message: "too old resource version: 1 (3): list again and watch from the list's resourceVersion",
      status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (3)', reason: 'Expired', code: 410 },
    });
    assert.equal(changeIds(text).length, 0);
    assert.equal(fixture.hub.clientCount('sse'), 0);
    await fixture.close();
  });

  it('answers a resume above the newest revision (the store was reset) with an expired event', async () => {
    const fixture = await sseFixture();
    fixture.feed.emit('ADDED', APPLICATIONS, application('default', 'a'));
    const client = await StreamClient.open(`${fixture.url}/watch`, { 'Last-Event-ID': '40' });
    const text = await client.closed();
    assert.equal(await fixture.sessions[0], 'expired');
    const expired = parseSse(text).find((message) => message.event === 'expired');
    assert.equal((expired?.data as { resourceVersion: string }).resourceVersion, '40');
    assert.match((expired?.data as { message: string }).message, /^too large resource version: 40, current: 1/);
    assert.equal(parseSse(text).some((message) => message.event === 'ready'), false);
    await fixture.close();
  });

  it('sends a heartbeat comment every heartbeatIntervalMs', async () => {
    mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
    const fixture = await sseFixture({ heartbeatIntervalMs: 15_000 });
    const client = await fixture.open('/watch');
    mock.timers.tick(14_999);
    assert.equal(client.text.includes('heartbeat'), false);
    mock.timers.tick(1);
    await client.until((t) => t.endsWith(': heartbeat\n\n'));
    mock.timers.tick(15_000);
    await client.until((t) => t.split(': heartbeat').length === 3);
    client.destroy();
    await fixture.sessions[0];
    await fixture.close();
  });

  it('ends live streams with a failure event when the change feed fails (clients resume by Last-Event-ID)', async () => {
    const fixture = await sseFixture();
    const client = await fixture.open('/watch');
    fixture.feed.fail(new Error('database disk image is malformed'));
    const text = await client.closed();
    const failure = parseSse(text).find((message) => message.event === 'failure');
    assert.deepEqual(failure?.data, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Internal error occurred: database disk image is malformed', reason: 'InternalError', code: 500 });
    assert.equal(await fixture.sessions[0], 'error');
    await fixture.close();
  });

  it('drops a client that stops reading: a final dropped event, disconnected, subscription released, counted', async () => {
    const fixture = await sseFixture({ maxBufferedBytes: 256 * 1024, dropGraceMs: 30_000 });
    const client = await fixture.open('/watch');
    client.pause();
    let outcome: SessionEndReason | undefined;
    void fixture.sessions[0].then((reason) => (outcome = reason));
    const big = application('default', 'big', {}, { data: 'x'.repeat(64 * 1024) });
    for (let i = 0; i < 1_000 && outcome === undefined; i++) {
      fixture.feed.emit('MODIFIED', APPLICATIONS, big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(outcome, 'dropped');
    assert.equal(fixture.hub.clientCount('sse'), 0);
    assert.equal(await metricValue(fixture.metrics.dropped, 'sse'), 1);
    client.response.resume();
    const text = await client.closed();
    assert.match(text, /event: dropped\ndata: \{"reason":"SlowClient",.*\}\n\n$/);
    await fixture.close();
  });

  it('rejects a bad request with 400 before streaming anything', async () => {
    const fixture = await sseFixture();
    const client = await StreamClient.open(`${fixture.url}/watch?labelSelector=tier%20in%20(web`);
    assert.equal(client.response.statusCode, 400);
    const status = JSON.parse(await client.closed()) as { reason: string; code: number };
    assert.equal(status.reason, 'BadRequest');
    assert.equal(fixture.hub.clientCount('sse'), 0);
    await fixture.close();
  });
});
