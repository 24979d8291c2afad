import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HealthCheck, HealthCheckResult, HealthReport } from './health.types.js';

/**
 * Liveness and readiness as kube-apiserver reports them. Checks are registered by name at
 * composition time (a name registered twice replaces the first); readiness runs every liveness
 * check, then `startup`, its own checks and `shutdown` last, so it is false while the process
 * starts and from the moment shutdown begins. A check that throws or rejects fails.
 * Safe to call concurrently; nothing is cached between calls.
 */
@Injectable()
export class HealthService implements OnModuleDestroy {
  /** Event-loop delay (p99 over the window since the previous check) above which the process is not live. */
  static readonly MAX_LOOP_DELAY_MS = 5000;
  private readonly liveness = new Map<string, HealthCheck>();
  private readonly readiness = new Map<string, HealthCheck>();
  private readonly details = new Map<string, () => unknown>();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });
  private started = false;
  private shuttingDown = false;

  constructor() {
    this.loopDelay.enable();
    this.addLiveness('event-loop', () => this.eventLoopCheck());
  }

  addLiveness(name: string, check: HealthCheck): void {
    this.liveness.set(name, check);
  }

  /** A readiness-only check (readiness also runs every liveness check). */
  addReadiness(name: string, check: HealthCheck): void {
    this.readiness.set(name, check);
  }

  /** Extra facts the readiness body carries (e.g. `leader`); read on each `ready()`, never fail it. */
  addReadinessDetail(name: string, detail: () => unknown): void {
    this.details.set(name, detail);
  }

  /** The process serves: `startup` passes from now on. */
  markStarted(): void {
    this.started = true;
  }

  /** Shutdown began: `shutdown` fails from now on, so load balancers stop sending traffic. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** Names of the checks `/livez` (or `/readyz` when `readiness`) runs, in order. */
  names(readiness: boolean): string[] {
    return this.checksOf(readiness).map(([name]) => name);
  }

  /** Runs the liveness checks except those excluded by name. */
  live(exclude: Iterable<string> = []): Promise<HealthReport> {
    return run(this.checksOf(false), new Set(exclude));
  }

  /** Runs the readiness checks (liveness included) except those excluded by name. */
  async ready(exclude: Iterable<string> = []): Promise<HealthReport> {
    const report = await run(this.checksOf(true), new Set(exclude));
    return { ...report, details: Object.fromEntries([...this.details].map(([name, detail]) => [name, safely(detail)])) };
  }

  onModuleDestroy(): void {
    this.loopDelay.disable();
  }

  private checksOf(readiness: boolean): Array<[string, HealthCheck]> {
    if (!readiness) return [...this.liveness];
    const readinessOnly = [...this.readiness].filter(([name]) => !this.liveness.has(name));
    return [...this.liveness, ['startup', () => this.startupCheck()], ...readinessOnly, ['shutdown', () => this.shutdownCheck()]];
  }

  private startupCheck(): Omit<HealthCheckResult, 'name'> {
    return this.started ? { ok: true } : { ok: false, message: 'starting' };
  }

  private shutdownCheck(): Omit<HealthCheckResult, 'name'> {
    return this.shuttingDown ? { ok: false, message: 'shutting down' } : { ok: true };
  }

  private eventLoopCheck(): Omit<HealthCheckResult, 'name'> {
    const p99 = this.loopDelay.percentile(99) / 1e6;
    this.loopDelay.reset();
    if (p99 < HealthService.MAX_LOOP_DELAY_MS) return { ok: true };
    return { ok: false, message: `event loop delayed ${Math.round(p99)} ms (p99)` };
  }
}

async function run(checks: Array<[string, HealthCheck]>, exclude: Set<string>): Promise<HealthReport> {
  const results = await Promise.all(checks.map(([name, check]) => (exclude.has(name) ? { name, ok: true, excluded: true } : runOne(name, check))));
  const known = new Set(checks.map(([name]) => name));
  return {
    ok: results.every((result) => result.ok),
    checks: results,
    unknownExclusions: [...exclude].filter((name) => !known.has(name)),
  };
}

function safely(detail: () => unknown): unknown {
  try {
    return detail();
  } catch (error) {
    return { error: (error as Error)?.message ?? String(error) };
  }
}

async function runOne(name: string, check: HealthCheck): Promise<HealthCheckResult> {
  try {
    const { ok, message } = await check();
    return message === undefined ? { name, ok } : { name, ok, message };
  } catch (error) {
    return { name, ok: false, message: (error as Error)?.message ?? String(error) };
  }
}
