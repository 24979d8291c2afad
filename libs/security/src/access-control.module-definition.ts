import { ConfigurableModuleBuilder } from '@nestjs/common';
import { AccessControlModuleOptions } from './access-control-options.interface.js';
import { ACCESS_CONTROL_OPTIONS } from './security.constants.js';

export const { ConfigurableModuleClass: AccessControlConfigurableModule, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<AccessControlModuleOptions>({ optionsInjectionToken: ACCESS_CONTROL_OPTIONS })
    .setClassMethodName('forRoot')
    .build();
