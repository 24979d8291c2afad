import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, spawnOperator, tempDir, type OperatorProcess } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';

/**
 * The dashboard and Swagger UI in a real browser: Debian's chromium driven by playwright-core
 * (never a downloaded browser). Any console error or uncaught page error fails the suite, except
 * connection failures while the server is deliberately down (EventSource and fetch retries).
 *
 * The screenshot goes to docs/dashboard.png with UPDATE_SCREENSHOT=1, else to a temp dir.
 */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const REPO_SCREENSHOT = fileURLToPath(new URL('../../../docs/dashboard.png', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };
const WAIT = { timeout: 20_000 };
const RESTART_NOISE = /net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING)/;

const row = (namespace: string, name: string) => `[data-testid="app-row-${namespace}-${name}"]`;
const badge = (state: string) => `[data-testid="connection-badge"][data-state="${state}"]`;

describe('dashboard and Swagger UI in a real browser (e2e)', { timeout: 240_000 }, () => {
  const data = tempDir('operator-browser-');
  const shots = tempDir('operator-screenshot-');
  let env: Record<string, string>;
  let operator: OperatorProcess;
  let browser: Browser;
  let page: Page;
  let http: Http;
  let restarting = false;
  const consoleErrors: string[] = [];
  const restartNoise: string[] = [];
  const foreignRequests: string[] = [];

  before(async () => {
    env = {
      PORT: String(await freePort()),
      STORAGE: 'sqlite',
      DATA_DIR: data.path,
      SIM_POD_STARTUP_MS: '200',
      ENABLE_LEADER_ELECTION: 'true',
      POD_NAME: 'application-operator-0',
      MAX_RETRIES: '2',
      BACKOFF_BASE_MS: '100',
      BACKOFF_MAX_MS: '400',
    };
    operator = await spawnOperator(env);
    http = new Http(operator.url);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT });
    context.on('request', (request) => {
      if (!request.url().startsWith(operator.url) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = `${message.text()} (${message.location().url})`;
      if (restarting && RESTART_NOISE.test(text)) restartNoise.push(text);
      else consoleErrors.push(text);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.stack ?? error.message}`));
  });

  after(async () => {
    await browser?.close();
    await operator?.kill('SIGTERM');
    data.remove();
    shots.remove();
  });

  it('shows an Application created through the API, then Running, then gone after its deletion', async () => {
    await page.goto(`${operator.url}/dashboard`);
    await page.waitForSelector(badge('live'), WAIT);
    const created = await http.post(`${APPS}/namespaces/default/applications`, application('web', { image: 'nginx:1.25', replicas: 3 }));
    assert.equal(created.status, 201);
    await page.waitForSelector(row('default', 'web'), WAIT);
    await page.waitForSelector(`${row('default', 'web')}[data-phase="Running"]`, WAIT);
    assert.equal(await page.textContent(`${row('default', 'web')} [data-testid="app-phase"]`), 'Running');
    assert.match((await page.textContent(row('default', 'web'))) ?? '', /3\/3.*nginx:1\.25/);
    assert.equal((await http.delete(`${APPS}/namespaces/default/applications/web`)).status, 200);
    await page.waitForSelector(row('default', 'web'), { ...WAIT, state: 'detached' });
    assert.deepEqual(consoleErrors, []);
  });

  it('reconnects after the server restarts and shows a change made after the restart', async (t) => {
    restarting = true;
    assert.equal(await operator.kill('SIGTERM'), 0, operator.output());
    await page.waitForSelector(`[data-testid="connection-badge"]:not([data-state="live"])`, WAIT);
    operator = await spawnOperator(env);
    assert.equal(operator.url, http.baseUrl, 'same port');
    await page.waitForSelector(badge('live'), { timeout: 30_000 });
    restarting = false;
    const created = await http.post(`${APPS}/namespaces/team-a/applications`, application('after-restart', { image: 'nginx:1.26', replicas: 2 }));
    assert.equal(created.status, 201);
    await page.waitForSelector(`${row('team-a', 'after-restart')}[data-phase="Running"]`, WAIT);
    assert.equal(await page.getAttribute('[data-testid="connection-badge"]', 'data-state'), 'live');
    t.diagnostic(`tolerated while the server was down: ${restartNoise.length ? restartNoise.join('; ') : 'nothing'}`);
    assert.deepEqual(consoleErrors, []);
  });

  it('renders Swagger UI at /docs from local assets, with the operations by module', async () => {
    const docs = await page.context().newPage();
    docs.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`/docs: ${message.text()}`);
    });
    docs.on('pageerror', (error) => consoleErrors.push(`/docs uncaught: ${error.message}`));
    await docs.goto(`${operator.url}/docs`);
    await docs.waitForSelector('#operations-tag-applications', WAIT);
    await docs.waitForSelector('#operations-applications-createCloudnativeElideDevV1NamespacedApplication', WAIT);
    // Swagger UI renders operations lazily (virtualized): the tag filter brings each section in.
    for (const [tag, operationId] of [['watch', 'WatchController_watch'], ['admission', 'AdmissionController_validate'], ['leader-election', 'LeaderController_get'], ['health', 'HealthController_probe_readyz'], ['metrics', 'PrometheusController_index'], ['discovery', 'getAPIGroups']]) {
      await docs.fill('.operation-filter-input', tag);
      await docs.waitForSelector(`#operations-tag-${tag}`, WAIT);
      assert.ok(await docs.$(`[id="operations-${tag}-${operationId}"]`), `${tag}: ${operationId}`);
    }
    assert.match((await docs.textContent('.info .title')) ?? '', /Application Operator API/);
    await docs.close();
    assert.deepEqual(foreignRequests, [], 'nothing is loaded from outside the operator');
    assert.deepEqual(consoleErrors, []);
  });

  it('takes the README screenshot: Applications in different phases, events, the leader', async () => {
    const apps: Array<[namespace: string, name: string, spec: Record<string, unknown>, phase: string]> = [
      ['default', 'storefront', { image: 'nginx:1.25', replicas: 3 }, 'Running'],
      ['default', 'checkout', { image: 'ghcr.io/acme/checkout:2.4.1', replicas: 2 }, 'Running'],
      ['default', 'payments', { image: 'registry.example.com/payments:broken', replicas: 2 }, 'Failed'],
      ['team-a', 'nightly-report', { image: 'busybox:1.36', replicas: 0 }, 'Succeeded'],
    ];
    for (const [namespace, name, spec] of apps) assert.equal((await http.post(`${APPS}/namespaces/${namespace}/applications`, application(name, spec))).status, 201);
    for (const [namespace, name, , phase] of apps) await page.waitForSelector(`${row(namespace, name)}[data-phase="${phase}"]`, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="event-list"] li').length >= 5, undefined, WAIT);
    await page.waitForFunction(() => document.getElementById('leader-identity')?.textContent !== 'n/a', undefined, WAIT);
    const path = process.env.UPDATE_SCREENSHOT === '1' ? REPO_SCREENSHOT : join(shots.path, 'dashboard.png');
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path });
    const png = readFileSync(path);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [VIEWPORT.width, VIEWPORT.height]);
    assert.deepEqual(consoleErrors, []);
  });
});
