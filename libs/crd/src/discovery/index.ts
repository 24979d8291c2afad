export type * from './discovery.types.js';
export { apiVersions, apiGroupList, apiGroup, apiResourceList } from './legacy-discovery.js';
export { aggregatedDiscovery, AGGREGATED_DISCOVERY_CONTENT_TYPE } from './aggregated-discovery.js';
export { discoveryGroups, servedResources, SCALE_KIND, SUBRESOURCE_VERBS, type ServedResource } from './served-resources.js';
