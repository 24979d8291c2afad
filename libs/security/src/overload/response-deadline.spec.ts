import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, get, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { armResponseDeadline, ResponseDeadline } from './response-deadline.js';

describe(armResponseDeadline.name, () => {
  let server: Server;
  let port: number;
  let handler: (res: ServerResponse) => void;
  before(async () => {
    server = createServer((_req, res) => handler(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchText = () =>
    new Promise<{ status: number; body: string }>((resolve, reject) =>
      get({ host: '127.0.0.1', port, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      }).on('error', reject),
    );

  it('answers once when the deadline passes and discards the late response', async () => {
    let deadline: ResponseDeadline | undefined;
    const late = new Promise<void>((resolve) => {
      handler = (res) => {
        deadline = armResponseDeadline(res, 30, (r) => r.writeHead(504).end('timeout'));
        deadline.signal.addEventListener('abort', () => {
          res.writeHead(200);
          res.end('late');
          resolve();
        });
      };
    });
    const response = await fetchText();
    await late;
    assert.deepEqual(response, { status: 504, body: 'timeout' });
    assert.equal(deadline?.expired, true);
  });

  it('does nothing when the response finishes in time', async () => {
    let deadline: ResponseDeadline | undefined;
    handler = (res) => {
      deadline = armResponseDeadline(res, 50, (r) => r.writeHead(504).end('timeout'));
      res.end('fast');
    };
    assert.deepEqual(await fetchText(), { status: 200, body: 'fast' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(deadline?.expired, false);
    assert.equal(deadline?.signal.aborted, false);
  });

  it('makes its signal on first read, already aborted when read after the deadline passed', async () => {
    let deadline: ResponseDeadline | undefined;
    handler = (res) => {
      deadline = armResponseDeadline(res, 20, (r) => r.writeHead(504).end('timeout'));
    };
    assert.deepEqual(await fetchText(), { status: 504, body: 'timeout' });
    assert.equal(deadline?.expired, true);
    assert.equal(deadline?.signal.aborted, true);
    assert.equal((deadline?.signal.reason as Error).message, 'request timed out');
  });
});
