import { ConfigurableModuleBuilder } from '@nestjs/common';
import { STORAGE_MODULE_OPTIONS } from './storage.constants.js';
import { StorageModuleOptions } from './storage-module-options.interface.js';

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<StorageModuleOptions>({ optionsInjectionToken: STORAGE_MODULE_OPTIONS })
    .setClassMethodName('forRoot')
    .build();
