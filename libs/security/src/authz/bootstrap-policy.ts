import { KubeObject } from '@app/api-machinery';
import { GROUP } from '../authn/user.js';
import { PolicyRule, RBAC_GROUP, RBAC_VERSION } from './rbac.types.js';

/** kube's markers on the default policy: reconciled at every start while `autoupdate` is "true". */
export const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

const APPS = 'cloudnative.elide.dev';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

/** Paths every authenticated user may read; /watch and /events then show only what RBAC lets them list and watch. */
export const CONSOLE_PATHS = ['/', '/crd', '/crds', '/dashboard', '/dashboard/*', '/watch', '/events', '/leader'];

function clusterRole(name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: `${RBAC_GROUP}/${RBAC_VERSION}`, kind: 'ClusterRole', metadata: meta(name), rules };
}

function clusterRoleBinding(name: string, role: string, group: string): KubeObject {
  return {
    apiVersion: `${RBAC_GROUP}/${RBAC_VERSION}`,
    kind: 'ClusterRoleBinding',
    metadata: meta(name),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: RBAC_GROUP, kind: 'Group', name: group }],
  };
}

function meta(name: string) {
  return { name, labels: { ...BOOTSTRAP_LABEL }, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } };
}

const viewRules: PolicyRule[] = [
  { apiGroups: [APPS], resources: ['applications', 'applications/status', 'applications/scale'], verbs: READ },
  { apiGroups: [''], resources: ['events', 'namespaces'], verbs: READ },
];
const editRules: PolicyRule[] = [...viewRules, { apiGroups: [APPS], resources: ['applications', 'applications/scale'], verbs: WRITE }];
const adminRules: PolicyRule[] = [
  ...editRules,
  { apiGroups: [APPS], resources: ['applications/status'], verbs: ['patch', 'update'] },
  { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
];

/**
 * The default policy, in the spirit of kube's bootstrap policy (names use `-` where kube's use
 * `:`, since object names here must be DNS subdomains): `cluster-admin` for
 * system:masters; discovery, health, version and self-reviews for every authenticated user;
 * the console paths (dashboard, SSE, events, leader) for every authenticated user; `/metrics`
 * for the `system:monitoring` group; and the unbound user-facing roles `view`, `edit` and
 * `admin` (namespace-scoped when granted by a RoleBinding) for least-privilege bindings.
 */
export function bootstrapPolicy(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]),
    clusterRoleBinding('cluster-admin', 'cluster-admin', GROUP.masters),
    clusterRole('system-discovery', [
      { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/openapi', '/openapi/*', '/version', '/version/'], verbs: ['get'] },
    ]),
    clusterRoleBinding('system-discovery', 'system-discovery', GROUP.authenticated),
    clusterRole('system-basic-user', [{ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] }]),
    clusterRoleBinding('system-basic-user', 'system-basic-user', GROUP.authenticated),
    clusterRole('application-operator-console', [{ nonResourceURLs: CONSOLE_PATHS, verbs: ['get'] }]),
    clusterRoleBinding('application-operator-console', 'application-operator-console', GROUP.authenticated),
    clusterRole('system-monitoring', [{ nonResourceURLs: ['/healthz', '/healthz/*', '/livez', '/livez/*', '/readyz', '/readyz/*', '/metrics'], verbs: ['get'] }]),
    clusterRoleBinding('system-monitoring', 'system-monitoring', 'system:monitoring'),
    clusterRole('view', viewRules),
    clusterRole('edit', editRules),
    clusterRole('admin', adminRules),
  ];
}
