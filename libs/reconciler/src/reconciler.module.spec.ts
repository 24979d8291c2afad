import 'reflect-metadata';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Global, Logger, Module } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { KubeObject } from '@app/api-machinery';
import { EventRecorder } from '@app/events';
import { AlwaysLeader, Leadership } from '@app/leader-election';
import { METRIC, MetricsModule } from '@app/metrics';
import { ResourceClient, ResourceClientFactory, ResourceRef } from '@app/resources';
import { register } from 'prom-client';
import { filter, firstValueFrom, Subject } from 'rxjs';
import { Application, APPLICATION_RESOURCE } from './application/application.types.js';
import { ApplicationCache } from './cache/application-cache.js';
import { RESYNC_INTERVAL_NAME } from './reconciler.constants.js';
import { ReconcilerModule } from './reconciler.module.js';
import { ReconcilerService } from './reconciler.service.js';
import { FakeEventRecorder } from './testing/fake-event-recorder.js';
import { FakeResourceClient } from './testing/fake-resource-client.js';
import { application } from './testing/harness.js';
import { settle } from './testing/settle.js';
import { WorkloadDriver, WorkloadRef, WorkloadStatus } from './workload/workload-driver.js';

class FakeClientFactory extends ResourceClientFactory {
  readonly applications = new FakeResourceClient<Application>(APPLICATION_RESOURCE);
  client<T extends KubeObject>(ref: ResourceRef): ResourceClient<T> {
    assert.deepEqual(ref, APPLICATION_RESOURCE);
    return this.applications as unknown as ResourceClient<T>;
  }
}

const factory = new FakeClientFactory();
const recorder = new FakeEventRecorder();

/** Stands in for the resources, events and leader-election modules (global, as theirs are). */
@Global()
@Module({
  providers: [
    { provide: ResourceClientFactory, useValue: factory },
    { provide: EventRecorder, useValue: recorder },
    { provide: Leadership, useValue: new AlwaysLeader('test') },
  ],
  exports: [ResourceClientFactory, EventRecorder, Leadership],
})
class CollaboratorsModule {}

/** The same collaborators, not global: handed to ReconcilerModule through its `imports` extra. */
@Module({
  providers: [
    { provide: ResourceClientFactory, useValue: new FakeClientFactory() },
    { provide: EventRecorder, useValue: new FakeEventRecorder() },
    { provide: Leadership, useValue: new AlwaysLeader('test') },
  ],
  exports: [ResourceClientFactory, EventRecorder, Leadership],
})
class LocalCollaboratorsModule {}

/** A WorkloadDriver standing in for a future cluster driver: reports every workload ready. */
class ReadyDriver extends WorkloadDriver {
  readonly synced: string[] = [];
  readonly changes$ = new Subject<WorkloadRef>().asObservable();
  async sync(app: Application): Promise<WorkloadStatus> {
    this.synced.push(app.metadata?.name ?? '');
    const replicas = app.spec.replicas ?? 1;
    return { replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas, progressing: false };
  }
  async remove(): Promise<void> {}
}

describe(ReconcilerModule.name, () => {
  before(() => Logger.overrideLogger(false));

  it('boots with its collaborators injected, converges an Application, and shuts down cleanly', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), MetricsModule, CollaboratorsModule, ReconcilerModule.forRoot({ simulation: { podStartupMs: 0 }, maxConcurrentReconciles: 2 })],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const cache = app.get(ApplicationCache);
    const running = firstValueFrom(cache.events$.pipe(filter((event) => event.object.status?.phase === 'Running')));
    await factory.applications.create('default', application('web', { replicas: 2 }));
    const { object } = await running;
    assert.equal(object.status?.readyReplicas, 2);
    assert.equal(app.get(ReconcilerService).hasSynced(), true);
    await settle();
    assert.deepEqual(app.get(ReconcilerService).snapshot(), { leader: true, depth: 0, items: [] });
    assert.ok(app.get(WorkloadDriver), 'WorkloadDriver is exported');
    const scheduler = app.get(SchedulerRegistry);
    assert.ok(scheduler.getIntervals().includes(RESYNC_INTERVAL_NAME));
    const reconciles = (await register.getSingleMetric(METRIC.runtimeReconcileTotal)?.get())?.values ?? [];
    assert.ok(reconciles.some((value) => value.labels.controller === 'application' && value.labels.result === 'success' && value.value > 0));
    const maxConcurrent = (await register.getSingleMetric(METRIC.runtimeMaxConcurrentReconciles)?.get())?.values ?? [];
    assert.deepEqual(maxConcurrent.map((value) => value.value), [2]);
    assert.ok(recorder.reasons().includes('Created'));
    await app.close();
    assert.deepEqual(scheduler.getIntervals(), []);
    assert.deepEqual(scheduler.getTimeouts(), []);
  });

  it('takes its collaborators through `imports` and lets another WorkloadDriver replace the simulation', async () => {
    const driver = new ReadyDriver();
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), MetricsModule, ReconcilerModule.forRoot({ imports: [LocalCollaboratorsModule] })],
    })
      .overrideProvider(WorkloadDriver)
      .useValue(driver)
      .compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const clients = app.get(ResourceClientFactory) as FakeClientFactory;
    const running = firstValueFrom(app.get(ApplicationCache).events$.pipe(filter((event) => event.object.status?.phase === 'Running')));
    await clients.applications.create('default', application('api', { replicas: 7 }));
    assert.equal((await running).object.status?.readyReplicas, 7);
    assert.deepEqual(driver.synced, ['api']);
    await app.close();
  });
});
