/** The resolved ClusterModuleOptions (defaults applied). */
export const CLUSTER_OPTIONS = Symbol('CLUSTER_OPTIONS');
/** The fieldManager of every write cluster mode makes (server-side apply and updates). */
export const DEFAULT_FIELD_MANAGER = 'application-operator';
/** Where the kubelet mounts a pod's service account token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Label on every object the KubernetesWorkloadDriver writes; its informers select on it. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Pod-template annotation carrying the hash of spec.config, so a config change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'cloudnative.elide.dev/config-hash';
/** Annotation carrying the hash of the last applied configuration (skips no-op applies). */
export const APPLIED_HASH_ANNOTATION = 'cloudnative.elide.dev/applied-hash';
