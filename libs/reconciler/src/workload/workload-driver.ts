import { Observable } from 'rxjs';
import { Application } from '../application/application.types.js';

/** Why a workload cannot converge, in the workload's own words (a pod waiting reason). */
export interface WorkloadFailure {
  /** CamelCase, e.g. `ImagePullBackOff`, `ErrImagePull`. */
  reason: string;
  message: string;
}

/** The observed state of an Application's workload (a Deployment's status, in cluster terms). */
export interface WorkloadStatus {
  /** Pods that exist, old and new. */
  replicas: number;
  readyReplicas: number;
  /** Pods running the current spec. */
  updatedReplicas: number;
  availableReplicas: number;
  /** A rollout or scale is still in progress. */
  progressing: boolean;
  /** Present when the workload reports it cannot converge. */
  failure?: WorkloadFailure;
}

/** Identifies the Application whose workload changed. */
export interface WorkloadRef {
  namespace: string;
  name: string;
}

/**
 * The seam between the Application reconciler and whatever runs the application: the default
 * SimulatedWorkloadDriver, or (in cluster mode) a driver that owns a real apps/v1 Deployment.
 * Inject by this abstract class.
 */
export abstract class WorkloadDriver {
  /**
   * Drives the workload toward the Application's spec (image, config, replicas, strategy) and
   * returns what it observes now. Idempotent: calling it again with the same spec changes nothing.
   */
  abstract sync(app: Application): Promise<WorkloadStatus>;
  /** Deletes the workload. Idempotent: removing what is already gone succeeds. */
  abstract remove(namespace: string, name: string): Promise<void>;
  /** Emits when a workload changed on its own (a pod became ready, a pull failed): reconcile its owner. */
  abstract readonly changes$: Observable<WorkloadRef>;
}
