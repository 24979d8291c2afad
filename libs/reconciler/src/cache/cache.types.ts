import { KubeObject } from '@app/api-machinery';

/** One change applied to the cache: from the watch, a relist diff, or a write the controller made (assume). */
export interface CacheEvent<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  /** The new state; for DELETED the last known state. */
  object: T;
  /** The state replaced (MODIFIED, DELETED). */
  old?: T;
}

export interface InformerOptions {
  /** Every cached key is re-enqueued this often; 0 disables. */
  resyncPeriodMs: number;
  /** Name of the resync interval in the SchedulerRegistry. */
  resyncName: string;
  /** First retry delay after a failed list or watch (doubles per failure). Default 1000. */
  retryBaseMs?: number;
  /** Cap on the retry delay. Default 30000. */
  retryMaxMs?: number;
  /** A watch that ends sooner than this with no events counts as a failure for backoff. Default 1000. */
  minWatchMs?: number;
  /** Restricts the list and watch to matching objects (client-go's tweakListOptions), e.g. the objects a controller owns. */
  labelSelector?: string;
  /** Which watched changes are enqueued (all by default). Relist differences and resyncs always are. */
  shouldEnqueue?: (event: CacheEvent<KubeObject>) => boolean;
}
