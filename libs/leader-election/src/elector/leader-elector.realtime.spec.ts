import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { filter, firstValueFrom } from 'rxjs';
import { ResourceLeaseLock } from '../lease/resource-lease-lock.js';
import { CollectingLogger, LEASE_NAME, LEASE_NAMESPACE } from '../testing/election-harness.js';
import { InMemoryLeaseStore } from '../testing/in-memory-leases.js';
import { LeaderElector } from './leader-elector.js';

/** Tiny real timings on the system clock (performance.now and real timers): lease 1s, deadline 0.5s, retry 0.1s. */
const TIMING = { leaseDurationSeconds: 1, renewDeadlineSeconds: 0.5, retryPeriodSeconds: 0.1 };

describe(`${LeaderElector.name} on the system clock`, () => {
  const electors: LeaderElector[] = [];
  const elector = (store: InMemoryLeaseStore, id: string) => {
    const e = new LeaderElector({ identity: id, ...TIMING }, new ResourceLeaseLock(store.client(id), LEASE_NAMESPACE, LEASE_NAME), { logger: new CollectingLogger() });
    electors.push(e);
    return e;
  };
  const leads = (e: LeaderElector) => firstValueFrom(e.leading$.pipe(filter(Boolean)));
  afterEach(() => electors.splice(0).forEach((e) => e.dispose()));

  it('fails over from a killed leader after the lease duration, and hands over quickly on release', async () => {
    const store = new InMemoryLeaseStore();
    const a = elector(store, 'a');
    const b = elector(store, 'b');
    a.start();
    await leads(a);
    b.start();
    const bLeads = leads(b);
    const killedAt = performance.now();
    a.dispose();
    await bLeads;
    const took = performance.now() - killedAt;
    assert.ok(took >= 850 && took <= 2_000, `took over ${Math.round(took)}ms after the kill`);

    const c = elector(store, 'c');
    c.start();
    const cLeads = leads(c);
    const stoppedAt = performance.now();
    await b.stop();
    await cLeads;
    assert.ok(performance.now() - stoppedAt < 700, 'a released lease is taken within about one retry period');
    assert.equal(store.read(LEASE_NAMESPACE, LEASE_NAME)?.spec?.leaseTransitions, 2);
  });
});
