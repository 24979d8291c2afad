/** Audit log settings (kube-apiserver's --audit-log-* flags). */
export interface AuditOptions {
  /** A file path, or `-` for standard output. */
  path: string;
  level: 'None' | 'Metadata' | 'Request';
  /** Rotate when the file would exceed this many bytes; 0: never rotate. */
  maxSizeBytes: number;
  /** Rotated files kept (`audit.log.1` newest); 0 keeps none. */
  maxBackups: number;
}

/** How long delegated answers are reused, in milliseconds (cluster mode). */
export interface DelegationCacheTtls {
  /** TokenReview answers: valid tokens / invalid tokens. Default 60 000 each (controller-runtime's). */
  tokenReviewCacheTtls?: { authenticatedMs: number; unauthenticatedMs: number };
  /** SubjectAccessReview answers: allowed / denied. Default 300 000 / 30 000 (kube's webhook authorizer). */
  accessReviewCacheTtls?: { allowedMs: number; deniedMs: number };
}

/**
 * Options of AccessControlModule (standalone: tokens and RBAC served here) and
 * DelegatedAccessControlModule (cluster mode: tokens, then TokenReview; SubjectAccessReview):
 * authentication, authorization, overload limits and audit.
 */
export interface AccessControlModuleOptions extends DelegationCacheTtls {
  /** `token`: bearer tokens and RBAC; `none`: every request is served, unauthenticated. */
  mode: 'token' | 'none';
  /** Static token files (kube-apiserver's CSV format), reloaded when they change. */
  tokenFiles?: string[];
  /** When set, an admin token (and a kubeconfig, see writeBootstrapKubeconfig) is kept in this directory. */
  bootstrapDataDir?: string;
  /** How often token files are checked for changes; default 2000 ms. */
  tokenReloadIntervalMs?: number;
  /** A YAML file of RBAC objects applied at start. */
  rbacFile?: string;
  /** Anonymous requests to /metrics are allowed. */
  metricsAnonymous?: boolean;
  /** In-flight caps on non-long-running requests; 0 disables a cap. */
  maxRequestsInFlight: number;
  maxMutatingRequestsInFlight: number;
  requestTimeoutSeconds: number;
  audit?: AuditOptions;
}
