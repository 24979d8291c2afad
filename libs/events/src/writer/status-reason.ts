/**
 * Whether `error` is a Kubernetes Status failure with this reason. Matches by `reason` rather
 * than class, so errors from any ResourceClient implementation (store or kube-apiserver) work.
 */
export function isStatus(error: unknown, reason: 'NotFound' | 'Conflict' | 'AlreadyExists'): boolean {
  return typeof error === 'object' && error !== null && (error as { reason?: unknown }).reason === reason;
}
