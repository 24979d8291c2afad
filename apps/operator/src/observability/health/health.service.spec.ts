import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HealthService } from './health.service.js';

describe(HealthService.name, () => {
  const services: HealthService[] = [];
  const create = () => {
    const service = new HealthService();
    services.push(service);
    return service;
  };
  after(() => services.forEach((service) => service.onModuleDestroy()));

  it('is live with only its event-loop check, and not ready before it started', async () => {
    const health = create();
    const live = await health.live();
    assert.equal(live.ok, true);
    assert.deepEqual(live.checks, [{ name: 'event-loop', ok: true }]);
    const ready = await health.ready();
    assert.equal(ready.ok, false);
    assert.deepEqual(ready.checks.find((c) => c.name === 'startup'), { name: 'startup', ok: false, message: 'starting' });
  });

  it('orders readiness: liveness checks, startup, readiness checks, shutdown; no duplicates', async () => {
    const health = create();
    health.addLiveness('store', () => ({ ok: true }));
    health.addReadiness('store', () => ({ ok: false }));
    health.addReadiness('informer-sync', () => ({ ok: true }));
    health.markStarted();
    const ready = await health.ready();
    assert.deepEqual(ready.checks.map((c) => c.name), ['event-loop', 'store', 'startup', 'informer-sync', 'shutdown']);
    assert.equal(ready.ok, true);
    assert.deepEqual(health.names(true), ['event-loop', 'store', 'startup', 'informer-sync', 'shutdown']);
    assert.deepEqual(health.names(false), ['event-loop', 'store']);
  });

  it('fails readiness (not liveness) from the moment shutdown begins', async () => {
    const health = create();
    health.markStarted();
    assert.equal((await health.ready()).ok, true);
    health.markShuttingDown();
    const ready = await health.ready();
    assert.equal(ready.ok, false);
    assert.deepEqual(ready.checks.at(-1), { name: 'shutdown', ok: false, message: 'shutting down' });
    assert.equal((await health.live()).ok, true);
  });

  it('turns a throwing or rejecting check into a failure with its message', async () => {
    const health = create();
    health.addLiveness('store', () => {
      throw new Error('database is locked');
    });
    health.addLiveness('remote', () => Promise.reject(new Error('timeout')));
    const live = await health.live();
    assert.equal(live.ok, false);
    assert.deepEqual(live.checks.slice(1), [
      { name: 'store', ok: false, message: 'database is locked' },
      { name: 'remote', ok: false, message: 'timeout' },
    ]);
  });

  it('skips excluded checks (they pass) and reports names that match none', async () => {
    const health = create();
    health.addLiveness('store', () => ({ ok: false, message: 'closed' }));
    const live = await health.live(['store', 'nope']);
    assert.equal(live.ok, true);
    assert.deepEqual(live.checks[1], { name: 'store', ok: true, excluded: true });
    assert.deepEqual(live.unknownExclusions, ['nope']);
  });

  it('carries readiness details, read on each call', async () => {
    const health = create();
    let leader = 'a';
    health.addReadinessDetail('leader', () => ({ leader }));
    health.addReadinessDetail('broken', () => {
      throw new Error('no');
    });
    assert.deepEqual((await health.ready()).details, { leader: { leader: 'a' }, broken: { error: 'no' } });
    leader = 'b';
    assert.deepEqual((await health.ready()).details?.leader, { leader: 'b' });
    assert.equal((await health.live()).details, undefined);
  });
});
