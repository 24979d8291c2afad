import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { apiRouteShortcut } from './api-route-shortcut.js';
import { chainMiddlewares } from './middleware-chain.js';

const CATCH_ALL = ['api', 'api/*path', 'apis', 'apis/*path'];

describe(apiRouteShortcut.name, () => {
  let server: Server;
  let base: string;
  let versionMatches = 0;
  before(async () => {
    const app = express();
    app.use(chainMiddlewares((_req, res, next) => (res.setHeader('x-first', '1'), next()), apiRouteShortcut(app, CATCH_ALL)));
    app.get('/version', (_req, res) => void res.send('version'));
    app.use('/docs', (_req, res) => void res.send('docs'));
    app.all(['/apis/review.k8s.io/v1/reviews', '/apis/review.k8s.io/v1/reviews/*path'], (_req, res) => void res.status(405).send('review'));
    app.get('/apis/g/v1/namespaces/:namespace/things', (req, res) => void res.send(`things in ${req.params.namespace}`));
    for (const path of CATCH_ALL) app.all(`/${path}`, (req, res) => void res.send(`api ${req.route.path} ${JSON.stringify(req.params)}`)); // one route each, as Nest registers them
    app.use((_req, res) => void res.status(404).send('not found'));
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(400).send(`error ${error.message}`));
    const versionLayer = (app as unknown as { router: { stack: Array<{ rawPath?: unknown; match(path: string): unknown }> } }).router.stack.find((layer) => layer.rawPath === '/version')!;
    const match = versionLayer.match.bind(versionLayer);
    versionLayer.match = (path: string) => (versionMatches++, match(path));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const text = async (path: string, method = 'GET') => {
    const res = await fetch(base + path, { method });
    return `${res.status} ${await res.text()}`;
  };

  it('serves API paths from the catch-all routes without matching the routes registered before them', async () => {
    const before = versionMatches;
    assert.equal(await text('/apis/cloudnative.elide.dev/v1/namespaces/a/applications/web'), '200 api /apis/*path {"path":["cloudnative.elide.dev","v1","namespaces","a","applications","web"]}');
    assert.equal(await text('/api'), '200 api /api {}');
    assert.equal(await text('/APIS/'), '200 api /apis {}');
    assert.equal(versionMatches, before);
  });

  it('leaves precedence to every earlier route that can match, and other paths to the app', async () => {
    assert.equal(await text('/apis/review.k8s.io/v1/reviews', 'PUT'), '405 review');
    assert.equal(await text('/apis/Review.k8s.io/v1/reviews/x/y/'), '405 review');
    assert.equal(await text('/apis/g/v1/namespaces/team/things'), '200 things in team');
    assert.equal(await text('/apis/g/v1/namespaces/team/things', 'POST'), '200 api /apis/*path {"path":["g","v1","namespaces","team","things"]}');
    assert.equal(await text('/version'), '200 version');
    assert.equal(await text('/apix'), '404 not found');
  });

  it('passes routing errors on as the app would', async () => {
    assert.match(await text('/apis/g/v1/%E0%A4%A'), /^400 error Failed to decode param/);
  });
});
