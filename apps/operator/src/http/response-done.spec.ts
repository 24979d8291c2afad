import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, get, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onResponseDone, ResponseEnd } from './response-done.js';

describe(onResponseDone.name, () => {
  let server: Server;
  let port: number;
  let handler: (res: ServerResponse) => void;
  before(async () => {
    server = createServer((_req, res) => handler(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('calls every callback once, in registration order, on finish, with one listener per event', async () => {
    const calls: string[] = [];
    let listeners = { finish: 0, close: 0 };
    const done = new Promise<ServerResponse>((resolve) => {
      handler = (res) => {
        listeners = { finish: res.listenerCount('finish'), close: res.listenerCount('close') };
        onResponseDone(res, (end) => calls.push(`a:${end}`));
        onResponseDone(res, (end) => calls.push(`b:${end}`));
        res.on('close', () => resolve(res));
        res.end('ok');
      };
    });
    await new Promise<void>((resolve, reject) => get({ host: '127.0.0.1', port, agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject));
    const res = await done;
    assert.deepEqual(calls, ['a:finish', 'b:finish']);
    assert.equal(res.listenerCount('finish'), listeners.finish + 1);
    assert.equal(res.listenerCount('close'), listeners.close + 2); // ours and the test's
  });

  it('reports close when the client goes away first, and calls a callback registered after finish on close', async () => {
    const ends: ResponseEnd[] = [];
    const closed = new Promise<void>((resolve) => {
      handler = (res) => {
        onResponseDone(res, (end) => {
          ends.push(end);
          resolve();
        });
        res.flushHeaders();
      };
    });
    const request = get({ host: '127.0.0.1', port, agent: false }, () => request.destroy());
    request.on('error', () => undefined);
    await closed;
    assert.deepEqual(ends, ['close']);

    const late: ResponseEnd[] = [];
    const lateDone = new Promise<void>((resolve) => {
      handler = (res) => {
        res.on('finish', () => onResponseDone(res, (end) => late.push(end)));
        res.on('close', () => setImmediate(resolve));
        res.end('ok');
      };
    });
    await new Promise<void>((resolve, reject) => get({ host: '127.0.0.1', port, agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject));
    await lateDone;
    assert.deepEqual(late, ['close']);
  });
});
