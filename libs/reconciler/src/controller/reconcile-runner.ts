import { Logger } from '@nestjs/common';
import { errorMessage, RateLimitingQueue } from '../queue/rate-limiting-queue.js';
import { ControllerMetrics, ControllerOptions, ReconcileOutcome } from './controller.types.js';
import { NotLeaderError, TerminalError } from './errors.js';
import { ReconcileRequest, ReconcileResult, Reconciler } from './reconciler.interface.js';
import { parseRequestKey } from './request-key.js';

/**
 * Runs one reconcile of one key and turns its outcome into queue actions, as controller-runtime's
 * reconcileHandler: success forgets the key's backoff; `requeueAfterMs` forgets it and schedules
 * the next run; `requeue` and errors go through the rate limiter until `maxRetries`, then the
 * reconciler's onRetriesExhausted hook runs and the key is forgotten; a TerminalError gives up
 * at once. Never throws. The caller holds the key (get/done).
 */
export class ReconcileRunner {
  private active = 0;

  constructor(
    private readonly reconciler: Reconciler,
    private readonly queue: RateLimitingQueue,
    private readonly options: ControllerOptions,
    private readonly logger: Logger,
    private readonly metrics?: ControllerMetrics,
  ) {}

  /** Reconciles `key`; resolves `fenced` when the reconciler found this replica is no longer the leader. */
  async run(key: string): Promise<'fenced' | undefined> {
    const request = parseRequestKey(key);
    const started = Date.now();
    this.setActive(1);
    try {
      const result = await this.reconciler.reconcile(request);
      this.record(this.onResult(key, result), started);
    } catch (error) {
      if (error instanceof NotLeaderError) return 'fenced';
      this.record(await this.onError(key, request, error), started);
    } finally {
      this.setActive(-1);
    }
    return undefined;
  }

  private onResult(key: string, result: ReconcileResult): ReconcileOutcome {
    if (result.requeueAfterMs !== undefined && result.requeueAfterMs > 0) {
      this.queue.forget(key);
      this.queue.addAfter(key, result.requeueAfterMs);
      return 'requeue_after';
    }
    if (result.requeue) {
      this.queue.addRateLimited(key);
      return 'requeue';
    }
    this.queue.forget(key);
    return 'success';
  }

  private async onError(key: string, request: ReconcileRequest, error: unknown): Promise<ReconcileOutcome> {
    if (error instanceof TerminalError) {
      this.logger.warn(`${key}: terminal error, not retrying: ${error.message}`);
      this.queue.forget(key);
      await this.giveUp(key, request, error);
      return 'terminal';
    }
    const retries = this.queue.numRequeues(key);
    if (retries >= this.options.maxRetries) {
      this.logger.warn(`${key}: giving up after ${retries} retries: ${errorMessage(error)}`);
      this.queue.forget(key);
      await this.giveUp(key, request, error);
      return 'error';
    }
    this.queue.addRateLimited(key, error);
    this.logger.warn(`${key}: reconcile failed (retry ${retries + 1}/${this.options.maxRetries}): ${errorMessage(error)}`);
    return 'error';
  }

  private async giveUp(key: string, request: ReconcileRequest, error: unknown): Promise<void> {
    try {
      await this.reconciler.onRetriesExhausted?.(request, error);
    } catch (hookError) {
      if (hookError instanceof NotLeaderError) return;
      this.logger.error(`${key}: onRetriesExhausted failed: ${errorMessage(hookError)}`);
    }
  }

  private record(outcome: ReconcileOutcome, started: number): void {
    this.metrics?.reconciled(outcome, (Date.now() - started) / 1000);
  }

  private setActive(delta: number): void {
    this.active += delta;
    this.metrics?.activeWorkers(this.active);
  }
}
