import { SchedulerRegistry } from '@nestjs/schedule';
import { AlwaysLeader, Leadership } from '@app/leader-election';
import { Registry } from 'prom-client';
import { ApplicationReconciler } from '../application/application-reconciler.js';
import { Application, APPLICATION_RESOURCE } from '../application/application.types.js';
import { ApplicationCache } from '../cache/application-cache.js';
import { ReconcilerModuleOptions, ResolvedReconcilerOptions, resolveReconcilerOptions } from '../reconciler.options.js';
import { ReconcilerService } from '../reconciler.service.js';
import { SimulatedWorkloadDriver } from '../workload/simulated-workload-driver.js';
import { FakeEventRecorder } from './fake-event-recorder.js';
import { FakeResourceClient } from './fake-resource-client.js';
import { testMetrics } from './test-metrics.js';

/** The reconciler's object graph, wired as ReconcilerModule wires it, over in-memory fakes. */
export interface Harness {
  client: FakeResourceClient<Application>;
  scheduler: SchedulerRegistry;
  options: ResolvedReconcilerOptions;
  cache: ApplicationCache;
  driver: SimulatedWorkloadDriver;
  recorder: FakeEventRecorder;
  leadership: Leadership;
  reconciler: ApplicationReconciler;
  service: ReconcilerService;
  metrics: Registry;
  stop(): Promise<void>;
}

export function createHarness(options: ReconcilerModuleOptions = {}, leadership: Leadership = new AlwaysLeader('test')): Harness {
  const client = new FakeResourceClient<Application>(APPLICATION_RESOURCE);
  const scheduler = new SchedulerRegistry();
  const resolved = resolveReconcilerOptions(options);
  const cache = new ApplicationCache(client, scheduler, resolved);
  const driver = new SimulatedWorkloadDriver(resolved.simulation);
  const recorder = new FakeEventRecorder();
  const reconciler = new ApplicationReconciler(cache, client, driver, recorder, leadership, resolved);
  const { registry, metrics, resourceCount } = testMetrics();
  const service = new ReconcilerService(cache, reconciler, driver, leadership, scheduler, metrics, resourceCount, resolved);
  const stop = async () => {
    await service.onModuleDestroy();
    driver.onModuleDestroy();
  };
  return { client, scheduler, options: resolved, cache, driver, recorder, leadership, reconciler, service, metrics: registry, stop };
}

export function application(name: string, spec: Partial<Application['spec']> = {}, namespace = 'default'): Application {
  return { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { namespace, name }, spec: { image: 'nginx:1.27', replicas: 3, ...spec } };
}
