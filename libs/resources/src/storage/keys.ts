import { ResourceDefinition } from '@app/crd';

/** Root of every resource key; the change feed watches it. */
export const REGISTRY_PREFIX = '/registry/';

/**
 * Where objects live in the store, as kube-apiserver lays out etcd:
 * `/registry/<group|core>/<plural>/<namespace>/<name>` (cluster-scoped: no namespace segment).
 */
export function resourcePrefix(definition: Pick<ResourceDefinition, 'group' | 'plural'>): string {
  return `${REGISTRY_PREFIX}${definition.group || 'core'}/${definition.plural}/`;
}

export function collectionPrefix(definition: ResourceDefinition, namespace: string | undefined): string {
  const base = resourcePrefix(definition);
  return definition.scope === 'Namespaced' && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(definition: ResourceDefinition, namespace: string | undefined, name: string): string {
  const base = resourcePrefix(definition);
  return definition.scope === 'Namespaced' ? `${base}${namespace}/${name}` : `${base}${name}`;
}

/** The group and plural a key belongs to, or undefined for keys outside the registry. */
export function parseKey(key: string): { group: string; plural: string } | undefined {
  if (!key.startsWith(REGISTRY_PREFIX)) return undefined;
  const [group, plural] = key.slice(REGISTRY_PREFIX.length).split('/', 2);
  if (!group || !plural) return undefined;
  return { group: group === 'core' ? '' : group, plural };
}
