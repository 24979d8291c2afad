import { KubeObject } from '@app/api-machinery';

const DIGITS = /^\d+$/;

/**
 * Whether `candidate` is older than `current` by resourceVersion. resourceVersions are opaque to
 * clients in general; here (and in kube-apiserver over etcd) they are revisions, so they are
 * compared numerically when both are decimal, and otherwise never treated as older.
 */
export function isOlder(candidate: KubeObject, current: KubeObject): boolean {
  const a = candidate.metadata?.resourceVersion;
  const b = current.metadata?.resourceVersion;
  if (!a || !b || !DIGITS.test(a) || !DIGITS.test(b)) return false;
  return BigInt(a) < BigInt(b);
}

/** Same resourceVersion: the same state of the object. */
export function sameVersion(a: KubeObject, b: KubeObject): boolean {
  const rv = a.metadata?.resourceVersion;
  return rv !== undefined && rv === b.metadata?.resourceVersion;
}
