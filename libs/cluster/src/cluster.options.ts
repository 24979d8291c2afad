import { CustomResourceDefinition } from '@app/crd';
import { DEFAULT_FIELD_MANAGER, SERVICE_ACCOUNT_DIR } from './cluster.constants.js';

/** Where the kube-apiserver is when running in a pod (the kubelet's KUBERNETES_SERVICE_HOST/PORT). */
export interface InClusterServer {
  host: string;
  port: string;
}

/** Options of ClusterModule.forRoot; the app fills them from libs/config (MODE=cluster). */
export interface ClusterModuleOptions {
  /**
   * A kubeconfig file (KUBECONFIG). When set it wins over the in-cluster service account, as in
   * client-go's and controller-runtime's loading rules (an explicit choice beats the environment).
   */
  kubeconfig?: string;
  /** The in-cluster API server; used with the service account in `serviceAccountDir` when no kubeconfig is given. */
  inCluster?: InClusterServer;
  /** Default /var/run/secrets/kubernetes.io/serviceaccount. */
  serviceAccountDir?: string;
  /** fieldManager of every write. Default `application-operator`. */
  fieldManager?: string;
  /** Apply the CRD with server-side apply at start (INSTALL_CRD) instead of only checking it. */
  installCrd?: boolean;
  /** The CRD that must be served (default: the Application CRD of @app/crd). */
  crd?: CustomResourceDefinition;
  /** Timeout of each non-watch request. Default 30000. */
  requestTimeoutMs?: number;
  /**
   * Each watch asks the server to end it after a random time between this and twice this
   * (client-go's informers use 5 to 10 minutes), so a silently dead connection is replaced. Default 300.
   */
  minWatchTimeoutSeconds?: number;
  /** Attempts of the start-up CRD check while the API server is unreachable (1 s apart). Default 10. */
  startupAttempts?: number;
}

export type ResolvedClusterOptions = Required<Omit<ClusterModuleOptions, 'kubeconfig' | 'inCluster' | 'crd'>> &
  Pick<ClusterModuleOptions, 'kubeconfig' | 'inCluster' | 'crd'>;

/** Applies defaults; throws naming any option that is not a positive integer. */
export function resolveClusterOptions(options: ClusterModuleOptions = {}): ResolvedClusterOptions {
  const resolved: ResolvedClusterOptions = {
    kubeconfig: options.kubeconfig,
    inCluster: options.inCluster,
    crd: options.crd,
    serviceAccountDir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
    fieldManager: options.fieldManager || DEFAULT_FIELD_MANAGER,
    installCrd: options.installCrd ?? false,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    minWatchTimeoutSeconds: options.minWatchTimeoutSeconds ?? 300,
    startupAttempts: options.startupAttempts ?? 10,
  };
  const counts = { requestTimeoutMs: resolved.requestTimeoutMs, minWatchTimeoutSeconds: resolved.minWatchTimeoutSeconds, startupAttempts: resolved.startupAttempts };
  const bad = Object.entries(counts).filter(([, value]) => !Number.isInteger(value) || value < 1).map(([key]) => key);
  if (bad.length > 0) throw new Error(`ClusterModule: invalid options: ${bad.join(', ')}`);
  return resolved;
}
