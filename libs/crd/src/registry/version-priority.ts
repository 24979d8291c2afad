const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY: Record<string, number> = { alpha: 0, beta: 1, ga: 2 };

/**
 * apimachinery's CompareKubeAwareVersionStrings: positive when `a` has the higher priority.
 * GA before beta before alpha, then higher major, then higher minor; kube-like versions before
 * others, which order alphabetically (`v2, v1, v1beta2, v1beta1, v1alpha1, foo1, foo10`).
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const left = KUBE_VERSION.exec(a);
  const right = KUBE_VERSION.exec(b);
  if (!left && !right) return b < a ? -1 : 1;
  if (!left) return -1;
  if (!right) return 1;
  const [leftType, rightType] = [STABILITY[left[2] ?? 'ga'], STABILITY[right[2] ?? 'ga']];
  if (leftType !== rightType) return leftType - rightType;
  if (left[1] !== right[1]) return Number(left[1]) - Number(right[1]);
  return Number(left[3] ?? 0) - Number(right[3] ?? 0);
}

/** Versions from highest to lowest priority (the first is a group's preferred version). */
export function sortByKubeVersionPriority(versions: Iterable<string>): string[] {
  return [...versions].sort((a, b) => compareKubeAwareVersions(b, a));
}
