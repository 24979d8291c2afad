import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { SqliteStore } from './sqlite/sqlite-store.js';
import { Store } from './store.js';
import { STORAGE_MODULE_OPTIONS } from './storage.constants.js';
import { ConfigurableModuleClass } from './storage.module-definition.js';
import { StorageModuleOptions } from './storage-module-options.interface.js';

/**
 * Provides the `Store` (a `SqliteStore`) to the whole application. The store is opened while
 * the provider is created, so it is ready before any other module's `onModuleInit`, and closed
 * in `onApplicationShutdown`, after the HTTP server has stopped and every module's
 * `onModuleDestroy`/`beforeApplicationShutdown` (the place for final writes) has run.
 */
@Global()
@Module({
  providers: [
    {
      provide: Store,
      useFactory: async (options: StorageModuleOptions): Promise<Store> => {
        const store = new SqliteStore(options);
        await store.open();
        return store;
      },
      inject: [STORAGE_MODULE_OPTIONS],
    },
  ],
  exports: [Store],
})
export class StorageModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  constructor(private readonly store: Store) {
    super();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
