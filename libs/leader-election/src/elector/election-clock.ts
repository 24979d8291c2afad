/** A timer handle returned by `ElectionClock.setTimeout`. */
export type TimerHandle = unknown;

/**
 * Time as an elector sees it: a monotonic clock for every decision (expiry, renew deadline),
 * the wall clock only for the Lease's informational acquireTime/renewTime, and timers.
 */
export interface ElectionClock {
  /** Milliseconds that never go back and ignore wall-clock changes (keeps counting while the process is stopped). */
  monotonic(): number;
  now(): Date;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** performance.now() (CLOCK_MONOTONIC) and the process's timers. */
export const systemClock: ElectionClock = {
  monotonic: () => performance.now(),
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
