import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { applicationAdmissionReview } from '@app/admission';
import { METRIC } from '@app/metrics';
import { startTestOperator } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import { until } from '../support/wait.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

/** A parsed `/metrics` scrape: TYPE per family and the value of each sample, found by name and labels (any order). */
class Scrape {
  readonly types = new Map<string, string>();
  private readonly samples = new Map<string, number>();

  constructor(readonly text: string) {
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\S+)$/.exec(line);
      if (type) this.types.set(type[1], type[2]);
      const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (sample) this.samples.set(seriesKey(sample[1], parseLabels(sample[2] ?? '')), Number(sample[3]));
    }
  }

  value(name: string, labels: Record<string, string> = {}): number | undefined {
    return this.samples.get(seriesKey(name, labels));
  }

  /** Every series key of a family, for label checks. */
  series(name: string): string[] {
    return [...this.samples.keys()].filter((key) => key === name || key.startsWith(`${name}{`));
  }
}

function parseLabels(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, name, value]) => [name, value]));
}

function seriesKey(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** The one promtool finding the design accepts (DESIGN.md, "Known tensions"): the seed's gauge name. */
const ACCEPTED_LINT = 'resource_count non-histogram and non-summary metrics should not have "_count" suffix';

/** Every name declared in libs/metrics and the type it must be exported with. */
const EXPECTED_TYPES: Record<string, 'counter' | 'gauge' | 'histogram'> = {
  [METRIC.reconcileTotal]: 'counter',
  [METRIC.reconcileDuration]: 'histogram',
  [METRIC.resourceCount]: 'gauge',
  [METRIC.eventTotal]: 'counter',
  [METRIC.eventAggregatedTotal]: 'counter',
  [METRIC.eventWriteFailuresTotal]: 'counter',
  [METRIC.webhookRequestsTotal]: 'counter',
  [METRIC.webhookRequestDuration]: 'histogram',
  [METRIC.leaderElectionStatus]: 'gauge',
  [METRIC.workqueueDepth]: 'gauge',
  [METRIC.runtimeReconcileTotal]: 'counter',
  [METRIC.runtimeReconcileErrorsTotal]: 'counter',
  [METRIC.runtimeReconcileTime]: 'histogram',
  [METRIC.runtimeActiveWorkers]: 'gauge',
  [METRIC.runtimeMaxConcurrentReconciles]: 'gauge',
  [METRIC.workqueueAddsTotal]: 'counter',
  [METRIC.workqueueQueueDuration]: 'histogram',
  [METRIC.workqueueWorkDuration]: 'histogram',
  [METRIC.workqueueRetriesTotal]: 'counter',
  [METRIC.workqueueUnfinishedWork]: 'gauge',
  [METRIC.workqueueLongestRunningProcessor]: 'gauge',
  [METRIC.leaderElectionMasterStatus]: 'gauge',
  [METRIC.httpRequestsTotal]: 'counter',
  [METRIC.httpRequestDuration]: 'histogram',
  [METRIC.watchClients]: 'gauge',
  [METRIC.watchEventsSentTotal]: 'counter',
  [METRIC.watchClientsDroppedTotal]: 'counter',
  [METRIC.storeRevision]: 'gauge',
  [METRIC.storeCompactedRevision]: 'gauge',
  [METRIC.storeDbSizeBytes]: 'gauge',
  [METRIC.storeKeys]: 'gauge',
  // Default process metrics.
  process_cpu_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
  process_start_time_seconds: 'gauge',
  nodejs_eventloop_lag_seconds: 'gauge',
  nodejs_heap_size_used_bytes: 'gauge',
  nodejs_gc_duration_seconds: 'histogram',
};

const LIST_ROUTE = '/apis/{group}/{version}/namespaces/{namespace}/{resource}';
const ITEM_ROUTE = `${LIST_ROUTE}/{name}`;


describe('Prometheus metrics (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const ns = `${APPS}/namespaces/metrics-e2e/applications`;
  const scrape = async () => {
    const res = await http.get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return new Scrape(res.text);
  };

  before(async () => {
    operator = await startTestOperator({
      POD_NAME: 'metrics-e2e',
      ENABLE_LEADER_ELECTION: 'true',
      LEASE_DURATION_SECONDS: '3',
      RENEW_DEADLINE_SECONDS: '2',
      RETRY_PERIOD_SECONDS: '1',
    });
    http = new Http(operator.url);
    await until('leadership', async () => (await http.get('/leader')).body.isLeader === true);
  });
  after(() => operator.shutdown());

  it('exports every declared metric and the default process metrics with the right TYPE', async () => {
    const metrics = await scrape();
    for (const [name, type] of Object.entries(EXPECTED_TYPES)) assert.equal(metrics.types.get(name), type, name);
  });

  it('reports leadership: leader_election_master_status{name="application-operator"} 1 and leader_election_status 1', async () => {
    const metrics = await scrape();
    assert.equal(metrics.value(METRIC.leaderElectionMasterStatus, { name: 'application-operator' }), 1);
    assert.equal(metrics.value(METRIC.leaderElectionStatus), 1);
  });

  it('counts reconciles, queue adds, events and resources by phase when an Application is created', async () => {
    const before = await scrape();
    const created = await http.post(ns, application('counted', { replicas: 1 }));
    assert.equal(created.status, 201);
    await until('phase Running', async () => (await http.get(`${ns}/counted`)).body.status?.phase === 'Running');
    const after = await until('the reconcile after Running to be counted', async () => {
      const metrics = await scrape();
      return (metrics.value(METRIC.resourceCount, { namespace: 'metrics-e2e', phase: 'Running' }) ?? 0) >= 1 && metrics;
    });
    const grew = (name: string, labels: Record<string, string> = {}) => {
      const was = before.value(name, labels) ?? 0;
      const now = after.value(name, labels) ?? 0;
      assert.ok(now > was, `${name}${JSON.stringify(labels)}: ${was} → ${now}`);
    };
    grew(METRIC.reconcileTotal, { result: 'success' });
    grew(METRIC.runtimeReconcileTotal, { controller: 'application', result: 'success' });
    grew(METRIC.workqueueAddsTotal, { name: 'application' });
    grew(`${METRIC.reconcileDuration}_count`, { result: 'success' });
    grew(METRIC.eventTotal, { type: 'Normal', severity: 'Info' });
    assert.equal(after.value(METRIC.resourceCount, { namespace: 'metrics-e2e', phase: 'Running' }), 1);
    assert.equal(after.value(METRIC.runtimeMaxConcurrentReconciles, { controller: 'application' }), 4);
  });

  it('counts webhook calls (POST /validate) in webhook_requests_total', async () => {
    const labels = { webhook: 'validate', operation: 'CREATE', allowed: 'true' };
    const before = (await scrape()).value(METRIC.webhookRequestsTotal, labels) ?? 0;
    const review = applicationAdmissionReview(application('reviewed'), { namespace: 'metrics-e2e' });
    const res = await http.post('/validate', review);
    assert.equal(res.status, 200);
    assert.equal(res.body.response.allowed, true);
    const after = await scrape();
    assert.equal(after.value(METRIC.webhookRequestsTotal, labels), before + 1);
    assert.equal(after.value(METRIC.httpRequestsTotal, { method: 'POST', route: '/validate', code: '200' }) !== undefined, true);
  });

  it('counts HTTP requests by method, route template and code, with latency, including errors', async () => {
    const before = await scrape();
    assert.equal((await http.get(`${ns}/counted`)).status, 200);
    assert.equal((await http.get(`${ns}/missing-name`)).status, 404);
    assert.equal((await http.post(ns, 'x: 1', { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await http.post(ns, `{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`)).status, 413);
    assert.equal((await http.post('/validate', 'not json', { 'content-type': 'application/json' })).status, 400);
    assert.equal((await http.get('/no/such/path')).status, 404);
    const after = await scrape();
    const delta = (method: string, route: string, code: string) =>
      (after.value(METRIC.httpRequestsTotal, { method, route, code }) ?? 0) - (before.value(METRIC.httpRequestsTotal, { method, route, code }) ?? 0);
    assert.equal(delta('GET', ITEM_ROUTE, '200'), 1);
    assert.equal(delta('GET', ITEM_ROUTE, '404'), 1, 'a Status error written by the exception filter');
    assert.equal(delta('POST', LIST_ROUTE, '415'), 1, 'answered by the body reader before routing');
    assert.equal(delta('POST', LIST_ROUTE, '413'), 1, 'answered by the body reader before routing');
    assert.equal(delta('POST', '/validate', '400'), 1, 'a fixed route answered before routing');
    assert.equal(delta('GET', 'unmatched', '404'), 1);
    const latency = `${METRIC.httpRequestDuration}_count`;
    assert.equal((after.value(latency, { method: 'GET', route: ITEM_ROUTE, code: '404' }) ?? 0) - (before.value(latency, { method: 'GET', route: ITEM_ROUTE, code: '404' }) ?? 0), 1);
    for (const series of after.series(METRIC.httpRequestsTotal)) {
      assert.doesNotMatch(series, /counted|missing-name|metrics-e2e|no\/such/, `raw path in a label: ${series}`);
    }
  });

  it('counts a watch when it starts, keeps it out of latency, and tracks watch_clients', async () => {
    const labels = { method: 'GET', route: LIST_ROUTE, code: '200' };
    const latency = `${METRIC.httpRequestDuration}_count`;
    const before = await scrape();
    const clientsBefore = before.value(METRIC.watchClients, { kind: 'k8s' }) ?? 0;
    const abort = new AbortController();
    const watch = await fetch(`${operator.url}${ns}?watch=true`, { signal: abort.signal });
    assert.equal(watch.status, 200);
    const during = await scrape();
    assert.equal(during.value(METRIC.httpRequestsTotal, labels), (before.value(METRIC.httpRequestsTotal, labels) ?? 0) + 1, 'counted on start');
    assert.equal(during.value(METRIC.watchClients, { kind: 'k8s' }), clientsBefore + 1);
    abort.abort();
    await watch.body?.cancel().catch(() => undefined);
    const ended = await until('the watch to close', async () => {
      const metrics = await scrape();
      return metrics.value(METRIC.watchClients, { kind: 'k8s' }) === clientsBefore && metrics;
    });
    assert.equal(ended.value(METRIC.httpRequestsTotal, labels), during.value(METRIC.httpRequestsTotal, labels), 'not counted again on close');
    assert.equal(ended.value(latency, labels) ?? 0, before.value(latency, labels) ?? 0, 'no latency observation for a watch');
  });

  it('reads the store gauges on scrape: store_revision is the latest resourceVersion', async () => {
    await http.post(ns, application('revision'));
    for (let attempt = 0; ; attempt++) {
      const listedBefore = Number((await http.get(ns)).body.metadata.resourceVersion);
      const metrics = await scrape();
      const listedAfter = Number((await http.get(ns)).body.metadata.resourceVersion);
      const revision = metrics.value(METRIC.storeRevision)!;
      assert.ok(revision >= listedBefore && revision <= listedAfter, `store_revision ${revision} within [${listedBefore}, ${listedAfter}]`);
      assert.ok(metrics.value(METRIC.storeKeys)! >= 2, 'at least the two Applications');
      assert.equal(metrics.value(METRIC.storeCompactedRevision), 0);
      if (listedBefore === listedAfter) return assert.equal(revision, listedAfter);
      assert.ok(attempt < 50, 'the store never stopped changing');
    }
  });

  it('passes `promtool check metrics`, except the seed\'s resource_count gauge name (DESIGN.md, "Known tensions")', async () => {
    const { text } = await scrape();
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(promtool.error, undefined, `promtool is required (Debian package "prometheus"): ${promtool.error?.message}`);
    const findings = `${promtool.stdout}\n${promtool.stderr}`.split('\n').map((line) => line.trim()).filter(Boolean);
    assert.deepEqual(findings, [ACCEPTED_LINT], `promtool found:\n${findings.join('\n')}`);
    assert.equal(promtool.status, 3, 'exit status 3: lint findings only (1 would be a parse error)');
  });
});
