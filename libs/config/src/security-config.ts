import { OperatorConfig } from './operator-config.js';

/** True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

/** True when the API is served to other machines with no authentication (AUTH_MODE=none chosen explicitly). */
export function servesOpenApi(config: Pick<OperatorConfig, 'AUTH_MODE' | 'HOST'>): boolean {
  return config.AUTH_MODE === 'none' && !isLoopbackHost(config.HOST);
}

/**
 * "Secure by default, convenient locally": resolves AUTH_MODE (token when TOKEN_AUTH_FILE or
 * AUTH_BOOTSTRAP is set, or in cluster mode, whose cluster reviews tokens and access; else none)
 * and HOST (0.0.0.0 with authentication, 127.0.0.1 without), and refuses a non-loopback HOST
 * without authentication unless AUTH_MODE=none is explicit. Cluster mode refuses RBAC_FILE and
 * AUTH_BOOTSTRAP (the cluster's RBAC and identities apply there).
 * AUTH_BOOTSTRAP turns WEBHOOK_TLS to `auto` unless it is set: the HTTPS port then serves the
 * whole API, which the generated kubeconfig needs (kubectl sends tokens only over HTTPS).
 * `given` holds the variables actually set. Mutates `config`; returns the problems found.
 */
export function resolveSecurity(config: OperatorConfig, given: Record<string, string>): string[] {
  const problems: string[] = [];
  const cluster = config.MODE === 'cluster';
  if (cluster) problems.push(...clusterProblems(config));
  const configured = cluster || config.TOKEN_AUTH_FILE !== undefined || config.AUTH_BOOTSTRAP;
  if (given.AUTH_MODE === undefined) config.AUTH_MODE = configured ? 'token' : 'none';
  if (config.AUTH_MODE === 'token' && !configured) {
    problems.push('AUTH_MODE=token needs TOKEN_AUTH_FILE (a token file in kube-apiserver\'s CSV format) or AUTH_BOOTSTRAP=true (generates an admin token and kubeconfig in DATA_DIR)');
  }
  if (given.AUTH_MODE === 'none' && !cluster && configured) {
    problems.push('AUTH_MODE=none contradicts TOKEN_AUTH_FILE / AUTH_BOOTSTRAP: unset AUTH_MODE to require tokens, or unset those to serve without authentication');
  }
  // kubectl sends a bearer token only over HTTPS: the bootstrap kubeconfig targets the TLS port.
  if (config.AUTH_BOOTSTRAP && given.WEBHOOK_TLS === undefined && config.WEBHOOK_TLS === 'off') config.WEBHOOK_TLS = 'auto';
  if (given.HOST === undefined) config.HOST = config.AUTH_MODE === 'token' ? '0.0.0.0' : '127.0.0.1';
  else if (config.AUTH_MODE === 'none' && given.AUTH_MODE === undefined && !isLoopbackHost(config.HOST)) {
    problems.push(
      `HOST=${config.HOST} would serve the API to other machines without authentication: set AUTH_BOOTSTRAP=true ` +
        '(an admin token and a kubeconfig are generated in DATA_DIR) or TOKEN_AUTH_FILE=<token CSV file> to require bearer tokens, ' +
        'or AUTH_MODE=none to serve it unauthenticated on purpose',
    );
  }
  return problems;
}

/** Settings that have no meaning in cluster mode, where the cluster authenticates and authorizes. */
function clusterProblems(config: OperatorConfig): string[] {
  const problems: string[] = [];
  if (config.RBAC_FILE !== undefined) {
    problems.push('RBAC_FILE is not used in MODE=cluster: the cluster\'s RBAC authorizes requests (SubjectAccessReview); apply the Roles and bindings to the cluster instead');
  }
  if (config.AUTH_BOOTSTRAP) {
    problems.push('AUTH_BOOTSTRAP is for standalone mode: in MODE=cluster the cluster\'s identities are accepted (TokenReview), e.g. a token from `kubectl create token`; TOKEN_AUTH_FILE may add local ones');
  }
  return problems;
}
