import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOperator, tempDir } from '../support/operator.js';
import { Kubectl } from '../support/kubectl.js';
import { waitFor } from '../support/wait.js';
import { APPS, application, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const APPLY = 'application/apply-patch+yaml';
const BEYOND_UINT64 = '99999999999999999999999';

describe('API edge cases (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const ns = `${APPS}/namespaces/edge/applications`;

  let dir: ReturnType<typeof tempDir>;
  let kubectl: Kubectl;

  before(async () => {
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    http = new Http(operator.url);
    dir = tempDir('api-edge-');
    kubectl = Kubectl.forServer(dir.path, operator.url);
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  describe('a non-string metadata.resourceVersion in a patch', () => {
    it('answers 422 Invalid on "patch" for merge and JSON patches, as kube-apiserver, and stores nothing', async () => {
      const created = await http.post(ns, application('rv-number'));
      for (const [body, type] of [
        [{ metadata: { resourceVersion: 5 }, spec: { replicas: 3 } }, MERGE],
        [[{ op: 'replace', path: '/metadata/resourceVersion', value: true }], JSON_PATCH],
      ] as const) {
        const res = await http.patch(`${ns}/rv-number`, body, type);
        assert.equal(res.status, 422, res.text);
        assert.equal(res.body.reason, 'Invalid');
        assert.match(res.body.message, /^ "" is invalid: patch: Invalid value: "\{.*": json: cannot unmarshal (number|bool) into Go struct field ObjectMeta.resourceVersion of type string$/);
        assert.equal(res.body.details.causes[0].field, 'patch');
      }
      assert.equal((await http.get(`${ns}/rv-number`)).body.metadata.resourceVersion, created.body.metadata.resourceVersion);
    });

    it('answers 400 for server-side apply, and takes null as no precondition', async () => {
      await http.post(ns, application('rv-apply'));
      const refused = await http.patch(`${ns}/rv-apply?fieldManager=e2e&force=true`, application('rv-apply', {}, { namespace: 'edge', resourceVersion: { a: 1 } }), APPLY);
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.message, 'failed to create typed patch object (edge/rv-apply; cloudnative.elide.dev/v1, Kind=Application): .metadata.resourceVersion: expected string, got &value.valueUnstructured{Value:map[string]interface {}{"a":1}}');
      const applied = await http.patch(`${ns}/rv-apply?fieldManager=e2e&force=true`, application('rv-apply', { replicas: 4 }, { resourceVersion: null }), APPLY);
      assert.equal(applied.status, 200, applied.text);
      const merged = await http.patch(`${ns}/rv-apply`, { metadata: { resourceVersion: null }, spec: { replicas: 5 } }, MERGE);
      assert.equal(merged.status, 200, merged.text);
      assert.equal(merged.body.spec.replicas, 5);
    });
  });

  describe('a non-string metadata field in a Scale (PUT .../scale)', () => {
    it('answers 400 as kube decodes it, and changes nothing (found by the fuzzer: a number was a 500)', async () => {
      await http.post(ns, application('scaled', { replicas: 1 }));
      for (const resourceVersion of [1e308, true, { a: 1 }]) {
        const res = await http.put(`${ns}/scaled/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'scaled', namespace: 'edge', resourceVersion }, spec: { replicas: 2 } });
        assert.equal(res.status, 400, res.text);
        assert.match(res.body.message, /^Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal (number|bool|object) into Go struct field ObjectMeta\.resourceVersion of type string$/);
      }
      assert.equal((await http.get(`${ns}/scaled`)).body.spec.replicas, 1);
    });
  });

  describe('a resourceVersion beyond uint64', () => {
    const expected = `invalid resource version: resourceVersion: Invalid value: "${BEYOND_UINT64}": strconv.ParseUint: parsing "${BEYOND_UINT64}": value out of range`;

    it('answers 400 BadRequest at once for get, list and watch', async () => {
      await http.post(ns, application('big'));
      for (const path of [`${ns}/big?resourceVersion=${BEYOND_UINT64}`, `${ns}?resourceVersion=${BEYOND_UINT64}`, `${ns}?resourceVersion=${BEYOND_UINT64}&limit=1`, `${ns}?watch=true&resourceVersion=${BEYOND_UINT64}&timeoutSeconds=5`]) {
        const started = Date.now();
        const res = await http.get(path);
        assert.equal(res.status, 400, `${path}: ${res.text}`);
        assert.equal(res.body.reason, 'BadRequest');
        assert.equal(res.body.message, expected);
        assert.ok(Date.now() - started < 2000, `${path} answered at once`);
      }
    });

    it('answers 400 BadRequest for one in a body (update, merge patch)', async () => {
      const put = await http.put(`${ns}/big`, application('big', {}, { resourceVersion: BEYOND_UINT64 }));
      assert.equal(put.status, 400, put.text);
      assert.equal(put.body.message, expected);
      const patched = await http.patch(`${ns}/big`, { metadata: { resourceVersion: BEYOND_UINT64 } }, MERGE);
      assert.equal(patched.status, 400, patched.text);
    });

    it('still answers 504 "Too large resource version" for a valid revision the store has not reached', async () => {
      const res = await http.get(`${ns}?resourceVersion=18446744073709551615`);
      assert.equal(res.status, 504, res.text);
      assert.match(res.body.message, /^Too large resource version: /);
    });
  });

  describe('namespace deletion', () => {
    const doomed = `${APPS}/namespaces/doomed/applications`;

    it('terminates the namespace, refuses creates, deletes its objects, waits for finalizers, then removes it', async () => {
      await kubectl.ok(['create', 'namespace', 'doomed']);
      assert.equal((await http.post(doomed, application('plain'))).status, 201);
      assert.equal((await http.post(doomed, application('held', {}, { finalizers: ['example.com/hold'] }))).status, 201);

      const deleting = kubectl.start(['delete', 'namespace', 'doomed', '--wait=true', '--timeout=60s']);
      await waitFor(async () => (await http.get('/api/v1/namespaces/doomed')).body?.status?.phase === 'Terminating', 15_000, 'namespace Terminating');
      const ns = (await http.get('/api/v1/namespaces/doomed')).body;
      assert.ok(ns.metadata.deletionTimestamp);
      assert.deepEqual(ns.spec.finalizers, ['kubernetes']);

      const refused = await kubectl.run(['create', '-n', 'doomed', '-f', '-'], { input: JSON.stringify(application('late')) });
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /Error from server \(Forbidden\).*applications.cloudnative.elide.dev "late" is forbidden: unable to create new content in namespace doomed because it is being terminated/);
      const post = await http.post(doomed, application('late'));
      assert.equal(post.status, 403);
      assert.equal(post.body.message, 'applications.cloudnative.elide.dev "late" is forbidden: unable to create new content in namespace doomed because it is being terminated');
      assert.equal(post.body.details.causes[0].reason, 'NamespaceTerminating');

      await waitFor(async () => (await http.get(`${doomed}/plain`)).status === 404, 15_000, 'plain deleted');
      const held = await waitFor(async () => (await http.get(`${doomed}/held`)).body?.metadata?.deletionTimestamp, 15_000, 'held marked for deletion');
      assert.ok(held);
      assert.equal((await http.get('/api/v1/namespaces/doomed')).status, 200, 'the namespace waits for the finalizer');

      assert.equal((await http.patch(`${doomed}/held`, { metadata: { finalizers: null } }, MERGE)).status, 200);
      const result = await deleting.exited;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /namespace "doomed" deleted/);
      assert.equal((await http.get('/api/v1/namespaces/doomed')).status, 404);
      assert.equal((await http.get(`${doomed}/held`)).status, 404);
    });
  });
});
