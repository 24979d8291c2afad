import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { startTestOperator, freePort } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { composeFile, imageHealthcheck, repoFile, run, until } from './deploy-support.js';
import { Expression, parsePromql, Scrape } from './deploy-promql.js';

/** Labels Prometheus adds to every scraped series (the target's), not the operator. */
const TARGET_LABELS = new Set(['job', 'instance']);
/** Series Prometheus itself records per target; the only non-operator names the rules may use. */
const PROMETHEUS_SERIES: Record<string, string[]> = { up: ['job', 'instance'] };

/** Every PromQL expression of the Grafana dashboard (targets and the variable query's metric). */
function dashboardExpressions(): Expression[] {
  const dashboard = JSON.parse(repoFile('deploy/grafana/dashboards/application-operator.json'));
  const targets = (dashboard.panels as any[]).flatMap((panel) => panel.targets ?? []).map((target) => parsePromql(target.expr));
  const variables = (dashboard.templating.list as any[]).map((variable) => {
    const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
    const [, metric, label] = /^label_values\((\w+),\s*(\w+)\)$/.exec(query)!;
    return { ...parsePromql(metric), groupingLabels: [label] };
  });
  return [...targets, ...variables];
}

function ruleExpressions(): Expression[] {
  const rules = parse(repoFile('deploy/prometheus/operator.rules.yml')).groups.flatMap((group: any) => group.rules);
  return rules.map((rule: any) => parsePromql(rule.expr));
}

/** What an expression references that `scrape` lacks: unknown names, series without samples, unknown labels or values. */
function problemsOf(expression: Expression, scrape: Scrape): string[] {
  const problems: string[] = [];
  const known = new Set(TARGET_LABELS);
  for (const { metric, matchers } of expression.selectors) {
    const samples = scrape.samplesNamed(metric);
    const builtin = PROMETHEUS_SERIES[metric];
    if (builtin) builtin.forEach((label) => known.add(label));
    else if (!scrape.familyOf(metric)) problems.push(`${metric}: not exported`);
    else if (samples.length === 0) problems.push(`${metric}: no samples`);
    samples.forEach((sample) => Object.keys(sample.labels).forEach((label) => known.add(label)));
    for (const { label, op, value } of matchers) {
      if (TARGET_LABELS.has(label) || value.includes('$')) continue;
      if (!samples.some((sample) => label in sample.labels)) problems.push(`${metric}: no label ${label}`);
      else if (op === '=' && !samples.some((sample) => sample.labels[label] === value)) problems.push(`${metric}: no series with ${label}="${value}"`);
    }
  }
  for (const label of expression.groupingLabels) if (!known.has(label)) problems.push(`groups by ${label}, which no selected series has`);
  return problems.map((problem) => `${problem} (in ${expression.source})`);
}

/**
 * Every name the dashboard and the alert rules query is a family a running operator exports,
 * with samples once traffic has touched it, and every label they match or group by exists.
 */
describe('Dashboard and alert queries against a running operator (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const watch = new AbortController();
  const ns = `${APPS}/namespaces/deploy-metrics/applications`;

  before(async () => {
    operator = await startTestOperator({ ENABLE_LEADER_ELECTION: 'true', POD_NAME: 'deploy-metrics', BACKOFF_BASE_MS: '20', BACKOFF_MAX_MS: '100' });
    http = new Http(operator.url);
    // A watch held open (watch_clients), a healthy and a failing Application (reconciles by
    // result, errors, retries, events of each severity), a denied admission review.
    const stream = await fetch(`${operator.url}${ns}?watch=true`, { signal: watch.signal });
    assert.equal(stream.status, 200);
    assert.equal((await http.post(ns, application('web', { replicas: 2 }))).status, 201);
    assert.equal((await http.post(ns, application('pull-fails', { image: 'nginx:broken', replicas: 2 }))).status, 201);
    const review = await http.post('/validate', {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'deploy-1', operation: 'CREATE', namespace: 'deploy-metrics', kind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' }, object: application('huge', { replicas: 500 }) },
    });
    assert.equal(review.body.response.allowed, false, 'the review is denied');
    await until('web Running', async () => (await http.get(`${ns}/web`)).body.status?.phase === 'Running');
  });
  after(async () => {
    watch.abort();
    await operator.shutdown();
  });

  const scrape = async () => new Scrape((await http.get('/metrics')).text);
  /** Scrapes until `expressions` have no problems (lazily created series appear as traffic is processed). */
  async function settledProblems(expressions: Expression[]): Promise<string[]> {
    let problems: string[] = [];
    await until('every queried series', async () => {
      const current = await scrape();
      problems = expressions.flatMap((expression) => problemsOf(expression, current));
      return problems.length === 0;
    }, 10_000, 200).catch(() => undefined);
    return problems;
  }

  it('the Grafana dashboard queries only exported series and labels', async () => {
    const expressions = dashboardExpressions();
    assert.ok(expressions.length >= 15);
    assert.ok(expressions.every((expression) => expression.selectors.length > 0), 'every expression selects something');
    assert.deepEqual(await settledProblems(expressions), []);
  });

  it('the alert rules query only exported series and labels (and Prometheus\'s up)', async () => {
    const expressions = ruleExpressions();
    assert.equal(expressions.length, 6);
    assert.ok(expressions.every((expression) => expression.selectors.length > 0), 'every expression selects something');
    assert.deepEqual(await settledProblems(expressions), []);
  });

  it('the checker rejects what the operator does not export', async () => {
    const current = await scrape();
    assert.deepEqual(problemsOf(parsePromql('rate(controller_reconcile_totals[5m])'), current), ['controller_reconcile_totals: not exported (in rate(controller_reconcile_totals[5m]))']);
    assert.match(problemsOf(parsePromql('sum by (phase) (event_total)'), current)[0], /groups by phase/);
    assert.match(problemsOf(parsePromql('webhook_requests_total{allowed="no"}'), current)[0], /no series with allowed="no"/);
    assert.match(problemsOf(parsePromql('resource_count_bucket'), current)[0], /not exported/, 'a gauge named _count has no _bucket');
    assert.deepEqual(problemsOf(parsePromql('histogram_quantile(0.9, sum by (le) (rate(webhook_request_duration_seconds_bucket[1m])))'), current), []);
  });

  it('the image and compose healthchecks pass against a serving operator and fail without one', async () => {
    const composeCheck = composeFile().services['operator-1'].healthcheck.test.slice(1) as string[];
    for (const [command, ...args] of [imageHealthcheck(), composeCheck]) {
      assert.equal(command, 'node');
      assert.equal((await run(process.execPath, args, { PORT: String(operator.port) })).code, 0);
      assert.equal((await run(process.execPath, args, { PORT: String(await freePort()) })).code, 1);
    }
  });
});
