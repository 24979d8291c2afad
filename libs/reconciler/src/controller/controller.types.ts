import { QueueItemInfo } from '../queue/queue.types.js';

/** controller-runtime's result label values, plus `terminal` for a TerminalError (also counted as an error). */
export type ReconcileOutcome = 'success' | 'error' | 'requeue' | 'requeue_after' | 'terminal';

export interface ControllerOptions {
  /** The `controller` metrics label and log context, e.g. `application`. */
  name: string;
  maxConcurrentReconciles: number;
  /** Failures retried with backoff before the key gives up (onRetriesExhausted). */
  maxRetries: number;
  /** After a fenced stop (isLeader() answered false), how often to check whether leadership is back. Default 1000. */
  fencingRecheckMs?: number;
}

/** controller_* and controller_runtime_* metrics sink. */
export interface ControllerMetrics {
  reconciled(outcome: ReconcileOutcome, seconds: number): void;
  activeWorkers(count: number): void;
  maxConcurrentReconciles(count: number): void;
  /** workqueue_unfinished_work_seconds and workqueue_longest_running_processor_seconds. */
  inFlight(unfinishedSeconds: number, longestSeconds: number): void;
}

/** `GET /debug/queue`. */
export interface QueueSnapshot {
  leader: boolean;
  /** Keys waiting for a worker (workqueue_depth). */
  depth: number;
  items: QueueItemInfo[];
}
