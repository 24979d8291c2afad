import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applicationCrd, CustomResourceDefinition } from '@app/crd';
import { compareCrds, isEstablished } from './crd-compatibility.js';
import { crdManifest } from './crd-manifest.js';

const live = (): CustomResourceDefinition => structuredClone(applicationCrd);

describe(compareCrds.name, () => {
  it('accepts the CRD this operator was built with', () => {
    assert.deepEqual(compareCrds(applicationCrd, live()), { problems: [], differences: [] });
  });

  it('refuses another group, scope or an unserved version; only warns about schema drift', () => {
    const other = live();
    other.spec.scope = 'Cluster';
    other.spec.versions = other.spec.versions.filter((version) => version.name !== 'v1beta1');
    other.spec.versions[0].schema = { openAPIV3Schema: { type: 'object' } };
    assert.deepEqual(compareCrds(applicationCrd, other), {
      problems: ['spec.scope is "Cluster", expected "Namespaced"', 'version v1beta1 is not served'],
      differences: ['the v1 schema differs from this operator\'s'],
    });
  });
});

describe(isEstablished.name, () => {
  it('reads the Established condition', () => {
    assert.equal(isEstablished({ ...live(), status: { conditions: [{ type: 'Established', status: 'True' }] } }), true);
    assert.equal(isEstablished(live()), false);
  });
});

describe(crdManifest.name, () => {
  it('drops what the server sets and keeps the rest in manifest order', () => {
    const served = { ...live(), metadata: { name: 'x', uid: 'u', resourceVersion: '5', generation: 1, creationTimestamp: 't', managedFields: [], labels: { a: 'b' } }, status: { conditions: [] } };
    const manifest = crdManifest(served);
    assert.deepEqual(Object.keys(manifest), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(manifest.metadata, { name: 'x', labels: { a: 'b' } });
    assert.deepEqual(manifest.spec, applicationCrd.spec);
  });
});
