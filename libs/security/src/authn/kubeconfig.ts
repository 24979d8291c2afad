import { stringify } from 'yaml';

/** What a token kubeconfig needs. */
export interface KubeconfigSpec {
  server: string;
  user: string;
  token: string;
  /** PEM of the CA that signed the server's certificate (embedded as certificate-authority-data). */
  certificateAuthority?: string;
  /** Cluster and context name; default `application-operator`. */
  name?: string;
}

/**
 * A kubeconfig (`kind: Config`, v1) with one cluster, one token user and one current context.
 * kubectl sends the token only to an `https://` server.
 */
export function kubeconfigYaml(spec: KubeconfigSpec): string {
  const name = spec.name ?? 'application-operator';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: spec.server, ...(spec.certificateAuthority ? { 'certificate-authority-data': Buffer.from(spec.certificateAuthority).toString('base64') } : {}) } }],
    users: [{ name: spec.user, user: { token: spec.token } }],
    contexts: [{ name, context: { cluster: name, user: spec.user, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
