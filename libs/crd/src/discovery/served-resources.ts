import { ResourceDefinition, ResourceVersion } from '../definition/resource-definition.js';
import { apiGroups, ApiGroupVersions } from '../registry/registry-lookups.js';

/** Verbs kube-apiserver serves on `status` and `scale` subresources. */
export const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** autoscaling/v1 Scale: what every `scale` subresource reads and writes. */
export const SCALE_KIND = { group: 'autoscaling', version: 'v1', kind: 'Scale' } as const;

/** A definition with its served version `version`. */
export interface ServedResource {
  definition: ResourceDefinition;
  version: ResourceVersion;
}

/**
 * Groups with served versions, highest priority (the preferred version) first; named groups
 * sorted by name, as `/apis` lists them. The core group `''` is included (served under `/api`).
 */
export function discoveryGroups(definitions: ResourceDefinition[]): ApiGroupVersions[] {
  return apiGroups(definitions).sort((a, b) => a.name.localeCompare(b.name));
}

/** The definitions serving `group`/`version`, sorted by plural. */
export function servedResources(definitions: ResourceDefinition[], group: string, version: string): ServedResource[] {
  return definitions
    .filter((definition) => definition.group === group)
    .flatMap((definition) => definition.versions.filter((candidate) => candidate.name === version && candidate.served).map((served) => ({ definition, version: served })))
    .sort((a, b) => a.definition.plural.localeCompare(b.definition.plural));
}
