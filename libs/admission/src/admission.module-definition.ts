import { ConfigurableModuleBuilder } from '@nestjs/common';
import { AdmissionModuleOptions } from './admission-module-options.interface.js';
import { ADMISSION_MODULE_OPTIONS } from './admission.constants.js';

export const { ConfigurableModuleClass: AdmissionConfigurableModule, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<AdmissionModuleOptions>({ optionsInjectionToken: ADMISSION_MODULE_OPTIONS })
    .setClassMethodName('forRoot')
    .build();
