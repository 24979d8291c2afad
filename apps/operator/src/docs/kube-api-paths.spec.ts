import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenApiDocument, CrdRegistry } from '@app/crd';
import { kubeApiSection, KubeApiSection } from './kube-api-paths.js';

const APPS = '/apis/cloudnative.elide.dev/v1/namespaces/{namespace}/applications';
const NOT_FOUND = { $ref: '#/components/responses/NotFound' };

describe(kubeApiSection.name, () => {
  const registry = new CrdRegistry();
  let section: KubeApiSection;
  before(() => {
    registry.registerDefaults();
    registry.register({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gizmos.example.com' },
      spec: { group: 'example.com', scope: 'Cluster', names: { plural: 'gizmos', kind: 'Gizmo' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }] },
    });
    section = kubeApiSection(registry.all(), registry.groups());
  });
  const op = (path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete') => section.paths[path]?.[method] as any;

  it('merges every served group-version, with the generator\'s schemas unchanged', () => {
    for (const path of [`${APPS}/{name}`, '/apis/cloudnative.elide.dev/v1beta1/namespaces/{namespace}/applications', '/api/v1/namespaces/{namespace}/events', '/apis/example.com/v1/gizmos']) {
      assert.ok(section.paths[path], path);
    }
    const generated = buildOpenApiDocument(registry.all(), 'cloudnative.elide.dev', 'v1')!;
    assert.deepEqual(section.schemas['dev.elide.cloudnative.v1.Application'], generated.components.schemas['dev.elide.cloudnative.v1.Application']);
    assert.ok(section.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Status']);
  });

  it('tags operations by module', () => {
    assert.deepEqual(op(`${APPS}/{name}`, 'get').tags, ['applications']);
    assert.deepEqual(op('/apis/cloudnative.elide.dev/v1beta1/namespaces/{namespace}/applications', 'get').tags, ['applications']);
    assert.deepEqual(op('/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}', 'put').tags, ['leader-election']);
    assert.deepEqual(op('/api/v1/namespaces/{namespace}/events', 'get').tags, ['events']);
    assert.deepEqual(op('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', 'post').tags, ['crds']);
    assert.deepEqual(op('/api/v1/namespaces', 'get').tags, ['kubernetes']);
    assert.deepEqual(op('/apis/example.com/v1/gizmos', 'get').tags, ['custom-resources']);
  });

  it('adds the error responses each action can answer, as references to the Status responses', () => {
    const create = op(APPS, 'post');
    assert.deepEqual(Object.keys(create.responses).sort(), ['200', '201', '202', '400', '401', '403', '409', '413', '415', '422']);
    assert.deepEqual(op(`${APPS}/{name}`, 'get').responses['404'], NOT_FOUND);
    assert.deepEqual(op(`${APPS}/{name}`, 'patch').responses['409'], { $ref: '#/components/responses/Conflict' });
    assert.deepEqual(op(APPS, 'get').responses['410'], { $ref: '#/components/responses/Expired' });
    assert.equal(op(APPS, 'get').responses['404'], undefined, 'a list answers an empty list, not 404');
  });

  it('puts the seed\'s Application on the v1 create, replace, read and list operations only', () => {
    assert.deepEqual(op(APPS, 'post').requestBody.content['application/json'].example.spec, { image: 'nginx:1.25', replicas: 3 });
    assert.equal(op(APPS, 'post').responses['201'].content['application/json'].example.metadata.name, 'my-app');
    assert.equal(op(`${APPS}/{name}`, 'get').responses['200'].content['application/json'].example.status.phase, 'Running');
    assert.equal(op(APPS, 'get').responses['200'].content['application/json'].example.kind, 'ApplicationList');
    assert.equal(op(`${APPS}/{name}/status`, 'get').responses['200'].content['application/json'].example, undefined);
    assert.equal(op('/apis/cloudnative.elide.dev/v1beta1/namespaces/{namespace}/applications', 'post').requestBody.content['application/json'].example, undefined);
  });
});
