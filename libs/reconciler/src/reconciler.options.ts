import { DEFAULT_SIMULATION, SimulationOptions } from './workload/simulation.options.js';

/** Options of ReconcilerModule; every field is optional (defaults below). */
export interface ReconcilerModuleOptions {
  /** Workers reconciling at once (MAX_CONCURRENT_RECONCILES). Default 4. */
  maxConcurrentReconciles?: number;
  /** First retry delay after a failure (BACKOFF_BASE_MS). Default 1000. */
  backoffBaseMs?: number;
  /** Cap of the per-item exponential backoff (BACKOFF_MAX_MS). Default 16000. */
  backoffMaxMs?: number;
  /** Retries before an Application is marked Failed (MAX_RETRIES). Default 5. */
  maxRetries?: number;
  /**
   * Overall token bucket over retries and `requeue: true` (QUEUE_QPS, QUEUE_BURST); defaults
   * are client-go's, 10 qps and a burst of 100. Like client-go, it limits only rate-limited
   * re-adds: new objects, changes, resyncs and requeueAfter go straight to the queue, so 1,000
   * Applications created at once are not throttled by it.
   */
  queueQps?: number;
  queueBurst?: number;
  /** Every cached Application is re-enqueued this often (RESYNC_PERIOD_SECONDS). Default 600; 0 disables. */
  resyncPeriodSeconds?: number;
  /** While a rollout progresses, reconcile again after this long even if the workload reports nothing. Default 10000. */
  progressRequeueMs?: number;
  /** The SimulatedWorkloadDriver (SIM_POD_STARTUP_MS, SIM_FAILING_TAGS). */
  simulation?: SimulationOptions;
}

export type ResolvedReconcilerOptions = Required<Omit<ReconcilerModuleOptions, 'simulation'>> & {
  simulation: Required<SimulationOptions>;
};

export const DEFAULT_RECONCILER_OPTIONS: ResolvedReconcilerOptions = {
  maxConcurrentReconciles: 4,
  backoffBaseMs: 1000,
  backoffMaxMs: 16_000,
  maxRetries: 5,
  queueQps: 10,
  queueBurst: 100,
  resyncPeriodSeconds: 600,
  progressRequeueMs: 10_000,
  simulation: DEFAULT_SIMULATION,
};

/** Applies defaults: an absent or undefined field takes its default; unknown fields are dropped. */
export function resolveReconcilerOptions(options: ReconcilerModuleOptions = {}): ResolvedReconcilerOptions {
  const pick = <T extends object>(defaults: T, given: object = {}): T =>
    Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, (given as Record<string, unknown>)[key] ?? value])) as T;
  return { ...pick(DEFAULT_RECONCILER_OPTIONS, options), simulation: pick(DEFAULT_SIMULATION, options.simulation) };
}
