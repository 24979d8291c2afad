import type { KubeObject } from '@app/api-machinery';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const RBAC_VERSION = 'v1';

/** rbac.authorization.k8s.io/v1 PolicyRule. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole' | string;
  name: string;
}

/** Role or ClusterRole. */
export interface RoleObject extends KubeObject {
  rules?: PolicyRule[];
}

/** RoleBinding or ClusterRoleBinding. */
export interface BindingObject extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}

/** The four RBAC resources, by plural. */
export const RBAC_RESOURCES = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'] as const;
export type RbacResource = (typeof RBAC_RESOURCES)[number];
