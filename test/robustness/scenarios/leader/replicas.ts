import { ScenarioContext } from '../../scenario.js';
import { Api } from '../../support/api.js';
import { ServerProcess } from '../../support/server.js';
import { until } from '../../support/time.js';
import { PauseWindow, ReconcileLog } from './reconcile-log.js';

/** Short lease timings (LEASE_DURATION > RENEW_DEADLINE > RETRY_PERIOD, integer seconds). */
export const LEASE = { LEASE_DURATION_SECONDS: '3', RENEW_DEADLINE_SECONDS: '2', RETRY_PERIOD_SECONDS: '1' };

/** One operator process of the replica set, under its own identity (POD_NAME). */
export interface Replica {
  identity: string;
  server: ServerProcess;
  api: Api;
}

/**
 * Replicas sharing one data directory with leader election on, every reconcile logged
 * (LOG_LEVEL=debug) into one ReconcileLog, pauses and deaths recorded for the overlap analysis.
 */
export class ReplicaSet {
  readonly replicas: Replica[] = [];
  readonly log = new ReconcileLog();
  readonly pauses: PauseWindow[] = [];
  private generation = 0;

  constructor(
    private readonly ctx: ScenarioContext,
    private readonly env: Record<string, string>,
  ) {}

  /** Spawns `count` replicas in the same tick (all start at the same instant) and waits until each serves. */
  async startTogether(count: number): Promise<Replica[]> {
    const started = Array.from({ length: count }, () => this.spawn());
    await Promise.all(started.map((s) => s.serving));
    return started.map((s) => s.replica);
  }

  /** A new replica (new identity) on the same data directory. */
  async add(): Promise<Replica> {
    const { replica, serving } = this.spawn();
    await serving;
    return replica;
  }

  live(): Replica[] {
    return this.replicas.filter((r) => r.server.alive);
  }

  /** The replica that says it leads, polled every 100 ms among the running, unpaused ones. */
  leader(timeoutMs = 20_000, exclude?: Replica): Promise<Replica> {
    return until('a leader', async () => {
      for (const replica of this.live()) {
        if (replica === exclude || this.isPaused(replica)) continue;
        const res = await replica.api.get('/leader');
        if (res.status === 200 && res.body.isLeader) return replica;
      }
      return undefined;
    }, timeoutMs);
  }

  pause(replica: Replica): () => void {
    const from = Date.now();
    replica.server.signal('SIGSTOP');
    const window = { identity: replica.identity, from, to: Number.POSITIVE_INFINITY };
    this.pauses.push(window);
    return () => {
      replica.server.signal('SIGCONT');
      window.to = Date.now();
    };
  }

  async kill(replica: Replica): Promise<void> {
    await replica.server.kill('SIGKILL');
    this.log.died(replica.identity, Date.now());
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.replicas.map(async (r) => {
      await r.server.stop();
      this.log.died(r.identity, Date.now());
    }));
  }

  private isPaused(replica: Replica): boolean {
    return this.pauses.some((p) => p.identity === replica.identity && p.to === Number.POSITIVE_INFINITY);
  }

  private spawn(): { replica: Replica; serving: Promise<void> } {
    const identity = `replica-${this.generation++}`;
    const server = this.ctx.server(identity, { ...this.env, POD_NAME: identity });
    server.onLine((line) => this.log.line(line));
    const serving = server.spawn();
    const replica: Replica = { identity, server, api: new Api('', 5000) };
    void serving.then(() => (replica.api.baseUrl = server.url), () => undefined);
    this.replicas.push(replica);
    return { replica, serving };
  }
}
