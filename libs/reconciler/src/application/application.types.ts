import { KubeObject } from '@app/api-machinery';

export type DeploymentStrategy = 'RollingUpdate' | 'Recreate';

/** `cloudnative.elide.dev/v1` ApplicationSpec (the fields the reconciler acts on). */
export interface ApplicationSpec {
  image: string;
  /** Defaults to 1 (schema default). */
  replicas?: number;
  /** Defaults to RollingUpdate (schema default). */
  strategy?: DeploymentStrategy;
  config?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * Coarse lifecycle phase, derived from the workload and written by the reconciler:
 * - `Pending`: accepted, but the workload is not (yet) available at the current generation:
 *   pods are starting, a rollout or scale is in progress, or a failure is being retried.
 * - `Running`: every desired replica (spec.replicas > 0) is ready and runs the current spec,
 *   and no old replica is left, at the generation in status.observedGeneration.
 * - `Failed`: the workload cannot converge: its failure (for example ImagePullBackOff) outlasted
 *   every retry. Retried on the object's next change or resync; it stays Failed while the same
 *   generation keeps failing, and leaves it as soon as the workload recovers.
 * - `Succeeded`: the Application was scaled to 0 replicas and every pod has stopped. An
 *   Application is a long-running service, so "completed" can only mean "stopped on request":
 *   we chose Succeeded for it (rather than Running with 0 replicas) so that `kubectl get` shows
 *   at a glance that nothing runs, and that this was reached successfully.
 */
export type ApplicationPhase = 'Pending' | 'Running' | 'Failed' | 'Succeeded';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** meta/v1 Condition. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  /** CamelCase, machine-readable. */
  reason: string;
  message: string;
  /** RFC 3339, changed only when `status` flips. */
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface ApplicationStatus {
  replicas: number;
  readyReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  phase: ApplicationPhase;
  observedGeneration: number;
  /** The pods' label selector in string form, read by the scale subresource (HPA). */
  selector: string;
  message: string;
  conditions: Condition[];
}

export interface Application extends KubeObject {
  spec: ApplicationSpec;
  status?: Partial<ApplicationStatus>;
}

/** cloudnative.elide.dev/v1 applications: the resource the Application reconciler serves. */
export const APPLICATION_RESOURCE = { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' } as const;
export const APPLICATION_KIND = 'Application';
/** Held on every Application until its workload has been cleaned up. */
export const APPLICATION_FINALIZER = 'cloudnative.elide.dev/finalizer';
/** The label key the workload's pods carry; `status.selector` is `<key>=<name>`. */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

export function desiredReplicas(app: Application): number {
  const replicas = app.spec?.replicas;
  return typeof replicas === 'number' && replicas >= 0 ? replicas : 1;
}
