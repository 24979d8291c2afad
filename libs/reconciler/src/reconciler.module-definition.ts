import { ConfigurableModuleBuilder, DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
import { ReconcilerModuleOptions } from './reconciler.options.js';
import { WorkloadDriver } from './workload/workload-driver.js';

/** Extras: modules that provide ResourceClientFactory, EventRecorder and Leadership, when they are not global. */
export interface ReconcilerModuleExtras {
  imports?: ModuleMetadata['imports'];
  /**
   * The WorkloadDriver class to run instead of the SimulatedWorkloadDriver (cluster mode's
   * KubernetesWorkloadDriver); instantiated in this module, so its dependencies must be visible here.
   */
  workloadDriver?: Type<WorkloadDriver>;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } = new ConfigurableModuleBuilder<ReconcilerModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<ReconcilerModuleExtras>({ imports: [] }, (definition: DynamicModule, extras) => ({
    ...definition,
    imports: [...(definition.imports ?? []), ...(extras.imports ?? [])],
    // Dynamic providers are registered after the @Module ones, so this replaces the default driver.
    providers: [...(definition.providers ?? []), ...(extras.workloadDriver ? [{ provide: WorkloadDriver, useClass: extras.workloadDriver }] : [])],
  }))
  .build();
