import { DynamicModule, Module } from '@nestjs/common';
import { OperatorConfig } from '@app/config';
import { ClusterModule, ClusterModuleOptions, KubernetesWorkloadDriver } from '@app/cluster';
import { ReconcilerModuleExtras } from '@app/reconciler';
import { ClusterApplicationsController } from './cluster-applications.controller.js';
import { RootService } from '../root/root.service.js';
import { ClusterInfoService } from './cluster-info.service.js';

/**
 * MODE=cluster: the operator is a controller of a real cluster, whose kube-apiserver stores the
 * Applications and calls the webhooks. This module brings ClusterModule (ResourceClientFactory
 * and ChangeFeed over the cluster, the CRD check) in place of StorageModule + ResourcesModule,
 * provides RootService as ClusterInfoService (RootController's `/`, `/version`, `/crd` then
 * describe the cluster), and serves read-only Application reads from the cluster in place of
 * the Kubernetes API (for the dashboard). Everything else (leader election on a Lease in the
 * cluster, Events in the cluster, the reconciler with KubernetesWorkloadDriver, webhooks, probes,
 * metrics, /events, /watch) is the same modules as standalone, over these seams.
 */
@Module({})
export class ClusterModeModule {
  static forRoot(config: OperatorConfig): DynamicModule {
    return {
      module: ClusterModeModule,
      imports: [ClusterModule.forRoot(clusterOptions(config))],
      controllers: [ClusterApplicationsController],
      providers: [ClusterInfoService, { provide: RootService, useExisting: ClusterInfoService }],
      exports: [RootService],
    };
  }
}

/** OperatorConfig → ClusterModule options. */
export function clusterOptions(config: OperatorConfig): ClusterModuleOptions {
  const { KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: port } = config;
  return { kubeconfig: config.KUBECONFIG, inCluster: host && port ? { host, port } : undefined, installCrd: config.INSTALL_CRD };
}

/** The ReconcilerModule extras of a mode: in cluster mode, the KubernetesWorkloadDriver. */
export function workloadExtras(config: OperatorConfig): ReconcilerModuleExtras {
  return config.MODE === 'cluster' ? { workloadDriver: KubernetesWorkloadDriver } : {};
}
