import { ConfigurableModuleBuilder } from '@nestjs/common';
import { LeaderElectionModuleOptions } from './leader-election.options.js';

export const {
  ConfigurableModuleClass: ConfigurableLeaderElectionModule,
  MODULE_OPTIONS_TOKEN: LEADER_ELECTION_MODULE_OPTIONS,
  OPTIONS_TYPE: LEADER_ELECTION_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: LEADER_ELECTION_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<LeaderElectionModuleOptions>().setClassMethodName('forRoot').build();
