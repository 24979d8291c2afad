import { ConfigurableModuleBuilder, DynamicModule } from '@nestjs/common';
import { WatchModuleOptions } from './watch-module-options.interface.js';
import { WATCH_MODULE_OPTIONS } from './watch.constants.js';

/** `imports`: modules that export the ChangeFeed provider (unless it is global). */
export interface WatchModuleExtras {
  imports?: NonNullable<DynamicModule['imports']>;
}

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<WatchModuleOptions>({ optionsInjectionToken: WATCH_MODULE_OPTIONS })
    .setExtras<WatchModuleExtras>({ imports: [] }, (definition, extras) => ({
      ...definition,
      imports: [...(definition.imports ?? []), ...(extras.imports ?? [])],
    }))
    .build();
