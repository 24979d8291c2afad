import { KubeObject } from '@app/api-machinery';
import { CacheEvent } from './cache.types.js';

/**
 * controller-runtime's GenerationChangedPredicate, widened to the metadata a reconciler acts
 * on: a MODIFIED event is worth reconciling only when generation (spec), deletionTimestamp,
 * finalizers, labels or annotations changed. Status-only updates, which the controller itself
 * writes, are skipped: otherwise every status write would trigger an immediate extra reconcile
 * (and, after a failure, a retry that bypasses the backoff).
 */
export function specOrMetadataChanged(event: CacheEvent): boolean {
  if (event.type !== 'MODIFIED' || !event.old) return true;
  const before = event.old.metadata ?? {};
  const after = event.object.metadata ?? {};
  return (
    before.generation !== after.generation ||
    before.deletionTimestamp !== after.deletionTimestamp ||
    !sameJson(before.finalizers, after.finalizers) ||
    !sameJson(before.labels, after.labels) ||
    !sameJson(before.annotations, after.annotations)
  );
}

/** Every event is worth reconciling. */
export function always(): boolean {
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export type EnqueuePredicate = (event: CacheEvent<KubeObject>) => boolean;
