import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CrdRegistry } from '../registry/crd-registry.js';
import { OpenApiV3Documents } from './openapi-v3-documents.js';

const widgets = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { plural: 'widgets', kind: 'Widget' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
  },
};

describe(OpenApiV3Documents.name, () => {
  let registry: CrdRegistry;
  let documents: OpenApiV3Documents;
  beforeEach(() => {
    registry = new CrdRegistry();
    registry.registerDefaults();
    documents = new OpenApiV3Documents(() => registry.all());
  });

  it('indexes every served group-version with the SHA-512 of its document', () => {
    const index = JSON.parse(documents.index().json);
    assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/apiextensions.k8s.io/v1', 'apis/apps/v1', 'apis/cloudnative.elide.dev/v1', 'apis/cloudnative.elide.dev/v1beta1', 'apis/coordination.k8s.io/v1']);
    const document = documents.document('apis/cloudnative.elide.dev/v1')!;
    assert.equal(document.hash, createHash('sha512').update(document.json).digest('hex').toUpperCase());
    assert.equal(index.paths['apis/cloudnative.elide.dev/v1'].serverRelativeURL, `/openapi/v3/apis/cloudnative.elide.dev/v1?hash=${document.hash}`);
  });

  it('caches documents until invalidated, then reflects the registry', () => {
    const before = documents.document('api/v1');
    const index = documents.index();
    assert.equal(documents.document('api/v1'), before);
    registry.register(widgets);
    assert.equal(documents.index(), index, 'the index stays cached until invalidated');
    documents.invalidate();
    assert.ok(JSON.parse(documents.index().json).paths['apis/example.com/v1']);
    assert.equal(documents.document('api/v1')!.json, before!.json, 'unchanged group-versions keep their hash');
    registry.unregister('widgets.example.com');
    documents.invalidate();
    assert.equal(documents.document('apis/example.com/v1'), undefined);
  });

  it('answers undefined for paths that are not group-versions', () => {
    for (const path of ['api', 'apis', 'apis/cloudnative.elide.dev', 'apis//v1', 'api/v2', 'apis/cloudnative.elide.dev/v1/x']) {
      assert.equal(documents.document(path), undefined, path);
    }
  });
});
