import { KubeObject } from '@app/api-machinery';
import { ResourceRef } from '@app/resources';

export const DEPLOYMENTS_RESOURCE: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments' };
export const CONFIGMAPS_RESOURCE: ResourceRef = { group: '', version: 'v1', resource: 'configmaps' };
/** The value of `app.kubernetes.io/managed-by` on what the KubernetesWorkloadDriver writes. */
export const MANAGED_BY_VALUE = 'application-operator';
/** The name of the Application's container in its Deployment's pod template. */
export const CONTAINER_NAME = 'app';

/** The parts of an apps/v1 Deployment the driver reads. */
export interface Deployment extends KubeObject {
  spec?: { replicas?: number; [field: string]: unknown };
  status?: DeploymentStatus;
}

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: DeploymentCondition[];
}
