import { StorageError } from './store.js';

/**
 * A read or compaction asked for a revision newer than any written yet (etcd's
 * "required revision is a future revision"; kube-apiserver answers "Too large resource version").
 */
export class FutureRevisionError extends StorageError {
  constructor(readonly requested: number, readonly current: number) {
    super(`too large resource version: ${requested}, current: ${current}`);
  }
}

/** The store was used before `open()` or after `close()`. */
export class StoreClosedError extends StorageError {
  constructor() {
    super('store is closed');
  }
}
