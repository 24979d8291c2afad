import { mock } from 'node:test';
import type { EventInput, EventRecorder } from '@app/events';
import { ElectionClock } from '../elector/election-clock.js';
import { ElectionLogger } from '../elector/election-logger.js';
import { LeaderElector } from '../elector/leader-elector.js';
import { LeaderElectorOptions } from '../elector/leader-elector.options.js';
import { LeadershipMetrics } from '../leader-election.metrics.js';
import { ResourceLeaseLock } from '../lease/resource-lease-lock.js';
import { InMemoryLeaseClient, InMemoryLeaseStore } from './in-memory-leases.js';

export const LEASE_NAMESPACE = 'default';
export const LEASE_NAME = 'application-operator';

interface PendingTimer {
  callback: () => void;
  cancelled: boolean;
  handle?: ReturnType<typeof setTimeout>;
}

/**
 * Mocked time (node:test mock.timers drives setTimeout and Date) as one process sees it.
 * `pause()` is SIGSTOP: time keeps passing, but nothing of this process runs until `resume()`.
 */
export class TestClock implements ElectionClock {
  private paused = false;
  private readonly deferred: PendingTimer[] = [];

  monotonic(): number {
    return Date.now();
  }

  now(): Date {
    return new Date();
  }

  setTimeout(callback: () => void, ms: number): PendingTimer {
    const timer: PendingTimer = { callback, cancelled: false };
    timer.handle = setTimeout(() => {
      if (timer.cancelled) return;
      if (this.paused) this.deferred.push(timer);
      else callback();
    }, ms);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const timer = handle as PendingTimer;
    timer.cancelled = true;
    clearTimeout(timer.handle);
  }

  pause(): void {
    this.paused = true;
  }

  /** SIGCONT: timers that came due while stopped run now, in order. */
  resume(): void {
    this.paused = false;
    for (const timer of this.deferred.splice(0)) if (!timer.cancelled) timer.callback();
  }
}

export class CollectingLogger implements ElectionLogger {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(`log: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`);
  }
}

export class CollectingEvents implements EventRecorder {
  readonly records: EventInput[] = [];
  record(input: EventInput): void {
    this.records.push(input);
  }
  async flush(): Promise<void> {}
}

export class GaugeValues implements LeadershipMetrics {
  readonly values = new Map<string, number>();
  setLeading(leaseName: string, leading: boolean): void {
    this.values.set(leaseName, leading ? 1 : 0);
  }
}

/** One replica: an elector with its own clock view, store client, logs, events and metrics. */
export interface Replica {
  id: string;
  elector: LeaderElector;
  client: InMemoryLeaseClient;
  clock: TestClock;
  logger: CollectingLogger;
  events: CollectingEvents;
  metrics: GaugeValues;
  /** Every leading$ value with the (mocked) time it was emitted. */
  transitions: Array<[boolean, number]>;
}

export function replica(store: InMemoryLeaseStore, id: string, options: Partial<LeaderElectorOptions> = {}): Replica {
  const client = store.client(id);
  const clock = new TestClock();
  const logger = new CollectingLogger();
  const events = new CollectingEvents();
  const metrics = new GaugeValues();
  const timing = { leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 2 };
  const lock = new ResourceLeaseLock(client, LEASE_NAMESPACE, LEASE_NAME);
  const elector = new LeaderElector({ identity: id, ...timing, ...options }, lock, { clock, logger, events, metrics, random: () => 0.5 });
  const transitions: Array<[boolean, number]> = [];
  elector.leading$.subscribe((leading) => transitions.push([leading, Date.now()]));
  return { id, elector, client, clock, logger, events, metrics, transitions };
}

/** Lets every pending promise chain settle (setImmediate is not mocked). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Advances mocked time by `ms` in `step` slices, settling in between; `each` runs after every slice. */
export async function advance(ms: number, each?: () => void, step = 10): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    mock.timers.tick(Math.min(step, ms - done));
    await settle();
    each?.();
  }
}

/** Advances until `condition` holds (at most `limitMs`); returns the mocked time it took. */
export async function advanceUntil(condition: () => boolean, limitMs: number, step = 10): Promise<number> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start >= limitMs) throw new Error(`condition not met within ${limitMs}ms of mocked time`);
    mock.timers.tick(step);
    await settle();
  }
  return Date.now() - start;
}
