import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { APPS, application } from '../support/http.js';
import { startTestOperator, tempDir } from '../support/operator.js';
import { as, securityEnv, USERS } from './security-fixtures.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = { timeout: 15_000 };
const AUTH_SCRIPT_TAG = '<script src="/security/dashboard-auth.js"></script>';

/**
 * The dashboard with token authentication in a real browser. Until the page itself carries the
 * token script (one `<script>` tag before its modules), the test adds that tag to the page it
 * receives; everything else is the real page, the real script and the real API.
 */
describe('Security: the dashboard asks for a token and keeps it for the session (e2e)', { timeout: 120_000 }, () => {
  const dir = tempDir('security-dashboard-');
  let operator: RunningOperator;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const urls: string[] = [];
  const authorized: string[] = [];

  before(async () => {
    operator = await startTestOperator({ ...securityEnv(dir.path), RECONCILER_ENABLED: 'false' });
    const admin = as(operator.url, 'admin');
    await admin.post(`${APPS}/namespaces/team-a/applications`, application('web'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext();
    await context.route(`${operator.url}/dashboard`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      const body = html.includes(AUTH_SCRIPT_TAG) ? html : html.replace('<script type="module"', `${AUTH_SCRIPT_TAG}\n  <script type="module"`);
      await route.fulfill({ response, body });
    });
    context.on('request', (request) => {
      urls.push(request.url());
      if (request.headers().authorization) authorized.push(new URL(request.url()).pathname);
    });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await operator.shutdown();
    dir.remove();
  });

  it('asks for a token when the API answers 401, then shows what the token may see, live', async () => {
    await page.goto(`${operator.url}/dashboard`);
    const dialog = page.locator('[data-testid="token-dialog"]');
    await dialog.waitFor({ state: 'visible', ...WAIT });
    await page.fill('[data-testid="token-input"]', USERS.bob.token);
    await page.click('[data-testid="token-dialog"] button[type="submit"]');
    await page.waitForSelector('[data-testid="connection-badge"][data-state="live"]', WAIT);
    await page.waitForSelector('[data-testid="app-row-team-a-web"]', WAIT);
    assert.equal(await dialog.count(), 0, 'no prompt once a working token is stored');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('application-operator.bearer-token')), USERS.bob.token);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing is kept beyond the session');

    await as(operator.url, 'admin').post(`${APPS}/namespaces/team-b/applications`, application('live-update'));
    await page.waitForSelector('[data-testid="app-row-team-b-live-update"]', WAIT);
    assert.ok(authorized.includes('/watch'), 'the event stream carries the token in a header');
    assert.ok(authorized.includes(`${APPS}/applications`));
    for (const url of urls) assert.ok(!url.includes(USERS.bob.token), `the token appears in a URL: ${url}`);
  });

  it('forgets the token on request and asks again; a new tab starts without it', async () => {
    await page.click('[data-testid="forget-token"]');
    await page.locator('[data-testid="token-dialog"]').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('application-operator.bearer-token')), null);
    const other = await context.newPage();
    await other.goto(`${operator.url}/dashboard`);
    await other.locator('[data-testid="token-dialog"]').waitFor({ state: 'visible', ...WAIT });
    await other.close();
  });
});
