import 'reflect-metadata';
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Global, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { register } from 'prom-client';
import { filter, firstValueFrom } from 'rxjs';
import { EventRecorder } from '@app/events';
import { MetricsModule } from '@app/metrics';
import { ResourceClientFactory } from '@app/resources';
import { LeaderElector } from './elector/leader-elector.js';
import { LeaderElectionModule } from './leader-election.module.js';
import { LeaderStatusService } from './leader-status.service.js';
import { AlwaysLeader, Leadership } from './leadership.js';
import { CollectingEvents } from './testing/election-harness.js';
import { InMemoryLeaseStore } from './testing/in-memory-leases.js';

const store = new InMemoryLeaseStore();
const events = new CollectingEvents();

@Global()
@Module({
  providers: [
    { provide: ResourceClientFactory, useValue: { client: () => store.client('operator-1') } },
    { provide: EventRecorder, useValue: events },
  ],
  exports: [ResourceClientFactory, EventRecorder],
})
class FakeDependencies {}

async function gauge(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = await register.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value))?.value;
}

describe(LeaderElectionModule.name, () => {
  let moduleRef: TestingModule | undefined;
  const compile = (options: Parameters<typeof LeaderElectionModule.forRoot>[0]) =>
    Test.createTestingModule({ imports: [MetricsModule, FakeDependencies, LeaderElectionModule.forRoot(options)] }).compile();

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    register.clear();
  });

  it('elects on bootstrap, serves the status, and releases the Lease on shutdown', async () => {
    moduleRef = await compile({ identity: 'operator-1' });
    const leadership = moduleRef.get(Leadership);
    assert.ok(leadership instanceof LeaderElector);
    assert.equal(leadership.isLeader(), false, 'nothing happens before bootstrap');
    await moduleRef.init();
    await firstValueFrom(leadership.leading$.pipe(filter(Boolean)));

    const status = moduleRef.get(LeaderStatusService);
    const info = status.info();
    assert.deepEqual({ ...info, acquireTime: undefined, renewTime: undefined }, {
      identity: 'operator-1', isLeader: true, holderIdentity: 'operator-1', leaseDurationSeconds: 15, acquireTime: undefined, renewTime: undefined, leaseTransitions: 0,
    });
    assert.equal(info.acquireTime, store.read('default', 'application-operator')?.spec?.acquireTime);
    assert.equal(status.status().message, 'leading (lease default/application-operator)');
    assert.equal(await gauge('leader_election_status'), 1);
    assert.equal(await gauge('leader_election_master_status', { name: 'application-operator' }), 1);
    assert.deepEqual(events.records.map((e) => [e.reason, e.message]), [['LeaderElection', 'operator-1 became leader']]);

    const emitted: boolean[] = [];
    let completed = false;
    leadership.leading$.subscribe({ next: (v) => emitted.push(v), complete: () => (completed = true) });
    await moduleRef.close();
    moduleRef = undefined;
    assert.deepEqual(emitted, [true, false]);
    assert.equal(completed, true);
    assert.equal(store.read('default', 'application-operator')?.spec?.holderIdentity, '');
    assert.equal(await gauge('leader_election_status'), 0);
    assert.deepEqual(events.records.map((e) => e.message), ['operator-1 became leader', 'operator-1 stopped leading']);
  });

  it('enabled: false is AlwaysLeader: leading at once, no Lease', async () => {
    moduleRef = await compile({ enabled: false, identity: 'solo' });
    await moduleRef.init();
    const leadership = moduleRef.get(Leadership);
    assert.ok(leadership instanceof AlwaysLeader);
    assert.equal(leadership.isLeader(), true);
    const status = moduleRef.get(LeaderStatusService);
    assert.deepEqual(status.info(), { identity: 'solo', isLeader: true, holderIdentity: 'solo', leaseDurationSeconds: null, acquireTime: null, renewTime: null, leaseTransitions: null });
    assert.deepEqual(status.status(), { enabled: false, running: true, leading: true, identity: 'solo', leader: 'solo', lease: null, ready: true, message: 'leader election disabled: leading' });
    assert.equal(await gauge('leader_election_status'), 1);
  });

  it('fails at boot on invalid timing', async () => {
    await assert.rejects(compile({ leaseDurationSeconds: 5, renewDeadlineSeconds: 10 }), /leaseDurationSeconds \(5\) must be greater than renewDeadlineSeconds \(10\)/);
  });
});
