import { ConfigurableModuleBuilder } from '@nestjs/common';
import { ClusterModuleOptions } from './cluster.options.js';

export const {
  ConfigurableModuleClass: ConfigurableClusterModule,
  MODULE_OPTIONS_TOKEN: CLUSTER_MODULE_OPTIONS,
  OPTIONS_TYPE: CLUSTER_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CLUSTER_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ClusterModuleOptions>().setClassMethodName('forRoot').build();
