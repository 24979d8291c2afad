import { Global, Module } from '@nestjs/common';
import { ChangeFeed, ResourceClientFactory } from '@app/resources';
import { KubeConfig } from '@kubernetes/client-node';
import { SubjectAccessReviewer, TokenReviewer } from '@app/security';
import { ClusterAccessReviewer } from './auth/cluster-access-reviewer.js';
import { ClusterTokenReviewer } from './auth/cluster-token-reviewer.js';
import { CLUSTER_OPTIONS } from './cluster.constants.js';
import { CLUSTER_MODULE_OPTIONS, ConfigurableClusterModule } from './cluster.module-definition.js';
import { resolveClusterOptions } from './cluster.options.js';
import { KubeApiResourceClientFactory } from './client/kube-api-resource-client.factory.js';
import { loadKubeConfig } from './client/kube-config.loader.js';
import { ApplicationCrdCheck } from './crd/application-crd.check.js';
import { ClusterChangeFeed } from './feed/cluster-change-feed.js';

/**
 * Cluster mode's backends, global: `ResourceClientFactory` over the kube-apiserver of the
 * configured KubeConfig (so leader election, events and the reconciler work against the
 * cluster unchanged), `ChangeFeed` from cluster watches (for `/watch` and the WatchHub), and the
 * start-up CRD check, and the delegated authentication and authorization of the operator's own
 * endpoints (`TokenReviewer`, `SubjectAccessReviewer`: TokenReview and SubjectAccessReview to the
 * cluster). Replaces StorageModule and ResourcesModule: import one or the other.
 * `ClusterModule.forRoot(options)`; the reconciler's driver is KubernetesWorkloadDriver, passed
 * as `ReconcilerModule.forRoot({ ..., workloadDriver: KubernetesWorkloadDriver })` (its
 * dependencies, CLUSTER_OPTIONS and ResourceClientFactory, are exported from here).
 * Invalid options or a missing kubeconfig fail at boot.
 */
@Global()
@Module({
  providers: [
    { provide: CLUSTER_OPTIONS, useFactory: resolveClusterOptions, inject: [CLUSTER_MODULE_OPTIONS] },
    { provide: KubeConfig, useFactory: loadKubeConfig, inject: [CLUSTER_OPTIONS] },
    KubeApiResourceClientFactory,
    { provide: ResourceClientFactory, useExisting: KubeApiResourceClientFactory },
    ClusterChangeFeed,
    { provide: ChangeFeed, useExisting: ClusterChangeFeed },
    ApplicationCrdCheck,
    { provide: TokenReviewer, useClass: ClusterTokenReviewer },
    { provide: SubjectAccessReviewer, useClass: ClusterAccessReviewer },
  ],
  exports: [CLUSTER_OPTIONS, KubeConfig, KubeApiResourceClientFactory, ResourceClientFactory, ChangeFeed, ApplicationCrdCheck, TokenReviewer, SubjectAccessReviewer],
})
export class ClusterModule extends ConfigurableClusterModule {}
