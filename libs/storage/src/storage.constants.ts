/** Injection token of the `StorageModuleOptions` given to `StorageModule.forRoot(Async)`. */
export const STORAGE_MODULE_OPTIONS = Symbol('STORAGE_MODULE_OPTIONS');
