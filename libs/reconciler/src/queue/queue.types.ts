import { WorkQueueObserver } from './work-queue.js';

/** queued: waiting for a worker; processing: held by a worker; waiting: a delayed add is scheduled. */
export type QueueItemState = 'queued' | 'processing' | 'waiting';

/** One key as `GET /debug/queue` shows it. */
export interface QueueItemInfo {
  key: string;
  state: QueueItemState;
  /** Failures since the key last succeeded (its backoff exponent). */
  retries: number;
  lastError: string | null;
  /** RFC 3339 (millisecond precision) time of the scheduled delayed add; null when none is scheduled. */
  nextAttemptTime: string | null;
}

/** workqueue_* metrics sink: the observer plus retries. */
export interface QueueMetrics extends WorkQueueObserver {
  retried(): void;
}
