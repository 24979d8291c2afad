import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PathNotFoundError } from '@app/api-machinery';
import { CrdRegistry } from '../registry/crd-registry.js';
import { ResourceDefinition } from '../definition/resource-definition.js';
import { aggregatedDiscovery } from './aggregated-discovery.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './legacy-discovery.js';

describe(aggregatedDiscovery.name, () => {
  let definitions: ResourceDefinition[];
  before(() => {
    const registry = new CrdRegistry();
    registry.registerDefaults();
    definitions = registry.all();
  });

  it('describes applications with kinds, scope, names and subresources', () => {
    const list = aggregatedDiscovery(definitions, 'apis');
    assert.equal(list.kind, 'APIGroupDiscoveryList');
    assert.equal(list.apiVersion, 'apidiscovery.k8s.io/v2');
    const group = list.items.find((item) => item.metadata.name === 'cloudnative.elide.dev')!;
    assert.deepEqual(group.versions.map((version) => [version.version, version.freshness]), [['v1', 'Current'], ['v1beta1', 'Current']]);
    const applications = group.versions[0].resources[0];
    assert.deepEqual(applications, {
      resource: 'applications',
      responseKind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' },
      scope: 'Namespaced',
      singularResource: 'application',
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      shortNames: ['app'],
      categories: ['all'],
      subresources: [
        { subresource: 'status', responseKind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
  });

  it('splits the core group (/api, unnamed) from named groups (/apis)', () => {
    const core = aggregatedDiscovery(definitions, 'api');
    assert.equal(core.items.length, 1);
    assert.deepEqual(core.items[0].metadata, {});
    assert.deepEqual(core.items[0].versions[0].resources.map((resource) => resource.resource), ['configmaps', 'events', 'namespaces']);
    assert.ok(!aggregatedDiscovery(definitions, 'apis').items.some((item) => item.metadata.name === undefined));
  });

  it('lists the same groups, versions and resources as legacy discovery', () => {
    const legacyGroups = apiGroupList(definitions).groups.map((group) => [group.name, group.versions.map((version) => version.version)]);
    const aggregated = aggregatedDiscovery(definitions, 'apis').items;
    assert.deepEqual(aggregated.map((item) => [item.metadata.name, item.versions.map((version) => version.version)]), legacyGroups);
    for (const item of [...aggregatedDiscovery(definitions, 'api').items, ...aggregated]) {
      for (const version of item.versions) {
        const legacy = apiResourceList(definitions, item.metadata.name ?? '', version.version).resources;
        const flattened = version.resources.flatMap((resource) => [
          { name: resource.resource, kind: resource.responseKind.kind, verbs: resource.verbs, namespaced: resource.scope === 'Namespaced' },
          ...(resource.subresources ?? []).map((sub) => ({ name: `${resource.resource}/${sub.subresource}`, kind: sub.responseKind.kind, verbs: sub.verbs, namespaced: resource.scope === 'Namespaced' })),
        ]);
        assert.deepEqual(flattened, legacy.map(({ name, kind, verbs, namespaced }) => ({ name, kind, verbs, namespaced })));
      }
    }
  });
});

describe('legacy discovery', () => {
  const registry = new CrdRegistry();
  registry.registerDefaults();

  it('answers APIVersions, APIGroup and 404 for unserved groups and versions', () => {
    assert.deepEqual(apiVersions(registry.all(), '10.0.0.1:6443').versions, ['v1']);
    const group = apiGroup(registry.all(), 'cloudnative.elide.dev');
    assert.deepEqual(group.preferredVersion, { groupVersion: 'cloudnative.elide.dev/v1', version: 'v1' });
    assert.throws(() => apiGroup(registry.all(), 'nope.example.com'), PathNotFoundError);
    assert.throws(() => apiResourceList(registry.all(), 'cloudnative.elide.dev', 'v2'), PathNotFoundError);
    const scale = apiResourceList(registry.all(), 'cloudnative.elide.dev', 'v1').resources.find((resource) => resource.name === 'applications/scale');
    assert.deepEqual(scale, { name: 'applications/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  });
});
