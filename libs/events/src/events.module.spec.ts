import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Global, Logger, Module } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { Leadership } from '@app/leader-election';
import { metricProviders } from '@app/metrics';
import { ResourceClientFactory } from '@app/resources';
import { EventsModule } from './events.module.js';
import { EventQueryService } from './query/event-query.service.js';
import { EVENTS_RESOURCE } from './recorder/core-event.js';
import { EventRecorder } from './recorder/event-recorder.js';
import { KubeEventRecorder } from './recorder/kube-event-recorder.js';
import { application, TestLeadership } from './testing/events-fixture.js';
import { asFactory, InMemoryClientFactory } from './testing/in-memory-resource-client.js';

function infra(factory: InMemoryClientFactory, leadership?: Leadership) {
  @Global()
  @Module({
    providers: [{ provide: ResourceClientFactory, useValue: asFactory(factory) }, ...metricProviders, ...(leadership ? [{ provide: Leadership, useValue: leadership }] : [])],
    exports: [ResourceClientFactory, ...metricProviders, ...(leadership ? [Leadership] : [])],
  })
  class TestInfraModule {}
  return TestInfraModule;
}

describe(EventsModule.name, () => {
  before(() => Logger.overrideLogger(false));
  after(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('provides EventRecorder and EventQueryService, schedules its timers and flushes on close', async () => {
    const factory = new InMemoryClientFactory();
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), infra(factory), EventsModule.forRoot({ component: 'test-operator', instance: 'replica-1' })],
    }).compile();
    const app = await moduleRef.init();
    const recorder = app.get(EventRecorder);
    assert.ok(recorder instanceof KubeEventRecorder);
    assert.deepEqual(app.get(SchedulerRegistry).getIntervals().sort(), ['events:drain-deferred', 'events:retention']);
    recorder.record({ regarding: application(), type: 'Normal', reason: 'Created', message: 'created web' });
    await app.close();
    const stored = [...factory.for(EVENTS_RESOURCE).objects.values()];
    assert.equal(stored.length, 1);
    assert.deepEqual([stored[0]['reportingComponent'], stored[0]['reportingInstance']], ['test-operator', 'replica-1']);
    assert.deepEqual(app.get(SchedulerRegistry).getIntervals(), []);
  });

  it('answers queries through EventQueryService', async () => {
    const factory = new InMemoryClientFactory();
    const moduleRef = await Test.createTestingModule({ imports: [ScheduleModule.forRoot(), infra(factory), EventsModule.forRoot({})] }).compile();
    const app = await moduleRef.init();
    app.get(EventRecorder).record({ regarding: application(), type: 'Warning', reason: 'Failed', message: 'x', severity: 'Error' });
    await app.get(EventRecorder).flush();
    const result = await app.get(EventQueryService).query({ severity: 'Error' });
    assert.deepEqual(result.items.map((i) => [i.reason, i.reportingComponent]), [['Failed', 'application-operator']]);
    await app.close();
  });

  it('uses the Leadership identity as reportingInstance, via forRootAsync', async () => {
    const factory = new InMemoryClientFactory();
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), infra(factory, new TestLeadership()), EventsModule.forRootAsync({ useFactory: () => ({ ttlSeconds: 60 }) })],
    }).compile();
    const app = await moduleRef.init();
    app.get(EventRecorder).record({ regarding: application(), type: 'Normal', reason: 'Created', message: 'x' });
    await app.close();
    assert.equal([...factory.for(EVENTS_RESOURCE).objects.values()][0]['reportingInstance'], 'operator-0-abcde');
  });

  it('refuses bad options at boot, naming them', async () => {
    const build = Test.createTestingModule({
      imports: [ScheduleModule.forRoot(), infra(new InMemoryClientFactory()), EventsModule.forRoot({ ttlSeconds: -1, maxEvents: 1.5 })],
    }).compile();
    await assert.rejects(build, /EventsModule: invalid options: ttlSeconds, maxEvents/);
  });
});
