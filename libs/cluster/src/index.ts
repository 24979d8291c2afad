export * from './cluster.constants.js';
export * from './cluster.options.js';
export { CLUSTER_OPTIONS_TYPE, CLUSTER_ASYNC_OPTIONS_TYPE } from './cluster.module-definition.js';
export * from './cluster.module.js';
// Client over kube-apiserver
export { loadKubeConfig } from './client/kube-config.loader.js';
export { KubeTransport, warningsOf, type KubeRequest, type KubeResponse } from './client/kube-transport.js';
export { KubeApiResourceClient, PATCH_CONTENT_TYPES, type KubeApiClientOptions } from './client/kube-api-resource-client.js';
export { KubeApiResourceClientFactory } from './client/kube-api-resource-client.factory.js';
export { statusErrorOf, isStatus, KubeConnectionError } from './client/status-errors.js';
export { resourcePath, apiVersionOf, isClusterScoped } from './client/resource-path.js';
export { watchStream } from './client/watch-stream.js';
// CRD
export { ApplicationCrdCheck, CrdCheckError } from './crd/application-crd.check.js';
export { compareCrds, isEstablished, type CrdComparison } from './crd/crd-compatibility.js';
export { crdManifest } from './crd/crd-manifest.js';
export { withConversionWebhook, withoutConversion, DEPLOYED_CONVERSION_WEBHOOK, CONVERSION_REVIEW_VERSIONS, type ConversionWebhookService } from './crd/conversion-webhook.js';
// Change feed
export { ClusterChangeFeed } from './feed/cluster-change-feed.js';
// Workload
export * from './workload/workload.resources.js';
export { desiredWorkload, controllerReference, hashOf, type DesiredWorkload } from './workload/desired-workload.js';
export { workloadStatusOf } from './workload/deployment-status.js';
export { contains } from './workload/object-contains.js';
export { controllerOf, owningApplication, assertAdoptable, WorkloadOwnershipError } from './workload/ownership.js';
export { KubernetesWorkloadDriver } from './workload/kubernetes-workload-driver.js';
// Delegated authentication and authorization
export { ClusterTokenReviewer } from './auth/cluster-token-reviewer.js';
export { ClusterAccessReviewer, subjectAccessReview } from './auth/cluster-access-reviewer.js';
