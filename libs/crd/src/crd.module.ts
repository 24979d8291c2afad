import { Global, Module } from '@nestjs/common';
import { CrdRegistry } from './registry/crd-registry.js';

/**
 * Global module providing the one CrdRegistry, pre-loaded with the built-in definitions
 * (customresourcedefinitions, namespaces, events, leases) and the Application CRD. Takes no
 * options and needs no other provider.
 */
@Global()
@Module({
  providers: [
    {
      provide: CrdRegistry,
      useFactory: (): CrdRegistry => {
        const registry = new CrdRegistry();
        registry.registerDefaults();
        return registry;
      },
    },
  ],
  exports: [CrdRegistry],
})
export class CrdModule {}
