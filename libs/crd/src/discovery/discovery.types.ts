/** `metav1.GroupVersionForDiscovery`. */
export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

/** The body shared by `APIGroup` and each entry of `APIGroupList.groups`. */
export interface ApiGroupBody {
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

/** `metav1.APIResource`, as listed by `/api/v1` and `/apis/<group>/<version>`. */
export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

/** `metav1.APIResourceList`. */
export interface ApiResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: ApiResource[];
}

/** `metav1.GroupVersionKind` as aggregated discovery writes it (group always present). */
export interface DiscoveryGvk {
  group: string;
  version: string;
  kind: string;
}

/** `apidiscovery.k8s.io/v2` APISubresourceDiscovery. */
export interface ApiSubresourceDiscovery {
  subresource: string;
  responseKind: DiscoveryGvk;
  verbs: string[];
}

/** `apidiscovery.k8s.io/v2` APIResourceDiscovery. */
export interface ApiResourceDiscovery {
  resource: string;
  responseKind: DiscoveryGvk;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: ApiSubresourceDiscovery[];
}

/** `apidiscovery.k8s.io/v2` APIVersionDiscovery. */
export interface ApiVersionDiscovery {
  version: string;
  resources: ApiResourceDiscovery[];
  freshness: 'Current' | 'Stale';
}

/** `apidiscovery.k8s.io/v2` APIGroupDiscovery (the core group has no name). */
export interface ApiGroupDiscovery {
  metadata: { name?: string };
  versions: ApiVersionDiscovery[];
}

/** `apidiscovery.k8s.io/v2` APIGroupDiscoveryList: the whole of `/api` or `/apis` in one document. */
export interface ApiGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2';
  metadata: Record<string, never>;
  items: ApiGroupDiscovery[];
}
