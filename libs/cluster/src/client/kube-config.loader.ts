import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ResolvedClusterOptions } from '../cluster.options.js';

/**
 * The KubeConfig cluster mode talks through: the kubeconfig file when one is given (its current
 * context), else the pod's service account (token re-read every minute by client-node, so
 * projected tokens rotate, and the CA bundle mounted beside it). Throws, naming what is missing,
 * when neither is available: cluster mode cannot start without a cluster.
 */
export function loadKubeConfig(options: Pick<ResolvedClusterOptions, 'kubeconfig' | 'inCluster' | 'serviceAccountDir'>): KubeConfig {
  const config = new KubeConfig();
  if (options.kubeconfig) {
    config.loadFromFile(options.kubeconfig);
    if (!config.getCurrentCluster()) throw new Error(`kubeconfig ${options.kubeconfig} has no current context with a cluster`);
    return config;
  }
  const tokenFile = join(options.serviceAccountDir, 'token');
  if (!options.inCluster || !existsSync(tokenFile)) {
    throw new Error(`MODE=cluster needs a kubeconfig (KUBECONFIG) or an in-cluster service account (KUBERNETES_SERVICE_HOST and ${tokenFile})`);
  }
  const { host, port } = options.inCluster;
  const namespaceFile = join(options.serviceAccountDir, 'namespace');
  config.loadFromOptions({
    clusters: [{ name: 'in-cluster', server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`, caFile: join(options.serviceAccountDir, 'ca.crt'), skipTLSVerify: false }],
    users: [{ name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'service-account', namespace: existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : undefined }],
    currentContext: 'in-cluster',
  });
  return config;
}
