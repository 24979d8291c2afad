import { EventRecorder, EventSeverity, EventType } from '@app/events';
import { errorMessage } from '../queue/rate-limiting-queue.js';
import { Application, APPLICATION_FINALIZER, ApplicationStatus, desiredReplicas } from './application.types.js';

/**
 * The events the Application reconciler records, one method per outcome. Recording never
 * throws (EventRecorder's contract); repeats are folded by the recorder's aggregation.
 */
export class ApplicationEvents {
  constructor(private readonly recorder: EventRecorder) {}

  /** After a status write: Created / Updated / ScalingReplicaSet / Reconciled, as they apply. */
  statusWritten(app: Application, status: ApplicationStatus): void {
    const observed = app.status?.observedGeneration;
    const desired = desiredReplicas(app);
    const previousReplicas = app.status?.replicas ?? 0;
    const generation = app.metadata?.generation ?? 0;
    if (observed === undefined) this.normal(app, 'Created', `Accepted: ${describeSpec(app)}`);
    else if (generation > observed) this.normal(app, 'Updated', `Spec changed (generation ${generation}): ${describeSpec(app)}`);
    if ((observed === undefined || generation > observed) && desired !== previousReplicas) {
      this.normal(app, 'ScalingReplicaSet', `Scaling ${desired > previousReplicas ? 'up' : 'down'} from ${previousReplicas} to ${desired} replicas`);
    }
    if (status.phase !== app.status?.phase && status.phase === 'Running') this.normal(app, 'Reconciled', `Running: ${status.message}`);
    if (status.phase !== app.status?.phase && status.phase === 'Succeeded') this.normal(app, 'Reconciled', `Succeeded: ${status.message}`);
  }

  /** A failed reconcile that will be retried. */
  reconcileError(app: Application, error: unknown): void {
    this.emit(app, 'Warning', 'ReconcileError', errorMessage(error), 'Warning');
  }

  /** Retries exhausted (or a terminal error): the Application is now Failed. */
  reconcileFailed(app: Application, error: unknown, retries: number | undefined): void {
    const why = retries === undefined ? 'Not retrying' : `Giving up after ${retries} retries`;
    this.emit(app, 'Warning', 'ReconcileFailed', `${why}: ${errorMessage(error)}`, 'Error');
  }

  cleanupComplete(app: Application): void {
    this.normal(app, 'CleanupComplete', 'Workload removed');
  }

  deleted(app: Application): void {
    this.normal(app, 'Deleted', `Finalizer ${APPLICATION_FINALIZER} removed; the Application is deleted`);
  }

  private normal(app: Application, reason: string, message: string): void {
    this.emit(app, 'Normal', reason, message, 'Info');
  }

  private emit(app: Application, type: EventType, reason: string, message: string, severity: EventSeverity): void {
    this.recorder.record({ regarding: app, type, reason, message, severity });
  }
}

function describeSpec(app: Application): string {
  return `image ${app.spec?.image}, ${desiredReplicas(app)} replicas, strategy ${app.spec?.strategy ?? 'RollingUpdate'}`;
}
