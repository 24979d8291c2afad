import { ResourceRef } from '@app/resources';

/**
 * Cluster-scoped built-in resources: the namespace argument is ignored for them, as the
 * ResourceClient contract says. (Custom cluster-scoped resources are addressed without one.)
 */
const CLUSTER_SCOPED = new Set([
  '/namespaces', '/nodes', '/persistentvolumes', '/componentstatuses',
  'apiextensions.k8s.io/customresourcedefinitions', 'apiregistration.k8s.io/apiservices',
  'rbac.authorization.k8s.io/clusterroles', 'rbac.authorization.k8s.io/clusterrolebindings',
  'admissionregistration.k8s.io/validatingwebhookconfigurations', 'admissionregistration.k8s.io/mutatingwebhookconfigurations',
  'storage.k8s.io/storageclasses', 'scheduling.k8s.io/priorityclasses', 'certificates.k8s.io/certificatesigningrequests',
]);

export function isClusterScoped(ref: ResourceRef): boolean {
  return CLUSTER_SCOPED.has(`${ref.group}/${ref.resource}`);
}

/** kube-apiserver's path of a collection, an object or one of its subresources. */
export function resourcePath(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const scope = namespace && !isClusterScoped(ref) ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name ? `/${encodeURIComponent(name)}` : '';
  return `${base}${scope}/${ref.resource}${object}${name && subresource ? `/${subresource}` : ''}`;
}

/** apiVersion as objects carry it: `v1` for the core group, `<group>/<version>` otherwise. */
export function apiVersionOf(ref: ResourceRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}
