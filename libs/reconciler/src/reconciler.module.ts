import { Module } from '@nestjs/common';
import { ResourceClientFactory } from '@app/resources';
import { ApplicationReconciler } from './application/application-reconciler.js';
import { APPLICATION_RESOURCE } from './application/application.types.js';
import { ApplicationCache } from './cache/application-cache.js';
import { ReconcilerMetrics } from './metrics/reconciler-metrics.js';
import { ResourceCountMetric } from './metrics/resource-count.js';
import { APPLICATION_CLIENT, RECONCILER_OPTIONS, SIMULATION_OPTIONS } from './reconciler.constants.js';
import { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } from './reconciler.module-definition.js';
import { ReconcilerModuleOptions, ResolvedReconcilerOptions, resolveReconcilerOptions } from './reconciler.options.js';
import { ReconcilerService } from './reconciler.service.js';
import { SimulatedWorkloadDriver } from './workload/simulated-workload-driver.js';
import { WorkloadDriver } from './workload/workload-driver.js';

/**
 * The Application controller: informer cache, rate-limited work queue, workers gated by
 * leadership, the Application reconciler and its WorkloadDriver (SimulatedWorkloadDriver unless
 * overridden). `ReconcilerModule.forRoot(options)` / `forRootAsync(...)`; pass `imports` when the
 * providers it needs are not global. Needs injected: ResourceClientFactory (@app/resources),
 * EventRecorder (@app/events), Leadership (@app/leader-election), SchedulerRegistry
 * (ScheduleModule.forRoot()), and the metrics of MetricsModule (global).
 */
@Module({
  providers: [
    { provide: RECONCILER_OPTIONS, useFactory: (options: ReconcilerModuleOptions) => resolveReconcilerOptions(options), inject: [MODULE_OPTIONS_TOKEN] },
    { provide: SIMULATION_OPTIONS, useFactory: (options: ResolvedReconcilerOptions) => options.simulation, inject: [RECONCILER_OPTIONS] },
    { provide: APPLICATION_CLIENT, useFactory: (factory: ResourceClientFactory) => factory.client(APPLICATION_RESOURCE), inject: [ResourceClientFactory] },
    { provide: WorkloadDriver, useClass: SimulatedWorkloadDriver },
    ApplicationCache,
    ApplicationReconciler,
    ReconcilerMetrics,
    ResourceCountMetric,
    ReconcilerService,
  ],
  exports: [ReconcilerService, ApplicationCache, WorkloadDriver],
})
export class ReconcilerModule extends ConfigurableModuleClass {}
