import type { EventRecorder } from '@app/events';
import { LeadershipMetrics } from '../leader-election.metrics.js';
import { LeaderElectionTiming } from '../leader-election.options.js';
import { ElectionClock } from './election-clock.js';
import { ElectionLogger } from './election-logger.js';

export interface LeaderElectorOptions extends LeaderElectionTiming {
  identity: string;
  /** Release the lease in `stop()`. Default true. */
  releaseOnCancel?: boolean;
}

export interface LeaderElectorDeps {
  metrics?: LeadershipMetrics;
  events?: EventRecorder;
  clock?: ElectionClock;
  /** [0, 1) source for retry jitter. */
  random?: () => number;
  logger?: ElectionLogger;
}
