import { ConfigurableModuleBuilder, DynamicModule } from '@nestjs/common';
import { WatchModuleOptions } from './watch-module-options.interface.js';
import { WATCH_MODULE_OPTIONS } from './watch.constants.js';

/** Module-definition extras of `WatchModule.register()` / `registerAsync()`. */
export interface WatchModuleExtras {
  /** Modules that export the ChangeFeed provider (unneeded when it is global). */
  imports?: NonNullable<DynamicModule['imports']>;
  /** Make WatchHub, SseService and KubeWatchResponder injectable everywhere. Default false. */
  isGlobal?: boolean;
}

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<WatchModuleOptions>({ optionsInjectionToken: WATCH_MODULE_OPTIONS })
    .setExtras<WatchModuleExtras>({ imports: [], isGlobal: false }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
      imports: [...(definition.imports ?? []), ...(extras.imports ?? [])],
    }))
    .build();
