import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestOperator } from '../support/operator.js';
import { APPS, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

type Operation = { tags?: string[]; operationId: string; requestBody?: any; responses: Record<string, any>; parameters?: any[] };
type Document = { openapi: string; tags: { name: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any>; responses: Record<string, any> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const APPLICATION = 'dev.elide.cloudnative.v1.Application';
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const STATUS_REF = `#/components/schemas/${STATUS}`;
const NAMESPACED_APPS = `${APPS}/namespaces/{namespace}/applications`;

describe('Swagger UI and /docs-json (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  let doc: Document;

  const operation = (method: string, path: string): Operation => {
    const found = doc.paths[path]?.[method];
    assert.ok(found, `${method.toUpperCase()} ${path} is documented`);
    return found;
  };
  /** A response, with a `$ref` to components.responses followed. */
  const response = (op: Operation, code: number) => {
    const entry = op.responses[String(code)];
    assert.ok(entry, `${op.operationId} documents ${code}`);
    return entry.$ref ? doc.components.responses[entry.$ref.replace('#/components/responses/', '')] : entry;
  };

  before(async () => {
    operator = await startTestOperator();
    http = new Http(operator.url);
    const answer = await http.get<Document>('/docs-json');
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    doc = answer.body;
  });
  after(() => operator.shutdown());

  it('is a valid OpenAPI 3 document', async () => {
    assert.match(doc.openapi, /^3\.0\.\d+$/);
    await assert.doesNotReject(SwaggerParser.validate(structuredClone(doc) as never));
  });

  it('documents every endpoint of the operator, the Kubernetes API paths included', () => {
    const expected = [
      'get /', 'get /version', 'get /crd', 'get /crds', 'get /healthz', 'get /livez', 'get /readyz', 'get /readyz/{check}', 'get /leader',
      'get /debug/queue', 'get /events', 'get /watch', 'get /dashboard', 'get /dashboard/assets/{file}', 'post /validate', 'post /mutate',
      'get /webhook/ca.crt', 'get /metrics', 'get /openapi/v3', 'get /openapi/v3/apis/{group}/{version}', 'get /api', 'get /apis', 'get /apis/{group}/{version}',
      `get ${NAMESPACED_APPS}`, `post ${NAMESPACED_APPS}`, `get ${NAMESPACED_APPS}/{name}`, `put ${NAMESPACED_APPS}/{name}`, `patch ${NAMESPACED_APPS}/{name}`,
      `delete ${NAMESPACED_APPS}/{name}`, `get ${NAMESPACED_APPS}/{name}/status`, `patch ${NAMESPACED_APPS}/{name}/scale`, `get ${APPS}/applications`,
      'get /apis/cloudnative.elide.dev/v1beta1/namespaces/{namespace}/applications', 'get /api/v1/namespaces/{namespace}/events',
      'put /apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}', 'post /apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    ];
    for (const entry of expected) {
      const [method, path] = entry.split(' ');
      operation(method, path);
    }
    const operationIds = Object.values(doc.paths).flatMap((item) => METHODS.flatMap((method) => (item[method] ? [item[method].operationId] : [])));
    assert.equal(new Set(operationIds).size, operationIds.length, 'operation ids are unique');
    assert.equal(operation('get', '/readyz/{check}').operationId, 'HealthController_check_readyz', 'one id per path of a multi-path handler');
    assert.ok(!Object.keys(doc.paths).some((path) => path.includes('*') || path.includes('{path}')), 'no wildcard route leaks into the document');
  });

  it('takes the Application schema, descriptions included, from the CRD (the /openapi/v3 generator)', async () => {
    const schema = doc.components.schemas[APPLICATION];
    const served = await http.get(`/openapi/v3/apis/cloudnative.elide.dev/v1`);
    assert.deepEqual(schema, served.body.components.schemas[APPLICATION]);
    const crd = (await http.get('/crd')).body;
    const crdSpec = crd.spec.versions.find((version: { name: string }) => version.name === 'v1').schema.openAPIV3Schema.properties.spec;
    assert.equal(schema.properties.spec.properties.replicas.description, crdSpec.properties.replicas.description);
    assert.equal(schema.properties.spec.properties.image.description, crdSpec.properties.image.description);
    assert.match(schema.properties.spec.properties.replicas.description, /\w/);
    assert.deepEqual(operation('post', NAMESPACED_APPS).requestBody.content['application/json'].schema, { $ref: `#/components/schemas/${APPLICATION}` });
  });

  it('describes errors as the Status component, with examples the server really answers', async () => {
    const status = doc.components.schemas[STATUS];
    for (const field of ['kind', 'apiVersion', 'status', 'message', 'reason', 'details', 'code']) assert.ok(status.properties[field], `Status.${field}`);
    const create = operation('post', NAMESPACED_APPS);
    for (const code of [400, 409, 413, 415, 422]) assert.equal(response(create, code).content['application/json'].schema.$ref, STATUS_REF, `create ${code}`);
    assert.equal(response(operation('get', `${NAMESPACED_APPS}/{name}`), 404).content['application/json'].schema.$ref, STATUS_REF);
    for (const [method, path] of [['get', '/watch'], ['get', '/events'], ['post', '/validate'], ['get', '/crd']]) {
      const op = operation(method, path);
      const code = Object.keys(op.responses).find((key) => key.startsWith('4'))!;
      assert.equal(op.responses[code].content['application/json'].schema.$ref, STATUS_REF, `${path} ${code}`);
    }
    for (const [path, request] of [['/watch', '/watch?resourceVersion=x'], ['/events', '/events?type=Bogus']]) {
      const documented = operation('get', path).responses['400'].content['application/json'].examples.BadRequest.value;
      assert.deepEqual((await http.get(request)).body, documented, path);
    }
    const missing = await http.get(`${APPS}/namespaces/default/applications/missing`);
    assert.deepEqual(doc.components.responses.NotFound.content['application/json'].examples.notFound.value, missing.body);
    const unparsable = await http.post(`${APPS}/namespaces/default/applications`, '{', { 'content-type': 'application/json' });
    assert.equal(unparsable.status, 400);
    assert.equal(doc.components.responses.BadRequest.content['application/json'].examples.malformedBody.value.reason, unparsable.body.reason);
  });

  it('carries the seed\'s examples, and the server answers them as documented', async () => {
    const body = operation('post', NAMESPACED_APPS).requestBody.content['application/json'].example;
    assert.deepEqual(body.spec, { image: 'nginx:1.25', replicas: 3 });
    const created = await http.post(`${APPS}/namespaces/default/applications`, body);
    assert.equal(created.status, 201);
    const documented = response(operation('post', NAMESPACED_APPS), 201).content['application/json'].example;
    assert.deepEqual(created.body.spec, documented.spec);
    assert.deepEqual(created.body.metadata.labels, documented.metadata.labels);
    const review = operation('post', '/validate').requestBody.content['application/json'].examples.seed.value;
    assert.equal(review.request.object.spec.image, 'nginx:1.25');
    const validated = await http.post('/validate', review);
    assert.deepEqual(validated.body, response(operation('post', '/validate'), 200).content['application/json'].examples.seed.value);
  });

  it('tags every operation with its module', () => {
    const tags = doc.tags.map((tag) => tag.name);
    for (const tag of ['applications', 'admission', 'events', 'leader-election', 'health', 'metrics', 'watch', 'discovery', 'crds', 'dashboard']) assert.ok(tags.includes(tag), tag);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) assert.ok(item[method].tags?.length === 1 && tags.includes(item[method].tags[0]), `${method} ${path}: ${item[method].tags}`);
    }
    const tagOf = (method: string, path: string) => operation(method, path).tags![0];
    assert.equal(tagOf('get', `${NAMESPACED_APPS}/{name}`), 'applications');
    assert.equal(tagOf('get', '/watch'), 'watch');
    assert.equal(tagOf('get', '/leader'), 'leader-election');
    assert.equal(tagOf('put', '/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}'), 'leader-election');
    assert.equal(tagOf('get', '/api/v1/namespaces/{namespace}/events'), 'events');
    assert.equal(tagOf('get', '/metrics'), 'metrics');
    assert.equal(tagOf('post', '/mutate'), 'admission');
    assert.equal(tagOf('get', '/readyz'), 'health');
    assert.equal(tagOf('get', '/apis'), 'discovery');
  });

  it('follows the CRD registry: a CRD registered at runtime is documented on the next request', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.docs.example.com' },
      spec: {
        group: 'docs.example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', description: 'How big.' } } } } } } }],
      },
    };
    assert.equal((await http.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status, 201);
    const after = (await http.get<Document>('/docs-json')).body;
    const list = after.paths['/apis/docs.example.com/v1/namespaces/{namespace}/gadgets']?.get;
    assert.ok(list, 'the new resource is documented');
    assert.deepEqual(list.tags, ['custom-resources']);
    assert.equal(after.components.schemas['com.example.docs.v1.Gadget'].properties.spec.properties.size.description, 'How big.');
  });

  it('serves Swagger UI at /docs from local assets only', async () => {
    const page = await http.get('/docs');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.text, /<div id="swagger-ui">/);
    const assets = [...page.text.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((match) => match[1]);
    assert.ok(assets.length >= 3, `assets: ${assets}`);
    for (const asset of assets) {
      assert.doesNotMatch(asset, /^(https?:)?\/\//, `${asset} is local`);
      const url = new URL(asset, `${operator.url}/docs`);
      assert.equal((await fetch(url)).status, 200, url.pathname);
    }
    const init = await http.get('/docs/swagger-ui-init.js');
    assert.match(init.text, /"validatorUrl": null/, 'no call to the online validator');
    assert.match(init.text, /"dev\.elide\.cloudnative\.v1\.Application"/, 'the UI embeds the same document');
  });
});
