import { WorkloadFailure, WorkloadStatus } from '@app/reconciler';
import { Deployment, DeploymentCondition } from './workload.resources.js';

/**
 * What an Application's status mirrors from its Deployment, judged as `kubectl rollout status`
 * does: progressing until the deployment controller has observed the current generation and
 * every desired replica is updated and available with no old replica left. A failure is the
 * Deployment's own: `Progressing=False` with `ProgressDeadlineExceeded`, or `ReplicaFailure=True`
 * (pods cannot be created: quota, admission). Pure.
 */
export function workloadStatusOf(deployment: Deployment): WorkloadStatus {
  const status = deployment.status ?? {};
  const desired = deployment.spec?.replicas ?? 1;
  const replicas = status.replicas ?? 0;
  const updatedReplicas = status.updatedReplicas ?? 0;
  const availableReplicas = status.availableReplicas ?? 0;
  const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0);
  const progressing = !observed || updatedReplicas < desired || replicas > updatedReplicas || availableReplicas < updatedReplicas;
  const failure = failureOf(status.conditions ?? []);
  return { replicas, readyReplicas: status.readyReplicas ?? 0, updatedReplicas, availableReplicas, progressing, ...(failure ? { failure } : {}) };
}

function failureOf(conditions: DeploymentCondition[]): WorkloadFailure | undefined {
  const find = (type: string) => conditions.find((condition) => condition.type === type);
  const progressing = find('Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return { reason: 'ProgressDeadlineExceeded', message: progressing.message ?? 'the Deployment exceeded its progress deadline' };
  }
  const replicaFailure = find('ReplicaFailure');
  if (replicaFailure?.status === 'True') return { reason: replicaFailure.reason || 'ReplicaFailure', message: replicaFailure.message ?? 'pods could not be created' };
  return undefined;
}
