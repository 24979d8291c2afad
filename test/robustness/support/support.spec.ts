import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, contentHash } from './api.js';
import { Gate } from './gate.js';
import { parseMetrics } from './metrics.js';
import { bounded, quantile } from './stats.js';

describe('robustness support', () => {
  it('bounded() passes a plateau and fails steady growth', () => {
    assert.equal(bounded([10, 12, 11, 12, 12], 1.2, 0).ok, true);
    assert.equal(bounded([10, 20, 30, 40, 50], 1.2, 0).ok, false);
    assert.equal(bounded([10], 1.2, 0).ok, false);
  });

  it('quantile() takes the nearest rank', () => {
    assert.equal(quantile([5, 1, 4, 2, 3], 0.99), 5);
    assert.equal(quantile([5, 1, 4, 2, 3], 0.5), 3);
    assert.equal(quantile([], 0.99), 0);
  });

  it('parseMetrics() reads names, escaped labels and values', () => {
    const samples = parseMetrics('# HELP x y\nhttp_requests_total{code="500",route="/a\\"b"} 3\nstore_keys 42\n');
    assert.deepEqual(samples, [{ name: 'http_requests_total', labels: { code: '500', route: '/a"b' }, value: 3 }, { name: 'store_keys', labels: {}, value: 42 }]);
  });

  it('contentHash() ignores key order and server-set fields', () => {
    const a = { metadata: { name: 'x', resourceVersion: '1', labels: { a: '1', b: '2' } }, spec: { image: 'i', replicas: 1 } };
    const b = { spec: { replicas: 1, image: 'i' }, metadata: { labels: { b: '2', a: '1' }, resourceVersion: '9' }, status: { phase: 'Running' } };
    assert.equal(contentHash(a), contentHash(b));
    assert.notEqual(contentHash(a), contentHash({ ...a, spec: { image: 'i', replicas: 2 } }));
    assert.equal(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }), '{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('Gate.pause() resolves only once every loop waits at the gate', async () => {
    const gate = new Gate(2);
    const order: string[] = [];
    let paused = false;
    const pausing = gate.pause().then(() => (paused = true));
    const first = gate.pass().then(() => order.push('first'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(paused, false);
    const second = gate.pass().then(() => order.push('second'));
    await pausing;
    assert.deepEqual(order, []);
    gate.resume();
    await Promise.all([first, second]);
    assert.deepEqual(order.sort(), ['first', 'second']);
  });
});
