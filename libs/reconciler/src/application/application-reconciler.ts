import { Inject, Injectable } from '@nestjs/common';
import { StatusError } from '@app/api-machinery';
import { EventRecorder } from '@app/events';
import { Leadership } from '@app/leader-election';
import { ResourceClient } from '@app/resources';
import { ApplicationCache } from '../cache/application-cache.js';
import { Informer } from '../cache/informer.js';
import { NotLeaderError, TerminalError } from '../controller/errors.js';
import { ReconcileRequest, ReconcileResult, Reconciler } from '../controller/reconciler.interface.js';
import { errorMessage } from '../queue/rate-limiting-queue.js';
import { APPLICATION_CLIENT, RECONCILER_OPTIONS } from '../reconciler.constants.js';
import { WorkloadDriver, WorkloadFailure } from '../workload/workload-driver.js';
import { ApplicationEvents } from './application-events.js';
import { computeStatus, statusEquals } from './application-status.js';
import { Application, APPLICATION_FINALIZER, ApplicationStatus } from './application.types.js';

/** The workload reports it cannot converge: retried with backoff, then the Application is Failed. */
export class WorkloadFailedError extends Error {
  constructor(readonly failure: WorkloadFailure) {
    super(`${failure.reason}: ${failure.message}`);
    this.name = 'WorkloadFailedError';
  }
}

export interface ApplicationReconcilerOptions {
  maxRetries: number;
  progressRequeueMs: number;
}

/**
 * Reconciles cloudnative.elide.dev/v1 Applications, level-based: reads only the cache. Adds the
 * finalizer on first sight; drives the workload toward the spec; writes status through the
 * status subresource with compare-and-swap, only when it changed; on deletion removes the
 * workload (idempotent), then the finalizer. A conflict re-queues quietly (the cache was
 * behind); a workload failure is thrown, so the queue backs off until retries are exhausted and
 * onRetriesExhausted marks the Application Failed. `isLeader()` is checked before every write.
 */
@Injectable()
export class ApplicationReconciler implements Reconciler {
  private readonly events: ApplicationEvents;

  constructor(
    @Inject(ApplicationCache) private readonly cache: Informer<Application>,
    @Inject(APPLICATION_CLIENT) private readonly client: ResourceClient<Application>,
    private readonly driver: WorkloadDriver,
    recorder: EventRecorder,
    private readonly leadership: Leadership,
    @Inject(RECONCILER_OPTIONS) private readonly options: ApplicationReconcilerOptions,
  ) {
    this.events = new ApplicationEvents(recorder);
  }

  async reconcile({ namespace, name }: ReconcileRequest): Promise<ReconcileResult> {
    const app = this.cache.get(namespace, name);
    if (!app) {
      await this.driver.remove(namespace, name);
      return {};
    }
    try {
      return app.metadata?.deletionTimestamp ? await this.finalize(app) : await this.converge(app);
    } catch (error) {
      if (statusCode(error) === 409) return { requeue: true };
      if (statusCode(error) === 404) return {};
      if (!(error instanceof NotLeaderError)) this.events.reconcileError(app, error);
      throw error;
    }
  }

  /** Marks the Application Failed (Degraded=True) and records a Warning event with the last error. */
  async onRetriesExhausted({ namespace, name }: ReconcileRequest, error: unknown): Promise<void> {
    let app = this.cache.get(namespace, name);
    if (!app || app.metadata?.deletionTimestamp) return;
    const fallbackFailure = error instanceof WorkloadFailedError ? error.failure : { reason: 'ReconcileError', message: errorMessage(error) };
    for (let attempt = 1; ; attempt++) {
      try {
        const workload = await this.driver.sync(app);
        const status = computeStatus({ app, workload, now: Date.now(), exhausted: true, fallbackFailure });
        if (!statusEquals(app.status, status)) await this.writeStatus(app, status);
        break;
      } catch (writeError) {
        if (statusCode(writeError) !== 409 || attempt >= 3) throw writeError;
        app = await this.client.get(namespace, name);
      }
    }
    this.events.reconcileFailed(app, error, error instanceof TerminalError ? undefined : this.options.maxRetries);
  }

  private async converge(found: Application): Promise<ReconcileResult> {
    const app = await this.ensureFinalizer(found);
    const workload = await this.driver.sync(app);
    const status = computeStatus({ app, workload, now: Date.now() });
    if (!statusEquals(app.status, status)) {
      await this.writeStatus(app, status);
      this.events.statusWritten(app, status);
    }
    if (workload.failure) throw new WorkloadFailedError(workload.failure);
    const converged = status.phase === 'Running' || status.phase === 'Succeeded';
    return converged ? {} : { requeueAfterMs: this.options.progressRequeueMs };
  }

  private async finalize(app: Application): Promise<ReconcileResult> {
    const { namespace, name } = app.metadata ?? {};
    await this.driver.remove(namespace ?? '', name ?? '');
    if (!app.metadata?.finalizers?.includes(APPLICATION_FINALIZER)) return {};
    this.events.cleanupComplete(app);
    const finalizers = app.metadata.finalizers.filter((finalizer) => finalizer !== APPLICATION_FINALIZER);
    this.assertLeader();
    await this.client.update(namespace, { ...app, metadata: { ...app.metadata, finalizers } });
    this.events.deleted(app);
    return {};
  }

  /** Adds the finalizer (compare-and-swap on resourceVersion) and returns the object as written. */
  private async ensureFinalizer(app: Application): Promise<Application> {
    const finalizers = app.metadata?.finalizers ?? [];
    if (finalizers.includes(APPLICATION_FINALIZER)) return app;
    this.assertLeader();
    const { object } = await this.client.update(app.metadata?.namespace, { ...app, metadata: { ...app.metadata, finalizers: [...finalizers, APPLICATION_FINALIZER] } });
    this.cache.assume(object);
    return object;
  }

  private async writeStatus(app: Application, status: ApplicationStatus): Promise<void> {
    this.assertLeader();
    const { object } = await this.client.updateStatus(app.metadata?.namespace, { ...app, status });
    this.cache.assume(object);
  }

  private assertLeader(): void {
    if (!this.leadership.isLeader()) throw new NotLeaderError();
  }
}

function statusCode(error: unknown): number | undefined {
  return error instanceof StatusError ? error.code : undefined;
}
