import { SchedulerRegistry } from '@nestjs/schedule';
import { Controller } from '../controller/controller.js';
import { ControllerMetrics, ReconcileOutcome } from '../controller/controller.types.js';
import { ReconcileRequest, ReconcileResult, Reconciler } from '../controller/reconciler.interface.js';
import { defaultControllerRateLimiter, RateLimiter } from '../queue/rate-limiter.js';
import { RateLimitingQueue } from '../queue/rate-limiting-queue.js';
import { TestLeadership } from './test-leadership.js';

export type Behaviour = (request: ReconcileRequest, attempt: number) => Promise<ReconcileResult>;

/** A Reconciler whose behaviour a spec scripts; records when each key was reconciled. */
export class ScriptedReconciler implements Reconciler {
  readonly calls: Array<{ key: string; at: number }> = [];
  readonly exhausted: Array<{ key: string; error: unknown }> = [];
  running = 0;
  maxRunning = 0;
  constructor(public behaviour: Behaviour) {}
  async reconcile(request: ReconcileRequest): Promise<ReconcileResult> {
    const key = `${request.namespace}/${request.name}`;
    this.calls.push({ key, at: Date.now() });
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      return await this.behaviour(request, this.calls.filter((call) => call.key === key).length);
    } finally {
      this.running--;
    }
  }
  async onRetriesExhausted(request: ReconcileRequest, error: unknown): Promise<void> {
    this.exhausted.push({ key: `${request.namespace}/${request.name}`, error });
  }
  times(key: string): number[] {
    return this.calls.filter((call) => call.key === key).map((call) => call.at);
  }
}

export interface ControllerSetup {
  behaviour?: Behaviour;
  maxRetries?: number;
  workers?: number;
  leading?: boolean;
  rateLimiter?: RateLimiter;
}

export interface ControllerFixture {
  controller: Controller;
  registry: SchedulerRegistry;
  leadership: TestLeadership;
  reconciler: ScriptedReconciler;
  outcomes: ReconcileOutcome[];
}

/** A Controller over a scripted reconciler, the seed's backoff (1 s .. 16 s) and a hand-driven leadership. */
export function controllerFixture({ behaviour = async () => ({}), maxRetries = 5, workers = 4, leading = true, rateLimiter }: ControllerSetup = {}): ControllerFixture {
  const registry = new SchedulerRegistry();
  const limiter = rateLimiter ?? defaultControllerRateLimiter({ backoffBaseMs: 1000, backoffMaxMs: 16_000, qps: 10, burst: 100 });
  const queue = new RateLimitingQueue({ rateLimiter: limiter, scheduler: registry });
  const leadership = new TestLeadership(leading);
  const reconciler = new ScriptedReconciler(behaviour);
  const outcomes: ReconcileOutcome[] = [];
  const metrics: ControllerMetrics = { reconciled: (outcome) => outcomes.push(outcome), activeWorkers() {}, maxConcurrentReconciles() {}, inFlight() {} };
  const controller = new Controller(reconciler, queue, leadership, { name: 'test', maxConcurrentReconciles: workers, maxRetries }, metrics);
  return { controller, registry, leadership, reconciler, outcomes };
}
