import { DynamicModule, Global, Module } from '@nestjs/common';
import { OperatorConfig } from './operator-config.js';

/** Makes the validated OperatorConfig injectable everywhere (by its class). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: OperatorConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: OperatorConfig, useValue: config }], exports: [OperatorConfig] };
  }
}
