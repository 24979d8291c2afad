import 'reflect-metadata';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { readdir } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { StatusExceptionFilter } from '../http/status-exception.filter.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardModule } from './dashboard.module.js';

describe(DashboardController.name, () => {
  let app: NestExpressApplication;
  let url: string;

  before(async () => {
    app = await NestFactory.create<NestExpressApplication>(DashboardModule, { logger: false });
    app.useGlobalFilters(new StatusExceptionFilter());
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as { port: number }).port}`;
  });

  after(() => app.close());

  it('serves the page with a same-origin Content-Security-Policy and the testable skeleton', async () => {
    const response = await fetch(`${url}/dashboard`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const html = await response.text();
    for (const marker of ['data-testid="leader-badge"', 'data-testid="event-list"', 'id="app-rows"', 'data-testid="connection-badge"', 'src="/dashboard/assets/main.js"', 'href="/dashboard/assets/dashboard.css"']) {
      assert.ok(html.includes(marker), marker);
    }
    assert.doesNotMatch(html, /https?:\/\//, 'the page references no other origin');
  });

  it('serves the stylesheet and every compiled module the page imports, transitively', async () => {
    const css = await fetch(`${url}/dashboard/assets/dashboard.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(await css.text(), /\.phase-running/);
    const seen = new Set<string>();
    const pending = ['main.js'];
    while (pending.length > 0) {
      const name = pending.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const response = await fetch(`${url}/dashboard/assets/${name}`);
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
      const code = await response.text();
      assert.doesNotMatch(code, /sourceMappingURL/);
      assert.doesNotMatch(code, /from ['"](?!\.\/)/, `${name} imports only sibling modules`);
      for (const [, imported] of code.matchAll(/fro[m] '\.\/([a-z-]+\.js)'/g)) pending.push(imported);
    }
    const compiled = (await readdir(new URL('./assets/', import.meta.url))).filter((file) => /^[a-z-]+\.js$/.test(file));
    assert.deepEqual([...seen].sort(), compiled.sort());
  });

  it('answers 404 Status for anything that is not an asset', async () => {
    for (const path of ['/dashboard/assets/nope.js', '/dashboard/assets/main.js.map', '/dashboard/assets/..%2Fdashboard.controller.js', '/dashboard/assets/Main.js']) {
      const response = await fetch(`${url}${path}`);
      assert.equal(response.status, 404, path);
      assert.equal(((await response.json()) as { kind: string }).kind, 'Status');
    }
  });
});
