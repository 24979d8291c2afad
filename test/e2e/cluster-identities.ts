/** The users, service accounts and bindings of the cluster-mode end-to-end test's "cluster". */

/**
 * The identities the "cluster" knows (its TOKEN_AUTH_FILE, as a real cluster knows its service
 * accounts and users): the operator's service account, Prometheus' (bound by
 * components/monitoring), `ops` (console, viewer and metrics reader everywhere), `viewer`
 * (the console, and Applications and Events in one namespace) and `outsider` (no binding).
 */
export const TOKEN = { operator: 'sa-operator-token', prometheus: 'sa-prometheus-token', ops: 'ops-token', viewer: 'viewer-token', outsider: 'outsider-token' };
export const clusterTokens = (operatorNamespace: string) => [
  `${TOKEN.operator},system:serviceaccount:${operatorNamespace}:application-operator,uid-sa-operator,"system:serviceaccounts,system:serviceaccounts:${operatorNamespace}"`,
  `${TOKEN.prometheus},system:serviceaccount:monitoring:prometheus-k8s,uid-sa-prometheus,"system:serviceaccounts,system:serviceaccounts:monitoring"`,
  `${TOKEN.ops},ops,uid-ops`,
  `${TOKEN.viewer},viewer,uid-viewer`,
  `${TOKEN.outsider},outsider,uid-outsider`,
];

/** A token only replica op-a knows (its own TOKEN_AUTH_FILE): a local administrator. */
export const LOCAL_ADMIN_TOKEN = 'local-admin-token';

/** How users reach the operator's endpoints: bindings to the ClusterRoles deploy/kubernetes ships (the viewer's in `namespace`). */
export const userBindings = (namespace: string) => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: application-operator-viewer}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: application-operator-metrics-reader}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: ops}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: console}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: application-operator-console}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: ops}, {kind: User, apiGroup: rbac.authorization.k8s.io, name: viewer}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: ${namespace}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: application-operator-viewer}
subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: viewer}]
`;

/** The `Authorization` header for `token`. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
