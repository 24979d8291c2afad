import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { KubeObject } from '@app/api-machinery';
import { ResourceClient, ResourceClientFactory, ResourceRef } from '@app/resources';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { CLUSTER_OPTIONS } from '../cluster.constants.js';
import { ResolvedClusterOptions } from '../cluster.options.js';
import { KubeApiResourceClient } from './kube-api-resource-client.js';
import { KubeTransport } from './kube-transport.js';

/**
 * ResourceClientFactory for cluster mode: every client talks to the kube-apiserver of the
 * injected KubeConfig, sharing one keep-alive transport. Provided as ResourceClientFactory by
 * ClusterModule, so leader election (Leases), events (core v1 Events) and the reconciler
 * (Applications, Deployments, ConfigMaps) work against the cluster unchanged.
 */
@Injectable()
export class KubeApiResourceClientFactory extends ResourceClientFactory implements OnModuleDestroy {
  readonly transport: KubeTransport;
  private readonly watcher: Watch;

  constructor(kubeConfig: KubeConfig, @Inject(CLUSTER_OPTIONS) private readonly options: ResolvedClusterOptions) {
    super();
    this.transport = new KubeTransport(kubeConfig, options.requestTimeoutMs);
    this.watcher = new Watch(kubeConfig);
  }

  client<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceClient<T> {
    return new KubeApiResourceClient<T>(ref, this.transport, this.watcher, { fieldManager: this.options.fieldManager, minWatchTimeoutSeconds: this.options.minWatchTimeoutSeconds });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
