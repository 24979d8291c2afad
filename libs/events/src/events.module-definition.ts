import { ConfigurableModuleBuilder } from '@nestjs/common';
import { EVENTS_MODULE_OPTIONS } from './events.constants.js';
import { EventsModuleOptions } from './events.options.js';

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } = new ConfigurableModuleBuilder<EventsModuleOptions>({
  optionsInjectionToken: EVENTS_MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
