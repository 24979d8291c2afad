import { ResourceDefinition } from '../definition/resource-definition.js';
import { ApiGroupDiscoveryList, ApiResourceDiscovery, ApiSubresourceDiscovery, ApiVersionDiscovery } from './discovery.types.js';
import { discoveryGroups, SCALE_KIND, servedResources, ServedResource, SUBRESOURCE_VERBS } from './served-resources.js';

/** Response Content-Type of aggregated discovery; client-go picks the parser from it alone. */
export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/**
 * `GET /api` or `GET /apis` as aggregated discovery (`apidiscovery.k8s.io/v2`): every group of
 * that root with every served version (preferred first) and its resources, in the same order
 * and with the same facts as the legacy documents. Freshness is always `Current`: the registry
 * is local.
 */
export function aggregatedDiscovery(definitions: ResourceDefinition[], root: 'api' | 'apis'): ApiGroupDiscoveryList {
  const groups = discoveryGroups(definitions).filter((group) => (root === 'api') === (group.name === ''));
  const items = groups.map((group) => ({
    metadata: group.name === '' ? {} : { name: group.name },
    versions: group.versions.map((version): ApiVersionDiscovery => ({
      version,
      resources: servedResources(definitions, group.name, version).map(resourceDiscovery),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

function resourceDiscovery({ definition, version }: ServedResource): ApiResourceDiscovery {
  const responseKind = { group: definition.group, version: version.name, kind: definition.kind };
  const subresources: ApiSubresourceDiscovery[] = [];
  if (version.subresources.status) subresources.push({ subresource: 'status', responseKind, verbs: SUBRESOURCE_VERBS });
  if (version.subresources.scale) subresources.push({ subresource: 'scale', responseKind: { ...SCALE_KIND }, verbs: SUBRESOURCE_VERBS });
  return {
    resource: definition.plural,
    responseKind,
    scope: definition.scope,
    singularResource: definition.singular,
    verbs: definition.verbs,
    ...(definition.shortNames.length ? { shortNames: definition.shortNames } : {}),
    ...(definition.categories.length ? { categories: definition.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}
