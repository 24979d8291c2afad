import { KubeObject } from '@app/api-machinery';
import { GROUP } from '../authn/user.js';
import { preaggregate } from './cluster-role-aggregation.js';
import { PolicyRule, RBAC_GROUP, RBAC_VERSION, RoleObject } from './rbac.types.js';

/** kube's markers on the default policy: reconciled at every start while `autoupdate` is "true". */
export const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

const APPS = 'cloudnative.elide.dev';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

/** Paths every authenticated user may read; /watch and /events then show only what RBAC lets them list and watch. */
export const CONSOLE_PATHS = ['/', '/crd', '/crds', '/dashboard', '/dashboard/*', '/watch', '/events', '/leader'];

function clusterRole(name: string, rules: PolicyRule[], extra: { labels?: Record<string, string>; aggregateFrom?: string } = {}): RoleObject {
  const role: RoleObject = { apiVersion: `${RBAC_GROUP}/${RBAC_VERSION}`, kind: 'ClusterRole', metadata: meta(name, extra.labels), rules };
  if (extra.aggregateFrom) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [extra.aggregateFrom]: 'true' } }] };
  return role;
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

function meta(name: string, labels: Record<string, string> = {}) {
  return { name, labels: { ...BOOTSTRAP_LABEL, ...labels }, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } };
}

/** kube's aggregation labels of the user-facing roles: a ClusterRole labelled `...-to-view: "true"` adds its rules to `view`. */
export const AGGREGATE_TO = {
  admin: 'rbac.authorization.k8s.io/aggregate-to-admin',
  edit: 'rbac.authorization.k8s.io/aggregate-to-edit',
  view: 'rbac.authorization.k8s.io/aggregate-to-view',
} as const;

const viewRules: PolicyRule[] = [
  { apiGroups: [APPS], resources: ['applications', 'applications/status', 'applications/scale'], verbs: READ },
  { apiGroups: [''], resources: ['events', 'namespaces'], verbs: READ },
];
const editRules: PolicyRule[] = [{ apiGroups: [APPS], resources: ['applications', 'applications/scale'], verbs: WRITE }];
const adminRules: PolicyRule[] = [
  { apiGroups: [APPS], resources: ['applications/status'], verbs: ['patch', 'update'] },
  { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
];

/** The ClusterRoles of kube-apiserver's bootstrap policy that this server had under `-` names before (now removed at start). */
export const LEGACY_BOOTSTRAP_NAMES = ['system-discovery', 'system-basic-user', 'system-monitoring', 'system-auth-delegator'];

/**
 * The default policy, kube's bootstrap policy where it applies (same names): `cluster-admin` for
 * system:masters; `system:discovery` (discovery, health, version) and `system:basic-user` (self
 * reviews) for every authenticated user; `system:auth-delegator` (unbound) for servers that
 * delegate authentication and authorization here; `application-operator-console` (dashboard,
 * SSE, events, leader) for every authenticated user; `system:monitoring` (`/metrics`) for the
 * `system:monitoring` group; and the unbound user-facing roles `view`, `edit` and `admin`,
 * aggregated as in kube (`admin` ⊇ `edit` ⊇ `view`, each extended by any ClusterRole labelled
 * `rbac.authorization.k8s.io/aggregate-to-<role>: "true"`), their own rules coming from
 * `system:aggregate-to-view`, `-edit` and `-admin`. The aggregated roles' rules are computed
 * here already, so a fresh start serves them complete.
 */
export function bootstrapPolicy(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }]),
    clusterRoleBinding('cluster-admin', 'cluster-admin', GROUP.masters),
    clusterRole('system:discovery', [
      { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/openapi', '/openapi/*', '/version', '/version/'], verbs: ['get'] },
    ]),
    clusterRoleBinding('system:discovery', 'system:discovery', GROUP.authenticated),
    clusterRole('system:basic-user', [
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
    ]),
    clusterRoleBinding('system:basic-user', 'system:basic-user', GROUP.authenticated),
    clusterRole('application-operator-console', [{ nonResourceURLs: CONSOLE_PATHS, verbs: ['get'] }]),
    clusterRoleBinding('application-operator-console', 'application-operator-console', GROUP.authenticated),
    clusterRole('system:monitoring', [{ nonResourceURLs: ['/healthz', '/healthz/*', '/livez', '/livez/*', '/readyz', '/readyz/*', '/metrics'], verbs: ['get'] }]),
    clusterRoleBinding('system:monitoring', 'system:monitoring', 'system:monitoring'),
    // kube's system:auth-delegator, unbound: for a delegating server (a cluster-mode operator) to review tokens and access.
    clusterRole('system:auth-delegator', [
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]),
    ...preaggregate([
      clusterRole('system:aggregate-to-view', viewRules, { labels: { [AGGREGATE_TO.view]: 'true' } }),
      clusterRole('system:aggregate-to-edit', editRules, { labels: { [AGGREGATE_TO.edit]: 'true' } }),
      clusterRole('system:aggregate-to-admin', adminRules, { labels: { [AGGREGATE_TO.admin]: 'true' } }),
      clusterRole('view', [], { labels: { [AGGREGATE_TO.edit]: 'true' }, aggregateFrom: AGGREGATE_TO.view }),
      clusterRole('edit', [], { labels: { [AGGREGATE_TO.admin]: 'true' }, aggregateFrom: AGGREGATE_TO.edit }),
      clusterRole('admin', [], { aggregateFrom: AGGREGATE_TO.admin }),
    ]),
  ];
}
