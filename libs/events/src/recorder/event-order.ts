import { KubeObject } from '@app/api-machinery';
import { eventTimeMs } from './event-clock.js';

/**
 * Compares resourceVersions numerically when both are decimal (ours and etcd's are), else as
 * strings. Kubernetes calls them opaque; ordering is only used to break timestamp ties.
 */
export function compareResourceVersions(a = '', b = ''): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first: by lastTimestamp (see eventTimeMs), then resourceVersion. */
export function oldestFirst(a: KubeObject, b: KubeObject): number {
  return eventTimeMs(a) - eventTimeMs(b) || compareResourceVersions(a.metadata?.resourceVersion, b.metadata?.resourceVersion);
}

/** Newest first: the reverse of oldestFirst. */
export function newestFirst(a: KubeObject, b: KubeObject): number {
  return oldestFirst(b, a);
}
