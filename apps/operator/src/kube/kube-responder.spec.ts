import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { ParsedRequest } from '../http/body.middleware.js';
import { KubeResponder } from './kube-responder.js';

const JSON_BODY = JSON.stringify({ kind: 'Thing', text: 'é ü ✓ 😀', long: 'x'.repeat(1500) });

/** The raw bytes of one response, with the Date header blanked. */
async function raw(port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1', () => socket.end(request));
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'end');
  return Buffer.concat(chunks).toString('utf8').replace(/^Date: .*$/m, 'Date: -');
}

describe(KubeResponder.name, () => {
  let server: Server;
  let port: number;
  const responder = new KubeResponder({} as never, {} as never, {} as never);
  before(async () => {
    const app = express();
    app.set('etag', false);
    app.get('/text/:code', (req, res) => responder.text(req as ParsedRequest, res, Number(req.params.code), JSON_BODY));
    app.get('/express/:code', (req, res) => {
      res.status(Number(req.params.code)).type('application/json');
      res.send(req.method === 'HEAD' ? undefined : JSON_BODY);
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(() => server.close());

  const request = (method: string, path: string, headers = '') => `${method} ${path} HTTP/1.1\r\nHost: test\r\n${headers}Connection: close\r\n\r\n`;

  it('writes pre-serialised JSON byte for byte as res.send would, with or without conditional headers', async () => {
    for (const code of [200, 201]) {
      const expected = await raw(port, request('GET', `/express/${code}`));
      assert.match(expected, /Content-Type: application\/json; charset=utf-8\r\nContent-Length: \d+\r\n/);
      assert.ok(expected.endsWith(JSON_BODY));
      assert.equal(await raw(port, request('GET', `/text/${code}`)), expected);
      const conditional = 'If-None-Match: "other"\r\nIf-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n';
      assert.equal(await raw(port, request('GET', `/text/${code}`, conditional)), await raw(port, request('GET', `/express/${code}`, conditional)));
    }
  });

  it('leaves HEAD and If-None-Match: * to Express (no body; a 304 for the wildcard)', async () => {
    assert.equal(await raw(port, request('HEAD', '/text/200')), await raw(port, request('HEAD', '/express/200')));
    const wildcard = await raw(port, request('GET', '/text/200', 'If-None-Match: *\r\n'));
    assert.match(wildcard, /^HTTP\/1.1 304 /);
    assert.equal(wildcard, await raw(port, request('GET', '/express/200', 'If-None-Match: *\r\n')));
  });
});
