/** What a reconcile is about: only namespace/name; the reconciler reads current state itself. */
export interface ReconcileRequest {
  namespace: string;
  name: string;
}

/**
 * controller-runtime's reconcile.Result. `requeueAfterMs` schedules the next run (the key's
 * backoff is reset first); `requeue: true` re-queues through the rate limiter; an empty result
 * is success and the key is forgotten until its next change or resync.
 */
export interface ReconcileResult {
  requeue?: boolean;
  requeueAfterMs?: number;
}

/**
 * Drives one object toward its spec. Must be level-based and idempotent: it may run any number
 * of times for the same state. Throwing an Error means "retry with backoff"; throwing a
 * TerminalError means "do not retry until the object changes".
 */
export interface Reconciler {
  reconcile(request: ReconcileRequest): Promise<ReconcileResult>;
  /**
   * Called once when a key gives up: its retries are exhausted, or it threw a TerminalError.
   * The key is then forgotten; it runs again on its next change or resync. Errors are logged.
   */
  onRetriesExhausted?(request: ReconcileRequest, error: unknown): Promise<void>;
}
