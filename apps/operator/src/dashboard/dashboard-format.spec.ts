import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { age, conditionHealth, humanDuration, objectYaml, ratePerMinute, severityClass, severityOf, sumMetric, toYaml } from './assets/format.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('dashboard format', () => {
  it('formats ages as kubectl does', () => {
    const cases: Array<[number, string]> = [
      [-1500, '0s'], [-3000, '<invalid>'], [0, '0s'], [95 * S, '95s'], [2 * M, '2m'], [3 * M + 20 * S, '3m20s'],
      [45 * M, '45m'], [3 * H, '3h'], [3 * H + 20 * M, '3h20m'], [20 * H, '20h'], [3 * D + 5 * H, '3d5h'],
      [14 * D, '14d'], [800 * D, '2y70d'], [9 * 365 * D, '9y'],
    ];
    for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, `${ms} ms`);
    assert.equal(age('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:05:00Z')), '5m');
    assert.equal(age(undefined, 0), '—');
    assert.equal(age('not a time', 0), '—');
  });

  it('emits YAML for objects, arrays and scalars, quoting what would not read back as the same string', () => {
    const yaml = toYaml({
      kind: 'Application',
      metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' }, resourceVersion: '12', annotations: {} },
      spec: { image: 'nginx:1.27', replicas: 2, paused: false, command: ['run', 'a: b'], note: null, empty: [] },
      status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Degraded', status: 'False' }] },
    });
    assert.equal(yaml, [
      'kind: Application',
      'metadata:',
      '  name: web',
      '  labels:',
      '    app.kubernetes.io/name: web',
      '  resourceVersion: "12"',
      '  annotations: {}',
      'spec:',
      '  image: nginx:1.27',
      '  replicas: 2',
      '  paused: false',
      '  command:',
      '  - run',
      '  - "a: b"',
      '  note: null',
      '  empty: []',
      'status:',
      '  conditions:',
      '  - type: Ready',
      '    status: "True"',
      '  - type: Degraded',
      '    status: "False"',
      '',
    ].join('\n'));
  });

  it('hides managedFields in the object view', () => {
    const yaml = objectYaml({ kind: 'Application', metadata: { name: 'web', managedFields: [{ manager: 'kubectl' }] } });
    assert.equal(yaml, 'kind: Application\nmetadata:\n  name: web\n');
  });

  it('derives severity from the annotation, else from the type, and colours it', () => {
    assert.equal(severityOf('Warning', { 'cloudnative.elide.dev/severity': 'Critical' }), 'Critical');
    assert.equal(severityOf('Warning', undefined), 'Warning');
    assert.equal(severityOf('Normal', { 'cloudnative.elide.dev/severity': 'bogus' }), 'Info');
    assert.deepEqual(['Info', 'Warning', 'Error', 'Critical'].map(severityClass), ['sev-info', 'sev-warning', 'sev-error', 'sev-error']);
  });

  it('judges condition health with polarity: Ready=True good, Degraded=True bad, Progressing neutral unless failed', () => {
    assert.equal(conditionHealth({ type: 'Ready', status: 'True' }), 'good');
    assert.equal(conditionHealth({ type: 'Ready', status: 'False' }), 'bad');
    assert.equal(conditionHealth({ type: 'Degraded', status: 'False' }), 'good');
    assert.equal(conditionHealth({ type: 'Degraded', status: 'True' }), 'bad');
    assert.equal(conditionHealth({ type: 'Progressing', status: 'False', reason: 'RolloutComplete' }), 'neutral');
    assert.equal(conditionHealth({ type: 'Progressing', status: 'False', reason: 'RolloutFailed' }), 'bad');
    assert.equal(conditionHealth({ type: 'Ready', status: 'Unknown' }), 'unknown');
  });

  it('sums a Prometheus counter across label sets and computes a per-minute rate', () => {
    const text = [
      '# HELP controller_reconcile_total Reconciles by result.',
      '# TYPE controller_reconcile_total counter',
      'controller_reconcile_total{result="success"} 40',
      'controller_reconcile_total{result="error"} 2',
      'controller_reconcile_total_other 100',
      'controller_reconcile_duration_seconds_count 42',
    ].join('\n');
    assert.equal(sumMetric(text, 'controller_reconcile_total'), 42);
    assert.equal(sumMetric(text, 'missing_total'), undefined);
    assert.equal(sumMetric('# HELP workqueue_adds_total Adds.\n# TYPE workqueue_adds_total counter\n', 'workqueue_adds_total'), 0);
    assert.equal(ratePerMinute([[0, 42], [30_000, 52], [60_000, 72]]), 30);
    assert.equal(ratePerMinute([[0, 42]]), undefined);
    assert.equal(ratePerMinute([[0, 50], [60_000, 10]]), 0);
  });
});
