import { ResourceDefinition, ResourceVersion } from '../definition/resource-definition.js';
import { sortByKubeVersionPriority } from './version-priority.js';

/** A served version of a resource, with its definition. */
export interface ResolvedResource {
  definition: ResourceDefinition;
  version: ResourceVersion;
}

/** One API group for discovery (`''` is the core group, served under /api). */
export interface ApiGroupVersions {
  name: string;
  /** Served versions, highest kube priority first. */
  versions: string[];
  /** `versions[0]`, as kube-apiserver picks it for CRD groups. */
  preferredVersion: string;
}

/** The highest-priority served version of a definition. */
export function preferredVersion(definition: ResourceDefinition): string | undefined {
  return sortByKubeVersionPriority(definition.versions.filter((version) => version.served).map((version) => version.name))[0];
}

/** Groups in first-registration order, each with the union of its resources' served versions. */
export function apiGroups(definitions: ResourceDefinition[]): ApiGroupVersions[] {
  const groups = new Map<string, Set<string>>();
  for (const definition of definitions) {
    for (const version of definition.versions.filter((candidate) => candidate.served)) {
      const versions = groups.get(definition.group) ?? new Set<string>();
      versions.add(version.name);
      groups.set(definition.group, versions);
    }
  }
  return [...groups.entries()].map(([name, versions]) => {
    const sorted = sortByKubeVersionPriority(versions);
    return { name, versions: sorted, preferredVersion: sorted[0] };
  });
}

/**
 * kubectl-style lookup: plural, then singular, then short name, then kind (case-insensitive),
 * within `group` when given; `plural.group` also works when no group is given.
 */
export function findByAnyName(definitions: ResourceDefinition[], name: string, group?: string): ResourceDefinition | undefined {
  const wanted = name.toLowerCase();
  const candidates = group === undefined ? definitions : definitions.filter((definition) => definition.group === group);
  const matchers: ((definition: ResourceDefinition) => boolean)[] = [
    (definition) => definition.plural === wanted,
    (definition) => definition.singular === wanted,
    (definition) => definition.shortNames.includes(wanted),
    (definition) => definition.kind.toLowerCase() === wanted,
  ];
  for (const matches of matchers) {
    const found = candidates.find(matches);
    if (found) return found;
  }
  const dot = wanted.indexOf('.');
  return group === undefined && dot > 0 ? findByAnyName(definitions, wanted.slice(0, dot), wanted.slice(dot + 1)) : undefined;
}
