import { Injectable } from '@nestjs/common';
import { apiVersionOf, PathNotFoundError } from '@app/api-machinery';
import { CrdRegistry, ResourceDefinition } from '@app/crd';

interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

/** Orders versions as kube-apiserver does: GA before beta before alpha, higher numbers first. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!match) return [0, 0, 0, v] as const;
    const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
    return [stability, Number(match[1]), Number(match[3] ?? 0), v] as const;
  };
  const [sa, ma, na, ta] = parse(a);
  const [sb, mb, nb, tb] = parse(b);
  return sb - sa || mb - ma || nb - na || ta.localeCompare(tb);
}

/**
 * Legacy discovery documents (`/api`, `/apis`, `/apis/<group>`, `.../<version>`), built from
 * the registry on every call, so a CRD served a moment ago is discoverable at once.
 */
@Injectable()
export class DiscoveryService {
  constructor(private readonly registry: CrdRegistry) {}

  apiVersions(serverAddress: string) {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
  }

  apiGroupList() {
    const groups = [...this.groupVersions().entries()].filter(([group]) => group !== '').sort(([a], [b]) => a.localeCompare(b));
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(([name, versions]) => this.apiGroupBody(name, versions)) };
  }

  apiGroup(group: string) {
    const versions = this.groupVersions().get(group);
    if (!versions || group === '') throw new PathNotFoundError();
    return { kind: 'APIGroup', apiVersion: 'v1', ...this.apiGroupBody(group, versions) };
  }

  apiResourceList(group: string, version: string) {
    const definitions = this.served(group, version);
    if (definitions.length === 0) throw new PathNotFoundError();
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: apiVersionOf(group, version),
      resources: definitions.flatMap((d) => this.resourcesOf(d, version)),
    };
  }

  /** Group → its served versions, preferred first. */
  groupVersions(): Map<string, string[]> {
    const groups = new Map<string, Set<string>>();
    for (const definition of this.registry.all()) {
      const versions = groups.get(definition.group) ?? new Set<string>();
      definition.versions.filter((v) => v.served).forEach((v) => versions.add(v.name));
      groups.set(definition.group, versions);
    }
    return new Map([...groups].map(([group, versions]) => [group, [...versions].sort(compareVersions)]));
  }

  served(group: string, version: string): ResourceDefinition[] {
    return this.registry
      .all()
      .filter((d) => d.group === group && d.versions.some((v) => v.name === version && v.served))
      .sort((a, b) => a.plural.localeCompare(b.plural));
  }

  private apiGroupBody(name: string, versions: string[]) {
    const list: GroupVersionForDiscovery[] = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
    return { name, versions: list, preferredVersion: list[0] };
  }

  private resourcesOf(definition: ResourceDefinition, version: string) {
    const namespaced = definition.scope === 'Namespaced';
    const served = definition.versions.find((v) => v.name === version)!;
    const main = {
      name: definition.plural,
      singularName: definition.singular,
      namespaced,
      kind: definition.kind,
      verbs: definition.verbs,
      ...(definition.shortNames.length ? { shortNames: definition.shortNames } : {}),
      ...(definition.categories.length ? { categories: definition.categories } : {}),
    };
    const subresources: object[] = [];
    if (served.subresources.status) {
      subresources.push({ name: `${definition.plural}/status`, singularName: '', namespaced, kind: definition.kind, verbs: ['get', 'patch', 'update'] });
    }
    if (served.subresources.scale) {
      subresources.push({ name: `${definition.plural}/scale`, singularName: '', namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    }
    return [main, ...subresources];
  }
}
