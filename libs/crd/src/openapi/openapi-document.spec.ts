import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { CrdRegistry } from '../registry/crd-registry.js';
import { buildOpenApiDocument, groupVersionPath } from './openapi-document.js';
import { OpenApiDocument, OpenApiOperation, OpenApiSchema } from './openapi.types.js';

const APPS = '/apis/cloudnative.elide.dev/v1/namespaces/{namespace}/applications';
const OBJECT_META = '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

function gizmoCrd() {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          port: { 'x-kubernetes-int-or-string': true, description: 'A port by number or name.' },
          template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gizmos.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'gizmos', kind: 'Gizmo' },
      scope: 'Cluster',
      versions: [
        { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } },
        { name: 'v2', served: false, storage: false, schema: { openAPIV3Schema: schema } },
      ],
    },
  };
}

describe(buildOpenApiDocument.name, () => {
  const registry = new CrdRegistry();
  let apps: OpenApiDocument;
  before(() => {
    registry.registerDefaults();
    registry.register(gizmoCrd());
    apps = buildOpenApiDocument(registry.all(), 'cloudnative.elide.dev', 'v1')!;
  });
  const schemaOf = (doc: OpenApiDocument, name: string) => doc.components.schemas[name] as OpenApiSchema & { properties: Record<string, OpenApiSchema> };
  const paramNames = (operation: OpenApiOperation | undefined) => (operation?.parameters ?? []).map((parameter) => parameter.name);

  it('names the kind like kube and marks it with its group-version-kind', () => {
    const application = schemaOf(apps, 'dev.elide.cloudnative.v1.Application');
    assert.deepEqual(application['x-kubernetes-group-version-kind'], [{ group: 'cloudnative.elide.dev', kind: 'Application', version: 'v1' }]);
    assert.deepEqual(application.properties.metadata, { description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", allOf: [{ $ref: OBJECT_META }] });
    const spec = application.properties.spec as { properties: Record<string, OpenApiSchema> };
    assert.equal(spec.properties.replicas.type, 'integer');
    assert.match(String(spec.properties.replicas.description), /^Desired number of running instances/);
    const list = schemaOf(apps, 'dev.elide.cloudnative.v1.ApplicationList');
    assert.deepEqual(list['x-kubernetes-group-version-kind'], [{ group: 'cloudnative.elide.dev', kind: 'ApplicationList', version: 'v1' }]);
    assert.deepEqual(list.properties.items.items, { $ref: '#/components/schemas/dev.elide.cloudnative.v1.Application' });
  });

  it('gives every PATCH the parameters and media types kubectl looks for', () => {
    for (const path of [`${APPS}/{name}`, `${APPS}/{name}/status`, `${APPS}/{name}/scale`]) {
      const patch = apps.paths[path].patch!;
      assert.deepEqual(paramNames(patch), ['dryRun', 'fieldManager', 'fieldValidation', 'force'], path);
      assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' });
      assert.equal(patch['x-kubernetes-action'], 'patch');
      assert.deepEqual(Object.keys(patch.requestBody!.content), ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
    }
    const lease = buildOpenApiDocument(registry.all(), 'coordination.k8s.io', 'v1')!;
    const leasePatch = lease.paths['/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}'].patch!;
    assert.ok('application/strategic-merge-patch+json' in leasePatch.requestBody!.content, 'built-ins take strategic merge patch');
  });

  it('writes operation ids, tags, actions and hoisted parameters as kube-apiserver does', () => {
    const item = apps.paths[`${APPS}/{name}`];
    assert.deepEqual(item.parameters!.map((parameter) => `${parameter.in}:${parameter.name}`), ['path:name', 'path:namespace', 'query:pretty']);
    assert.equal(item.get!.operationId, 'readCloudnativeElideDevV1NamespacedApplication');
    assert.deepEqual(item.get!.tags, ['cloudnativeElideDev_v1']);
    assert.equal(apps.paths[APPS].delete!.operationId, 'deleteCloudnativeElideDevV1CollectionNamespacedApplication');
    assert.equal(apps.paths[APPS].delete!['x-kubernetes-action'], 'deletecollection');
    assert.equal(apps.paths[APPS].post!.description, 'create an Application');
    assert.equal(apps.paths['/apis/cloudnative.elide.dev/v1/applications'].get!.operationId, 'listCloudnativeElideDevV1ApplicationForAllNamespaces');
    assert.equal(apps.paths[`${APPS}/{name}/status`].put!.operationId, 'replaceCloudnativeElideDevV1NamespacedApplicationStatus');
    assert.equal(apps.paths[`${APPS}/{name}/scale`].get!.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/io.k8s.api.autoscaling.v1.Scale');
    assert.equal(apps.paths['/apis/cloudnative.elide.dev/v1/watch/namespaces/{namespace}/applications'].get!['x-kubernetes-action'], 'watchlist');
    assert.ok(paramNames(apps.paths[APPS].get).includes('watch'));
  });

  it('serves core resources under /api and only the verbs each resource has', () => {
    const core = buildOpenApiDocument(registry.all(), '', 'v1')!;
    assert.equal(core.paths['/api/v1/namespaces/{name}'].get!.operationId, 'readCoreV1Namespace');
    assert.equal(core.paths['/api/v1/namespaces'].delete, undefined, 'namespaces do not serve deletecollection');
    assert.equal(core.paths['/api/v1/events'].get!.operationId, 'listCoreV1EventForAllNamespaces');
    assert.ok(core.components.schemas['io.k8s.api.core.v1.Event']);
  });

  it('includes exactly the components the document references', () => {
    const lease = buildOpenApiDocument(registry.all(), 'coordination.k8s.io', 'v1')!;
    assert.equal(lease.components.schemas['io.k8s.api.autoscaling.v1.Scale'], undefined);
    assert.ok(apps.components.schemas['io.k8s.api.autoscaling.v1.ScaleStatus']);
    const serialized = JSON.stringify(apps);
    for (const [, name] of serialized.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) assert.ok(apps.components.schemas[name], name);
  });

  it('publishes user CRD schemas as kube unfolds them, for served versions only', () => {
    const gizmos = buildOpenApiDocument(registry.all(), 'example.com', 'v1')!;
    const spec = schemaOf(gizmos, 'com.example.v1.Gizmo').properties.spec as { properties: Record<string, OpenApiSchema> };
    assert.deepEqual(spec.properties.port.anyOf, [{ type: 'integer' }, { type: 'string' }]);
    const template = spec.properties.template as { properties: Record<string, OpenApiSchema>; required: string[] };
    assert.deepEqual(template.required, ['kind', 'apiVersion']);
    assert.deepEqual(template.properties.metadata.allOf, [{ $ref: OBJECT_META }]);
    assert.equal(gizmos.info.title, 'Kubernetes CRD Swagger');
    assert.equal(buildOpenApiDocument(registry.all(), 'example.com', 'v2'), undefined);
    assert.equal(buildOpenApiDocument(registry.all(), 'nope.example.com', 'v1'), undefined);
  });

  it('produces valid OpenAPI 3.0 for every served group-version', async () => {
    for (const group of registry.groups()) {
      for (const version of group.versions) {
        const document = buildOpenApiDocument(registry.all(), group.name, version)!;
        await assert.doesNotReject(SwaggerParser.validate(structuredClone(document) as never), groupVersionPath(group.name, version));
      }
    }
  });
});
