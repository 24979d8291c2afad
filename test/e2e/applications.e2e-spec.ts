import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOperator } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

describe('Application API (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const ns = `${APPS}/namespaces/team-a/applications`;

  before(async () => {
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    http = new Http(operator.url);
  });
  after(() => operator.shutdown());

  describe('create and get', () => {
    it('creates with server-set metadata and reads it back', async () => {
      const created = await http.post(ns, application('web', {}, { labels: { tier: 'front' }, annotations: { 'note/x': 'a  b\n' } }));
      assert.equal(created.status, 201);
      const meta = created.body.metadata;
      assert.equal(meta.name, 'web');
      assert.equal(meta.namespace, 'team-a');
      assert.match(meta.uid, /^[0-9a-f-]{36}$/);
      assert.match(meta.resourceVersion, /^\d+$/);
      assert.equal(meta.generation, 1);
      assert.match(meta.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(meta.labels.tier, 'front');
      assert.equal(meta.annotations['note/x'], 'a  b\n');
      assert.equal(created.body.spec.strategy, 'RollingUpdate', 'schema default applied');
      const got = await http.get(`${ns}/web`);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body.metadata, meta);
      assert.equal(got.body.apiVersion, 'cloudnative.elide.dev/v1');
      assert.equal(got.body.kind, 'Application');
    });

    it('ignores status on create and generates names', async () => {
      const created = await http.post(ns, { ...application(''), metadata: { generateName: 'gen-' }, status: { phase: 'Running' } });
      assert.equal(created.status, 201);
      assert.match(created.body.metadata.name, /^gen-[a-z0-9]{5}$/);
      assert.equal(created.body.status, undefined);
    });

    it('answers 409 AlreadyExists for a duplicate', async () => {
      await http.post(ns, application('dup'));
      const again = await http.post(ns, application('dup'));
      assert.equal(again.status, 409);
      assert.equal(again.body.kind, 'Status');
      assert.equal(again.body.reason, 'AlreadyExists');
      assert.equal(again.body.message, 'applications.cloudnative.elide.dev "dup" already exists');
    });

    it('answers 404 NotFound with a Status', async () => {
      const missing = await http.get(`${ns}/nope`);
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'applications.cloudnative.elide.dev "nope" not found',
        reason: 'NotFound',
        details: { name: 'nope', group: 'cloudnative.elide.dev', kind: 'applications' },
        code: 404,
      });
    });

    it('rejects a body namespace that differs from the path (400)', async () => {
      const res = await http.post(ns, application('x', {}, { namespace: 'other' }));
      assert.equal(res.status, 400);
      assert.equal(res.body.reason, 'BadRequest');
    });

    it('rejects names that are not DNS-1123 subdomains (422)', async () => {
      const res = await http.post(ns, application('Bad_Name'));
      assert.equal(res.status, 422);
      assert.equal(res.body.reason, 'Invalid');
      assert.equal(res.body.details.causes[0].field, 'metadata.name');
    });

    it('validates against the schema with one cause per field (422)', async () => {
      const res = await http.post(ns, { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'bad' }, spec: { replicas: 101, strategy: 'Blue', config: { a: 1 } } });
      assert.equal(res.status, 422);
      const fields = res.body.details.causes.map((c: { field: string }) => c.field).sort();
      assert.deepEqual(fields, ['spec.config.a', 'spec.image', 'spec.replicas', 'spec.strategy']);
      assert.match(res.body.message, /^Application\.cloudnative\.elide\.dev "bad" is invalid: /);
      assert.equal((await http.get(`${ns}/bad`)).status, 404, 'nothing stored');
    });

    it('prunes unknown fields, and Strict field validation rejects them', async () => {
      const pruned = await http.post(`${ns}?fieldValidation=Ignore`, application('pruned', { extra: true }));
      assert.equal(pruned.status, 201);
      assert.equal(pruned.body.spec.extra, undefined);
      const warned = await http.post(ns, application('warned', { extra: true }));
      assert.equal(warned.status, 201);
      assert.ok(warned.headers.get('warning')?.includes('299 - "unknown field \\"spec.extra\\""'), String(warned.headers.get('warning')));
      const strict = await http.post(`${ns}?fieldValidation=Strict`, application('strict', { extra: true }));
      assert.equal(strict.status, 400);
      assert.match(strict.body.message, /strict decoding error: unknown field "spec.extra"/);
    });
  });

  describe('request bodies', () => {
    it('answers 400 for malformed JSON', async () => {
      const res = await http.request('POST', ns, '{"apiVersion":', { 'content-type': 'application/json' });
      assert.equal(res.status, 400);
      assert.equal(res.body.kind, 'Status');
      assert.equal(res.body.reason, 'BadRequest');
    });

    it('answers 413 above 3 MiB', async () => {
      const huge = JSON.stringify(application('huge', { config: { blob: 'x'.repeat(3 * 1024 * 1024) } }));
      const res = await http.request('POST', ns, huge, { 'content-type': 'application/json' });
      assert.equal(res.status, 413);
      assert.equal(res.body.reason, 'RequestEntityTooLarge');
    });

    it('answers 415 for an unsupported media type', async () => {
      const res = await http.request('POST', ns, 'name: x', { 'content-type': 'application/xml' });
      assert.equal(res.status, 415);
      assert.equal(res.body.reason, 'UnsupportedMediaType');
    });

    it('accepts a non-object body only as a 400', async () => {
      for (const body of ['[]', '"text"', '42', 'null']) {
        const res = await http.request('POST', ns, body, { 'content-type': 'application/json' });
        assert.equal(res.status, 400, body);
      }
    });
  });

  describe('update', () => {
    it('bumps generation only when spec changes; stale resourceVersion is 409', async () => {
      const created = (await http.post(ns, application('upd'))).body;
      const labelled = await http.put(`${ns}/upd`, { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
      assert.equal(labelled.status, 200);
      assert.equal(labelled.body.metadata.generation, 1);
      assert.notEqual(labelled.body.metadata.resourceVersion, created.metadata.resourceVersion);
      const scaled = await http.put(`${ns}/upd`, { ...labelled.body, spec: { ...labelled.body.spec, replicas: 5 } });
      assert.equal(scaled.body.metadata.generation, 2);
      assert.equal(scaled.body.metadata.uid, created.metadata.uid);
      assert.equal(scaled.body.metadata.creationTimestamp, created.metadata.creationTimestamp);
      const stale = await http.put(`${ns}/upd`, { ...created, spec: { ...created.spec, replicas: 7 } });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.reason, 'Conflict');
      assert.equal(
        stale.body.message,
        'Operation cannot be fulfilled on applications.cloudnative.elide.dev "upd": the object has been modified; please apply your changes to the latest version and try again',
      );
    });

    it('accepts a PUT without resourceVersion (last write wins) and ignores status', async () => {
      await http.post(ns, application('lww'));
      const res = await http.put(`${ns}/lww`, { ...application('lww', { replicas: 4 }), status: { phase: 'Running' } });
      assert.equal(res.status, 200);
      assert.equal(res.body.spec.replicas, 4);
      assert.equal(res.body.status, undefined);
    });

    it('answers 404 for a PUT of a missing object and 400 for a name mismatch', async () => {
      assert.equal((await http.put(`${ns}/ghost`, application('ghost'))).status, 404);
      await http.post(ns, application('named'));
      assert.equal((await http.put(`${ns}/named`, application('other'))).status, 400);
    });

    it('writes status only through /status', async () => {
      const created = (await http.post(ns, application('st'))).body;
      const res = await http.put(`${ns}/st/status`, { ...created, spec: { ...created.spec, replicas: 9 }, status: { phase: 'Running', replicas: 2 } });
      assert.equal(res.status, 200);
      assert.equal(res.body.status.phase, 'Running');
      assert.equal(res.body.spec.replicas, 2, 'spec unchanged through /status');
      assert.equal(res.body.metadata.generation, 1);
      const invalid = await http.put(`${ns}/st/status`, { ...res.body, status: { phase: 'Exploded' } });
      assert.equal(invalid.status, 422);
      const got = await http.get(`${ns}/st/status`);
      assert.equal(got.body.status.phase, 'Running');
    });
  });

  describe('patch', () => {
    it('applies merge and JSON patches; strategic is 415 for custom resources', async () => {
      await http.post(ns, application('pt'));
      const merged = await http.patch(`${ns}/pt`, { spec: { replicas: 3 }, metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
      assert.equal(merged.status, 200);
      assert.equal(merged.body.spec.replicas, 3);
      assert.equal(merged.body.metadata.labels.x, 'y');
      assert.equal(merged.body.metadata.generation, 2);
      const json = await http.patch(`${ns}/pt`, [{ op: 'replace', path: '/spec/image', value: 'nginx:1.26' }], 'application/json-patch+json');
      assert.equal(json.status, 200);
      assert.equal(json.body.spec.image, 'nginx:1.26');
      const strategic = await http.patch(`${ns}/pt`, { spec: { replicas: 1 } }, 'application/strategic-merge-patch+json');
      assert.equal(strategic.status, 415);
      assert.equal(strategic.body.reason, 'UnsupportedMediaType');
      const other = await http.patch(`${ns}/pt`, { spec: {} }, 'text/plain');
      assert.equal(other.status, 415);
    });

    it('leaves resourceVersion alone for a no-op patch', async () => {
      const created = (await http.post(ns, application('noop'))).body;
      const res = await http.patch(`${ns}/noop`, { spec: { replicas: created.spec.replicas } }, 'application/merge-patch+json');
      assert.equal(res.status, 200);
      assert.equal(res.body.metadata.resourceVersion, created.metadata.resourceVersion);
    });

    it('answers 409 for a patch carrying a stale resourceVersion, 422 for an invalid result, 404 when missing', async () => {
      const created = (await http.post(ns, application('pc'))).body;
      await http.patch(`${ns}/pc`, { spec: { replicas: 4 } }, 'application/merge-patch+json');
      const stale = await http.patch(`${ns}/pc`, { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { replicas: 5 } }, 'application/merge-patch+json');
      assert.equal(stale.status, 409);
      const invalid = await http.patch(`${ns}/pc`, { spec: { replicas: -1 } }, 'application/merge-patch+json');
      assert.equal(invalid.status, 422);
      const badOp = await http.patch(`${ns}/pc`, [{ op: 'remove', path: '/spec/nothing' }], 'application/json-patch+json');
      assert.equal(badOp.status, 422);
      const malformed = await http.patch(`${ns}/pc`, { op: 'x' }, 'application/json-patch+json');
      assert.equal(malformed.status, 400);
      assert.equal((await http.patch(`${ns}/ghost`, { spec: {} }, 'application/merge-patch+json')).status, 404);
    });
  });

  describe('delete and finalizers', () => {
    it('removes an object without finalizers at once', async () => {
      await http.post(ns, application('gone'));
      const res = await http.delete(`${ns}/gone`);
      assert.equal(res.status, 200);
      assert.equal(res.body.metadata.name, 'gone');
      assert.equal((await http.get(`${ns}/gone`)).status, 404);
      assert.equal((await http.delete(`${ns}/gone`)).status, 404);
    });

    it('keeps an object with finalizers until the last one is removed', async () => {
      await http.post(ns, application('held', {}, { finalizers: ['example.com/hold'] }));
      const res = await http.delete(`${ns}/held`, { propagationPolicy: 'Background' });
      assert.equal(res.status, 200);
      assert.match(res.body.metadata.deletionTimestamp, /Z$/);
      const still = await http.get(`${ns}/held`);
      assert.equal(still.status, 200);
      assert.ok(still.body.metadata.deletionTimestamp);
      const adding = await http.patch(`${ns}/held`, { metadata: { finalizers: ['example.com/hold', 'example.com/more'] } }, 'application/merge-patch+json');
      assert.equal(adding.status, 422);
      const released = await http.patch(`${ns}/held`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
      assert.equal(released.status, 200);
      assert.equal((await http.get(`${ns}/held`)).status, 404);
    });

    it('honours delete preconditions', async () => {
      const created = (await http.post(ns, application('pre'))).body;
      const wrong = await http.delete(`${ns}/pre`, { preconditions: { uid: 'not-it' } });
      assert.equal(wrong.status, 409);
      const right = await http.delete(`${ns}/pre`, { preconditions: { uid: created.metadata.uid } });
      assert.equal(right.status, 200);
    });
  });

  describe('list', () => {
    const sel = `${APPS}/namespaces/sel/applications`;
    before(async () => {
      await http.post(sel, application('a1', {}, { labels: { app: 'a', tier: 'web' } }));
      await http.post(sel, application('a2', {}, { labels: { app: 'a', tier: 'db' } }));
      await http.post(sel, application('b1', {}, { labels: { app: 'b' } }));
      await http.post(sel, application('c1'));
    });

    it('lists in a namespace and cluster-wide as ApplicationList', async () => {
      const list = await http.get(sel);
      assert.equal(list.status, 200);
      assert.equal(list.body.kind, 'ApplicationList');
      assert.equal(list.body.apiVersion, 'cloudnative.elide.dev/v1');
      assert.match(list.body.metadata.resourceVersion, /^\d+$/);
      assert.deepEqual(list.body.items.map((i: any) => i.metadata.name), ['a1', 'a2', 'b1', 'c1']);
      const all = await http.get(`${APPS}/applications`);
      const namespaces = new Set(all.body.items.map((i: any) => i.metadata.namespace));
      assert.ok(namespaces.has('sel') && namespaces.has('team-a'));
    });

    const cases: [string, string[]][] = [
      ['app=a', ['a1', 'a2']],
      ['app==a', ['a1', 'a2']],
      ['app!=a', ['b1', 'c1']],
      ['app in (a,b)', ['a1', 'a2', 'b1']],
      ['app notin (a)', ['b1', 'c1']],
      ['tier', ['a1', 'a2']],
      ['!tier', ['b1', 'c1']],
      ['app=a,tier=db', ['a2']],
    ];
    for (const [selector, expected] of cases) {
      it(`filters by labelSelector ${selector}`, async () => {
        const list = await http.get(`${sel}?labelSelector=${encodeURIComponent(selector)}`);
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.items.map((i: any) => i.metadata.name), expected);
      });
    }

    it('filters by fieldSelector and rejects unsupported fields and bad selectors', async () => {
      const byName = await http.get(`${APPS}/applications?fieldSelector=${encodeURIComponent('metadata.name=b1')}`);
      assert.deepEqual(byName.body.items.map((i: any) => i.metadata.name), ['b1']);
      const byNs = await http.get(`${APPS}/applications?fieldSelector=${encodeURIComponent('metadata.namespace!=team-a,metadata.name!=a1')}`);
      assert.ok(byNs.body.items.every((i: any) => i.metadata.namespace !== 'team-a' && i.metadata.name !== 'a1'));
      const noPhase = await http.get(`${sel}?fieldSelector=${encodeURIComponent('status.phase=Running')}`);
      assert.equal(noPhase.status, 200);
      assert.deepEqual(noPhase.body.items, []);
      assert.equal((await http.get(`${sel}?fieldSelector=spec.image%3Dx`)).status, 400);
      assert.equal((await http.get(`${sel}?labelSelector=${encodeURIComponent('a in (b')}`)).status, 400);
    });

    it('paginates with limit and continue', async () => {
      const first = await http.get(`${sel}?limit=3`);
      assert.equal(first.body.items.length, 3);
      assert.ok(first.body.metadata.continue);
      assert.equal(first.body.metadata.remainingItemCount, 1);
      await http.post(sel, application('a0'));
      const second = await http.get(`${sel}?limit=3&continue=${encodeURIComponent(first.body.metadata.continue)}`);
      assert.deepEqual(second.body.items.map((i: any) => i.metadata.name), ['c1'], 'continued list is read at the first page revision');
      assert.equal(second.body.metadata.continue, undefined);
      assert.equal(second.body.metadata.resourceVersion, first.body.metadata.resourceVersion);
      const selected = await http.get(`${sel}?limit=1&labelSelector=app%3Da`);
      assert.deepEqual(selected.body.items.map((i: any) => i.metadata.name), ['a1']);
      const rest = await http.get(`${sel}?limit=1&labelSelector=app%3Da&continue=${encodeURIComponent(selected.body.metadata.continue)}`);
      assert.deepEqual(rest.body.items.map((i: any) => i.metadata.name), ['a2']);
      assert.equal((await http.get(`${sel}?continue=garbage`)).status, 400);
      assert.equal((await http.get(`${sel}?limit=-1`)).status, 400);
    });
  });

  describe('v1beta1', () => {
    it('reads and writes the same object through either version', async () => {
      const beta = `/apis/cloudnative.elide.dev/v1beta1/namespaces/conv/applications`;
      const created = await http.post(beta, { apiVersion: 'cloudnative.elide.dev/v1beta1', kind: 'Application', metadata: { name: 'old' }, spec: { image: 'nginx:1.25', replicaCount: 3 } });
      assert.equal(created.status, 201);
      assert.equal(created.body.spec.replicaCount, 3);
      assert.match(created.headers.get('warning') ?? '', /deprecated/);
      const v1 = await http.get(`${APPS}/namespaces/conv/applications/old`);
      assert.equal(v1.body.spec.replicas, 3);
      assert.equal(v1.body.spec.replicaCount, undefined);
      await http.patch(`${APPS}/namespaces/conv/applications/old`, { spec: { replicas: 6 } }, 'application/merge-patch+json');
      const back = await http.get(`${beta}/old`);
      assert.equal(back.body.apiVersion, 'cloudnative.elide.dev/v1beta1');
      assert.equal(back.body.spec.replicaCount, 6);
      const invalid = await http.post(beta, { apiVersion: 'cloudnative.elide.dev/v1beta1', kind: 'Application', metadata: { name: 'bad' }, spec: { image: 'x', replicaCount: 500 } });
      assert.equal(invalid.status, 422);
      assert.equal(invalid.body.details.causes[0].field, 'spec.replicaCount');
    });
  });

  describe('CRDs', () => {
    it('serves the Application CRD at /crd and lists CRDs', async () => {
      const crd = await http.get('/crd');
      assert.equal(crd.status, 200);
      assert.equal(crd.body.kind, 'CustomResourceDefinition');
      assert.equal(crd.body.metadata.name, 'applications.cloudnative.elide.dev');
      assert.deepEqual(crd.body.spec.names.shortNames, ['app']);
      const crds = await http.get('/crds');
      assert.ok(crds.body.items.some((c: any) => c.metadata.name === 'applications.cloudnative.elide.dev'));
      const api = await http.get('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/applications.cloudnative.elide.dev');
      assert.equal(api.body.spec.group, 'cloudnative.elide.dev');
    });

    it('serves a CRD created through the API at once, with the same generic code', async () => {
      const crd = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', maximum: 10 } } } } } },
            },
          ],
        },
      };
      const created = await http.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
      assert.equal(created.status, 201);
      const widgets = '/apis/example.com/v1/namespaces/default/widgets';
      const ok = await http.post(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } });
      assert.equal(ok.status, 201);
      const bad = await http.post(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2' }, spec: { size: 11 } });
      assert.equal(bad.status, 422);
      assert.equal((await http.get(widgets)).body.kind, 'WidgetList');
      const invalidCrd = await http.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { ...crd, metadata: { name: 'wrong.example.com' } });
      assert.equal(invalidCrd.status, 422);
    });
  });

  describe('service shell', () => {
    it('describes itself at / and answers the probes', async () => {
      const root = await http.get('/');
      assert.equal(root.status, 200);
      assert.equal(root.body.name, 'application-operator');
      assert.equal(root.body.mode, 'standalone');
      assert.ok(root.body.endpoints.applications);
      assert.equal((await http.get('/healthz')).status, 200);
      const ready = await http.get('/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.checks.store, 'ok');
    });

    it('answers unknown paths and resources with 404 Status, never 500', async () => {
      for (const path of ['/nope', '/apis/nope.io/v1/things', '/apis/cloudnative.elide.dev/v9/applications', `${ns}/x/y/z`, `${ns}/x/exec`]) {
        const res = await http.get(path);
        assert.equal(res.status, 404, path);
        assert.equal(res.body.kind, 'Status', path);
      }
    });
  });
});
