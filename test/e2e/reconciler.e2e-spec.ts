import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import { startTestOperator } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

describe('explore', () => {
  let operator: RunningOperator;
  let http: Http;
  before(async () => {
    operator = await startTestOperator({ SIM_POD_STARTUP_MS: '20', BACKOFF_BASE_MS: '50', BACKOFF_MAX_MS: '400', MAX_RETRIES: '3' });
    http = new Http(operator.url);
  });
  after(() => operator.shutdown());
  it('x', async () => {
    const ns = `${APPS}/namespaces/ns/applications`;
    console.log((await http.post(ns, application('a'))).status);
    console.log((await http.post(ns, application('b', { image: 'nginx:broken' }))).status);
    await new Promise((r) => setTimeout(r, 300));
    console.log(JSON.stringify((await http.get(`${ns}/a`)).body, null, 1));
    console.log(JSON.stringify((await http.get(`/debug/queue`)).body, null, 1));
    await new Promise((r) => setTimeout(r, 1500));
    console.log(JSON.stringify((await http.get(`${ns}/b`)).body, null, 1));
    console.log(JSON.stringify((await http.get(`/events?name=b`)).body, null, 1).slice(0, 3000));
  });
});
