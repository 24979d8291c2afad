import { apiVersionOf, PathNotFoundError } from '@app/api-machinery';
import { ResourceDefinition } from '../definition/resource-definition.js';
import { ApiGroupVersions } from '../registry/registry-lookups.js';
import { ApiGroupBody, ApiResource, ApiResourceList } from './discovery.types.js';
import { discoveryGroups, SCALE_KIND, servedResources, ServedResource, SUBRESOURCE_VERBS } from './served-resources.js';

/** `GET /api`: the core group's versions, with the address clients should use. */
export function apiVersions(definitions: ResourceDefinition[], serverAddress: string) {
  const core = discoveryGroups(definitions).find((group) => group.name === '');
  return { kind: 'APIVersions' as const, versions: core?.versions ?? ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** `GET /apis`: every named group, sorted by name, each with its preferred version first. */
export function apiGroupList(definitions: ResourceDefinition[]) {
  const groups = discoveryGroups(definitions).filter((group) => group.name !== '');
  return { kind: 'APIGroupList' as const, apiVersion: 'v1' as const, groups: groups.map(groupBody) };
}

/** `GET /apis/<group>`; PathNotFoundError (404) when no version of the group is served. */
export function apiGroup(definitions: ResourceDefinition[], group: string) {
  const found = discoveryGroups(definitions).find((candidate) => candidate.name === group);
  if (!found || group === '') throw new PathNotFoundError();
  return { kind: 'APIGroup' as const, apiVersion: 'v1' as const, ...groupBody(found) };
}

/** `GET /api/v1`, `GET /apis/<group>/<version>`; PathNotFoundError (404) when nothing serves it. */
export function apiResourceList(definitions: ResourceDefinition[], group: string, version: string): ApiResourceList {
  const served = servedResources(definitions, group, version);
  if (served.length === 0) throw new PathNotFoundError();
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources: served.flatMap(apiResources) };
}

function groupBody({ name, versions }: ApiGroupVersions): ApiGroupBody {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** The resource and its `status` / `scale` subresources, as kube lists them. */
function apiResources({ definition, version }: ServedResource): ApiResource[] {
  const namespaced = definition.scope === 'Namespaced';
  const main: ApiResource = {
    name: definition.plural,
    singularName: definition.singular,
    namespaced,
    kind: definition.kind,
    verbs: definition.verbs,
    ...(definition.shortNames.length ? { shortNames: definition.shortNames } : {}),
    ...(definition.categories.length ? { categories: definition.categories } : {}),
  };
  const subresources: ApiResource[] = [];
  if (version.subresources.status) {
    subresources.push({ name: `${definition.plural}/status`, singularName: '', namespaced, kind: definition.kind, verbs: SUBRESOURCE_VERBS });
  }
  if (version.subresources.scale) {
    subresources.push({ name: `${definition.plural}/scale`, singularName: '', namespaced, group: SCALE_KIND.group, version: SCALE_KIND.version, kind: SCALE_KIND.kind, verbs: SUBRESOURCE_VERBS });
  }
  return [main, ...subresources];
}
