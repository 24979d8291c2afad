import { ExpiredError, KubeObject, Status, StatusError } from '@app/api-machinery';
import { ResourceWatchEvent } from '@app/resources';
import { CacheEvent } from './cache.types.js';
import { ObjectCache } from './object-cache.js';

export interface WatchOutcome {
  events: number;
  ms: number;
}

/** What one watch event did: the cache change (if any), the resourceVersion to resume from, or the error it carried. */
export interface AppliedWatchEvent<T extends KubeObject> {
  event?: CacheEvent<T>;
  resourceVersion?: string;
  error?: Error;
}

/** Applies a watch event to the cache. An ERROR event becomes a StatusError (ExpiredError for 410). */
export function applyWatchEvent<T extends KubeObject>(cache: ObjectCache<T>, watchEvent: ResourceWatchEvent<T>): AppliedWatchEvent<T> {
  if (watchEvent.type === 'ERROR') return { error: statusToError(watchEvent.object as Status) };
  const object = watchEvent.object as T;
  const resourceVersion = object.metadata?.resourceVersion;
  switch (watchEvent.type) {
    case 'ADDED':
    case 'MODIFIED':
      return { event: cache.upsert(object), resourceVersion };
    case 'DELETED':
      return { event: cache.remove(object), resourceVersion };
    default:
      return { resourceVersion };
  }
}

/** 410 Gone / Expired, thrown or delivered as an ERROR event: the informer must relist. */
export function isExpired(error: unknown): boolean {
  return error instanceof ExpiredError || (error instanceof StatusError && error.code === 410);
}

function statusToError(status: Status | undefined): Error {
  if (status?.code === 410) return new ExpiredError(status.message ?? 'the watch resourceVersion has expired');
  return new StatusError(status?.code ?? 500, status?.reason ?? 'InternalError', status?.message ?? 'watch failed with an ERROR event');
}
