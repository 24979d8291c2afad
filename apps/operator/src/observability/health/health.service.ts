import { Injectable } from '@nestjs/common';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface HealthCheckResult {
  name: string;
  ok: boolean;
  message?: string;
}

export type HealthCheck = () => HealthCheckResult | Promise<HealthCheckResult>;

/**
 * Liveness and readiness as kube-apiserver reports them. Checks are registered by name at
 * composition time; readiness is also false while the process starts and shuts down.
 */
@Injectable()
export class HealthService {
  private readonly liveness = new Map<string, HealthCheck>();
  private readonly readiness = new Map<string, HealthCheck>();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });
  private shuttingDown = false;
  private started = false;
  /** Event-loop delay (p99 over the last window) above which the process is not live. */
  static readonly MAX_LOOP_DELAY_MS = 5000;

  constructor() {
    this.loopDelay.enable();
    this.addLiveness('event-loop', () => this.eventLoopCheck());
    this.addReadiness('startup', () => ({ name: 'startup', ok: this.started, message: this.started ? undefined : 'starting' }));
    this.addReadiness('shutdown', () => ({ name: 'shutdown', ok: !this.shuttingDown, message: this.shuttingDown ? 'shutting down' : undefined }));
  }

  addLiveness(name: string, check: HealthCheck): void {
    this.liveness.set(name, check);
  }

  /** Readiness includes every liveness check too. */
  addReadiness(name: string, check: HealthCheck): void {
    this.readiness.set(name, check);
  }

  markStarted(): void {
    this.started = true;
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  live(): Promise<HealthCheckResult[]> {
    return run(this.liveness);
  }

  async ready(): Promise<HealthCheckResult[]> {
    return [...(await run(this.liveness)), ...(await run(this.readiness))];
  }

  private eventLoopCheck(): HealthCheckResult {
    const p99 = this.loopDelay.percentile(99) / 1e6;
    this.loopDelay.reset();
    const ok = p99 < HealthService.MAX_LOOP_DELAY_MS;
    return { name: 'event-loop', ok, message: ok ? undefined : `event loop delayed ${Math.round(p99)} ms` };
  }
}

async function run(checks: Map<string, HealthCheck>): Promise<HealthCheckResult[]> {
  return Promise.all(
    [...checks].map(async ([name, check]) => {
      try {
        return { ...(await check()), name };
      } catch (error) {
        return { name, ok: false, message: (error as Error).message };
      }
    }),
  );
}
