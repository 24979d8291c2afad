import { ConfigurableModuleBuilder, DynamicModule, ModuleMetadata } from '@nestjs/common';
import { ReconcilerModuleOptions } from './reconciler.options.js';

/** Extras: modules that provide ResourceClientFactory, EventRecorder and Leadership, when they are not global. */
export interface ReconcilerModuleExtras {
  imports?: ModuleMetadata['imports'];
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } = new ConfigurableModuleBuilder<ReconcilerModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras<ReconcilerModuleExtras>({ imports: [] }, (definition: DynamicModule, extras) => ({
    ...definition,
    imports: [...(definition.imports ?? []), ...(extras.imports ?? [])],
  }))
  .build();
